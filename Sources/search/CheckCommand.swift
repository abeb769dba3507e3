import ArgumentParser
import FoundationEssentials
import Storage
import Rendering

/// `search check`: verifies the index and says in words what is wrong. Exit 0 when healthy, 2 when not.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the index: database file, full-text index, layout version, documents against passages.",
        discussion: """
        Runs SQLite's integrity check, FTS5's integrity check (which re-tokenizes every passage and compares), checks \
        the layout version, and that every document has exactly its passages and no passage belongs to nobody. Exit \
        status 0 when healthy, 2 when not (each problem named on stdout). A damaged full-text index is repaired by \
        search rebuild.

        Examples:
          search check
          search check --db news.db --format json
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var database: DatabaseOption

    @Option(help: "Output format: text, or json (one object: healthy, problems, documents, passages, schema_version, digest).")
    var format: Format = .text

    /// The old spelling of --format json, kept for scripts.
    @Flag(help: .hidden)
    var json = false

    @OptionGroup var waiting: WaitOption

    func run() throws {
        let path = database.resolved.path
        let health = try IndexChecker.check(path: path, wait: waiting.wait)
        if json || format == .json {
            struct Report: Encodable {
                var healthy: Bool
                var problems: [String]
                var documents: Int
                var passages: Int
                var schemaVersion: Int
                var digest: String
                // snake_case, as every other JSON output of search.
                enum CodingKeys: String, CodingKey {
                    case healthy, problems, documents, passages, schemaVersion = "schema_version", digest
                }
            }
            let encoder = JSONOutput.encoder()
            let report = Report(healthy: health.healthy, problems: health.problems.map(\.description), documents: health.documents,
                                passages: health.passages, schemaVersion: health.schemaVersion, digest: health.digest)
            Output.write(bytes: Array(try encoder.encode(report)) + [0x0A])
        } else {
            var out = "index \(path): " + (health.healthy ? "healthy" : "\(health.problems.count) problem\(health.problems.count == 1 ? "" : "s")") + "\n"
            out += "  schema version \(health.schemaVersion), \(health.documents) documents, \(health.passages) passages\n"
            for problem in health.problems { out += "  - \(problem)\n" }
            Output.write(out)
        }
        if !health.healthy { throw ExitCode(2) }
    }
}
