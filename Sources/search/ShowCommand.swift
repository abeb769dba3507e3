import ArgumentParser
import FoundationEssentials
import Searcher
import Rendering

/// `search show DOC [--query Q]`: one document's facts and passages, with a query's matches marked.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a document: its title, date and where the date came from, path, and passages.",
        discussion: """
        DOC is the path results show (relative to the folder that was indexed; archive.jsonl#ID for an article of \
        an archive) or the file's path. With --query, the words the query matches are marked and the passages \
        that match are flagged with >; --matching shows only those.

        Examples:
          search show 2019/11/baghdad-protests.txt
          search show wire.jsonl#tl-20200103-001 --query 'Soleimani OR Muhandis'
          search show page.html -q Tahrir --matching
          search -l Soleimani | head -1 | xargs search show   the best match
          search show page.html --format json | jq '.passages | length'
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var database: DatabaseOption

    @Argument(help: ArgumentHelp("The document: a path as results show it, or the file's path.", valueName: "DOC"), completion: .file())
    var doc: String

    @Option(name: [.short, .long], help: ArgumentHelp("Mark what this query matches.", valueName: "QUERY"))
    var query: String?

    @Flag(help: "Show only the passages the query matches.")
    var matching = false

    @Flag(help: "Match only the spellings typed: no name variants.")
    var exact = false

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "What JSON highlight ranges count: bytes (UTF-8, the default) or chars (Unicode code points).")
    var offsets: OffsetUnit = .bytes

    @Option(help: "Highlight with colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if matching && query == nil { throw ValidationError("--matching needs --query") }
    }

    func run() throws {
        let searcher = try IndexSearcher(path: database.resolved.path)
        var view = try searcher.show(doc, query: query, exact: exact)
        let total = view.passages.count
        if matching { view.passages.removeAll { $0.highlights.isEmpty } }
        switch format {
        case .json:
            let encoder = JSONOutput.encoder(pretty: Output.stdoutIsTerminal)
            Output.write(bytes: Array(try encoder.encode(offsets.convert(view))) + [0x0A])
        case .text:
            Output.write(ShowRenderer.text(view, total: total, color: Output.useColor(color)))
        }
    }
}
