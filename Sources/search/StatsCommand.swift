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
            Output.write(StatsCommand.text(stats, path: path, names: names))
        }
    }

    /// The statistics for people, one fact per line.
    static func text(_ s: IndexStatistics, path: String, names: Int) -> String {
        var out = "index:      \(path) (\(IndexCommand.formatBytes(s.databaseBytes)))\n"
        out += "documents:  \(s.documents) (\(s.datedDocuments) dated, \(s.documents - s.datedDocuments) undated)\n"
        out += "passages:   \(s.passages)\n"
        // At the dates' own precision: a document dated only 2020 ends the range at 2020, not at 2020-12-31.
        if let first = s.firstDate ?? s.firstDay, let last = s.lastDate ?? s.lastDay { out += "dates:      \(first) to \(last)\n" }
        out += "name keys:  " + (s.lowerCaseNames ? "names written with a capital or in lower case (--lowercase-names)\n"
                                                  : "names written with a capital\n")
        if !s.years.isEmpty { out += "by year:    " + s.years.map { "\($0.year): \($0.documents)" }.joined(separator: ", ") + "\n" }
        if names > 0 {
            if s.names.isEmpty {
                out += "names:      none (the analyzer made no name keys)\n"
            } else {
                out += "names:      (documents, then spellings seen)\n"
                let width = s.names.map { String($0.documents).count }.max() ?? 1
                for name in s.names {
                    let count = String(repeating: " ", count: width - String(name.documents).count) + String(name.documents)
                    let spellings = name.spellings.prefix(5).map(\.text).joined(separator: ", ")
                    out += "  \(count)  \(Output.escaped(spellings.isEmpty ? name.key : spellings))\n"
                }
            }
        }
        return out
    }
}
