import ArgumentParser
import FoundationEssentials
import Indexer
import Searcher
import Storage
import Rendering

/// Output formats of `search query`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl, csv
}

extension ResultOrder: ExpressibleByArgument {}

/// When to colour highlights.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// `search query QUERY` (and plain `search QUERY`): ranked passages with highlighted snippets.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Search the index (the default command: `search QUERY` is `search query QUERY`).",
        discussion: """
        Query language:
          Soleimani Iraq            both words, in any spelling (Suleimani, Soleymani)
          "Abu Mahdi al-Muhandis"   a phrase, across spellings ("Abu Mahdi Mohandes")
          Hezbollah OR Hizballah    either
          Iraq -Lebanon             Iraq but not Lebanon (also: Iraq NOT Lebanon)
          protest*                  words starting with protest
          NEAR(Khamenei Iraq, 5)    within 5 words of each other (default 10)
          title:Khamenei            in the title only (also body:)
          (Basra OR Najaf) protest  grouping
        Hyphens, apostrophes and colons inside names are part of the name: al-Haq, \
        Kata'ib. A query word that starts with - goes inside the quoted query, or after \
        --: search 'Iraq -Lebanon', search -- Iraq -Lebanon.

        Dates are YYYY, YYYY-MM or YYYY-MM-DD. --since/--until filter on the document's date and leave out \
        documents without one; --mentions-since/--mentions-until keep passages that mention a date in the range.

        Paths: text output and -l print paths a shell in the current folder can open (relative when under it, \
        else absolute); -l -0 ends each with a NUL byte for xargs -0. --path GLOB keeps the documents whose \
        path (relative to the indexed folder) matches. Documents bm25 scores alike (a word found in every \
        document scores 0) are ordered by how well their best passage matches.

        Output: text for people (matches marked in colour on a terminal, with ** in a pipe); json (one object), \
        jsonl (one result per line) and csv (a header row, then rank, doc, title, date, passage, score, snippet) \
        for scripts. The JSON shape is described by docs/search-results.schema.json.

        Examples:
          search "Tahrir Square"
          search 'Kataeb Hezbollah' --since 2019-12 --format json
          search Soleimani --exact            only this spelling
          search protest --mentions-since 2019-12-01 --mentions-until 2019-12-31
          search Soleimani --sort date -n 20  the 20 newest first
          search Soleimani --offset 10        the second page
          search Muhandis --count             how many documents and passages
          search -l "Kata'ib Hezbollah"       every matching document's path
          search Najaf --format csv > najaf.csv
          search Basra --format jsonl | jq -r .doc
          search Kāẓim --format jsonl --offsets chars   highlights as Python slices text
          search -l Muhandis -0 | xargs -0 wc -c
          search Najaf --path '2019/**'       only documents under 2019/
        """)

    @OptionGroup var database: DatabaseOption

    @Argument(help: ArgumentHelp("The query (quote it in the shell).", valueName: "QUERY"))
    var words: [String]

    @OptionGroup var dates: DateFilters<QueryWording>

    @Option(name: [.customShort("n"), .long], help: ArgumentHelp("Show at most N documents (default: 10; with -l, all).", valueName: "N"))
    var limit: Int?

    @Option(help: "Skip the first N documents (for paging).")
    var offset: Int = 0

    @Option(help: "Passages to show per document, best first.")
    var passages: Int = 1

    @Option(help: "Snippet length in words.")
    var snippetWords: Int = 40

    @Option(help: "Output format: text, json (one object), jsonl (one result per line) or csv.")
    var format: OutputFormat = .text

    @Option(help: "What the highlight ranges of json and jsonl output count: bytes (UTF-8, the default) or chars (Unicode code points, as Python and jq slice strings).")
    var offsets: OffsetUnit = .bytes

    @Option(help: "Order: relevance (best first) or date (newest first, undated last).")
    var sort: ResultOrder = .relevance

    @Flag(help: "Print only how many documents and passages match.")
    var count = false

    @Flag(name: [.customShort("l"), .customLong("files-with-matches")], help: "Print only the matching documents' paths, one per line (relative to the current folder when under it, else absolute; an archive's article as archive.jsonl#ID). With --format json or jsonl, objects with doc, path, file, title and date.")
    var filesWithMatches = false

    @Flag(name: [.customShort("0"), .customLong("null")], help: "With -l, end each path with a NUL byte instead of a newline, as is, for xargs -0.")
    var null = false

    @OptionGroup var pathFilter: PathFilter<QueryWording>

    @Option(help: "Highlight with colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    @OptionGroup var matching: ExactOption

    @Flag(help: "Show, for each name of the query, the spellings asked for with their similarity, and for each result why each matched word matched (the spelling typed, the verdict, the lexicon, a key).")
    var explain = false

    @Option(help: ArgumentHelp("Add the entities of a lexicon file (one entity a line: kind | canonical name | alias | ...). Also $SEARCH_LEXICON.", valueName: "FILE"), completion: .file())
    var lexicon: [String] = []

    mutating func validate() throws {
        guard (limit ?? 0) >= 0 else { throw ValidationError("--limit must be zero or more") }
        guard !(count && filesWithMatches) else { throw ValidationError("--count and --files-with-matches cannot be used together") }
        guard offset >= 0 else { throw ValidationError("--offset must be zero or more") }
        guard passages >= 1 else { throw ValidationError("--passages must be at least 1") }
        guard snippetWords >= 1 else { throw ValidationError("--snippet-words must be at least 1") }
        try dates.resolve()
        guard !null || filesWithMatches else { throw ValidationError("--null goes with -l (--files-with-matches)") }
        guard !(filesWithMatches && format == .csv) else { throw ValidationError("-l prints text, json or jsonl, not csv") }
        try pathFilter.resolve()
    }

    func run() throws {
        var request = SearchRequest(query: words.joined(separator: " "))
        dates.apply(to: &request)
        request.limit = limit ?? (filesWithMatches ? Int.max : 10)
        request.sort = sort
        request.offset = offset
        request.passagesPerDocument = passages
        request.exact = matching.exact
        request.snippetWords = snippetWords
        request.pathGlob = pathFilter.glob

        let place = try database.located()
        try indexCorpusOnFirstUse(path: place.path, explicit: place.explicit)
        var names = Lexicon.shipped
        var files = lexicon
        if let env = Output.environment("SEARCH_LEXICON") { files.insert(env, at: 0) }
        for file in files {
            do {
                names = names.adding(try Lexicon(contentsOfFile: file))
            } catch {
                throw CommandFailure(description: "\(error)")
            }
        }
        let searcher = try IndexSearcher(path: place.path, lexicon: names)
        if filesWithMatches {
            let (documents, total) = try searcher.listing(request)
            try QueryCommand.list(documents, query: request.query, total: total, format: format, null: null)
            // As for any query: 1 when nothing matched, whatever --limit let through.
            if total == 0 { throw ExitCode(1) }
            return
        }
        if count {
            let counts = try searcher.count(request)
            try CountRenderer.render(counts, format: format)
            if counts.documents == 0 { throw ExitCode(1) }
            return
        }
        let response = try searcher.search(request)
        switch format {
        case .text:
            var renderer = TextRenderer(color: Output.useColor(color))
            if explain {
                renderer.explain = true
                renderer.asked = try searcher.spellingsAsked(for: request.query, exact: request.exact)
            }
            renderer.render(response, request: request)
        case .json:
            try JSONRenderer.render(offsets.convert(response))
        case .jsonl:
            try JSONRenderer.renderLines(offsets.convert(response))
        case .csv:
            CSVRenderer.render(response, offset: offset)
        }
        if response.results.isEmpty && response.total == 0 { throw ExitCode(1) }
    }

    /// `search -l`: one line (or NUL-ended path) per document, or JSON objects for scripts.
    static func list(_ documents: [StoredDocument], query: String, total: Int, format: OutputFormat, null: Bool) throws {
        struct Listed: Encodable {
            var doc: String
            var path: String
            var file: String
            var title: String?
            var date: String?
            func encode(to encoder: any Encoder) throws {
                enum Key: String, CodingKey { case doc, path, file, title, date }
                var c = encoder.container(keyedBy: Key.self)
                try c.encode(doc, forKey: .doc)
                try c.encode(path, forKey: .path)
                try c.encode(file, forKey: .file)
                try c.encode(title, forKey: .title)
                try c.encode(date, forKey: .date)
            }
        }
        struct Listing: Encodable {
            var query: String
            var total: Int
            var documents: [Listed]
        }
        let listed = documents.map { Listed(doc: $0.relativePath, path: $0.path, file: Output.shellPath($0.path), title: $0.title, date: $0.date) }
        // Made only for JSON: a plain -l stays as cheap as it was.
        func encoder() -> JSONEncoder { JSONOutput.encoder() }
        switch format {
        case .json:
            Output.write(bytes: Array(try encoder().encode(Listing(query: query, total: total, documents: listed))) + [0x0A])
        case .jsonl:
            let encoder = encoder()
            for item in listed { Output.write(bytes: Array(try encoder.encode(item)) + [0x0A]) }
        case .text, .csv:
            // -0 writes the path as is (xargs -0 needs the real bytes); a line is escaped so that it stays one line.
            Output.write(listed.map { null ? $0.file + "\u{0}" : Output.escaped($0.file) + "\n" }.joined())
        }
    }

    /// A fresh clone answers `search "Tahrir Square"` at once: with no index at the default place and a corpus/
    /// folder here, index it first and say so.
    private func indexCorpusOnFirstUse(path: String, explicit: Bool) throws {
        guard !explicit, !FileManager.default.fileExists(atPath: path) else { return }
        var isFolder = false
        guard FileManager.default.fileExists(atPath: "corpus", isDirectory: &isFolder), isFolder else { return }
        Output.errorLine("search: no index at \(path) yet; indexing corpus/ first")
        _ = try IndexCommand.index(paths: ["corpus"], database: path, options: IndexOptions(), quiet: false)
    }
}

extension OffsetUnit: ExpressibleByArgument {}
