import ArgumentParser
import Foundation
import Indexer

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
          search check --db news.db --json
        """)

    @OptionGroup var database: DatabaseOption

    @Flag(help: "Print the findings as one JSON object (healthy, problems, documents, passages, schemaVersion, digest).")
    var json = false

    @Option(help: ArgumentHelp("Seconds to wait for a running index to finish.", valueName: "SECONDS"))
    var wait: Double = 0

    func validate() throws {
        guard wait >= 0 else { throw ValidationError("--wait must be zero or more seconds") }
    }

    func run() throws {
        let path = database.resolved.path
        let health = try IndexChecker.check(path: path, wait: wait)
        if json {
            struct Report: Encodable {
                var healthy: Bool
                var problems: [String]
                var documents: Int
                var passages: Int
                var schemaVersion: Int
                var digest: String
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let report = Report(healthy: health.healthy, problems: health.problems, documents: health.documents,
                                passages: health.passages, schemaVersion: health.schemaVersion, digest: health.digest)
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
        } else {
            var out = "index \(path): " + (health.healthy ? "healthy" : "\(health.problems.count) problem\(health.problems.count == 1 ? "" : "s")") + "\n"
            out += "  schema version \(health.schemaVersion), \(health.documents) documents, \(health.passages) passages\n"
            for problem in health.problems { out += "  - \(problem)\n" }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
        if !health.healthy { throw ExitCode(2) }
    }
}
