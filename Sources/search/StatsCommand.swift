import ArgumentParser
import FoundationEssentials
import Searcher
import Storage
import Rendering

/// `search stats`: what is in the index.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show what the index holds: documents, passages, dates, size and the commonest names.",
        discussion: """
        Names are counted by their name key, the form all spellings of a name share, and shown with the spellings \
        found in the text, commonest first. Counts are of documents.

        Examples:
          search stats
          search stats --names 25 --db news.db
          search stats --format json | jq .documents
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var database: DatabaseOption

    @Option(help: ArgumentHelp("How many names to show.", valueName: "N"))
    var names: Int = 10

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func validate() throws {
        guard names >= 0 else { throw ValidationError("--names must be zero or more") }
    }

    func run() throws {
        let path = database.resolved.path
        let stats = try IndexSearcher(path: path).statistics(names: names)
        switch format {
        case .json:
            let encoder = JSONOutput.encoder(pretty: Output.stdoutIsTerminal)
            Output.write(bytes: Array(try encoder.encode(stats)) + [0x0A])
        case .text:
            Output.write(StatsRenderer.text(stats, path: path, names: names))
        }
    }
}
