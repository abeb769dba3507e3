import Indexer

/// Runs queries against one index: query text → FTS5 expression → ranked documents → best passages → snippets.
///
/// Not `Sendable`: it owns a database connection. Open one per task.
public final class IndexSearcher {
    private let reader: IndexReader
    private let lexicon: Lexicon

    /// Opens the index at `path` read-only; names in queries are expanded with `lexicon`.
    public init(path: String, lexicon: Lexicon = .shipped) throws(IndexError) {
        reader = try IndexReader(path: path)
        self.lexicon = lexicon
    }

    /// Answers `request`. Throws `SearchError` for a malformed query, `IndexError` for a broken index.
    public func search(_ request: SearchRequest) throws -> SearchResponse {
        // --exact switches off all variant matching: other spellings and the lexicon's other names.
        let expression = try QueryCompiler.expression(for: request.query, lexicon: request.exact ? nil : lexicon)
        reader.queryMode = request.exact ? .queryExact : .query
        let mentionDates = IndexSearcher.range(request.mentionsSince, request.mentionsUntil)
        let matches = try reader.matches(expression: expression,
                                         documentDates: IndexSearcher.range(request.since, request.until),
                                         mentionedDates: mentionDates,
                                         limit: max(0, request.offset) + max(0, request.limit))
        let builder = SnippetBuilder(maxWords: request.snippetWords)
        let ranker = PassageRanker()
        var results: [SearchResult] = []
        for hit in matches.hits.dropFirst(max(0, request.offset)) {
            guard let document = try reader.document(hit.id),
                  let text = try reader.text(of: hit.id, matching: expression) else { continue }
            let allowed = try mentionDates.map { range throws(IndexError) in try reader.passagesMentioning(range, in: hit.id) }
            let body = Array(text.body.utf8)
            for choice in ranker.best(request.passagesPerDocument, passages: document.passages, matches: text.bodyMatches, allowed: allowed) {
                let passageText = String(decoding: body[choice.range], as: UTF8.self)
                let ranges = IndexSearcher.joinTouching(choice.matches.map(\.range))
                let snippet = builder.snippet(of: passageText, highlights: ranges)
                let passageBytes = Array(passageText.utf8)
                var matched: [String] = []
                for range in ranges {
                    let word = String(decoding: passageBytes[range], as: UTF8.self)
                    if !matched.contains(word) { matched.append(word) }
                }
                results.append(SearchResult(
                    doc: document.relativePath, path: document.path, title: document.title, date: document.date,
                    dateSource: document.dateSource, url: document.url, passage: choice.ordinal,
                    score: IndexSearcher.rounded(-hit.bm25), text: passageText,
                    highlights: ranges.map { [$0.lowerBound, $0.upperBound] },
                    snippet: snippet.text, snippetHighlights: snippet.highlights.map { [$0.lowerBound, $0.upperBound] },
                    titleHighlights: IndexSearcher.joinTouching(text.titleMatches.map(\.range)).map { [$0.lowerBound, $0.upperBound] },
                    matched: matched))
            }
        }
        return SearchResponse(query: request.query, total: matches.total, undatedExcluded: matches.undatedDocuments,
                              results: results)
    }

    /// Ranges that touch merged into one: a word the analyzer split (`Hezbollah` → `hezb` + `ollah`) is one match.
    static func joinTouching(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    private static func range(_ since: PartialDate?, _ until: PartialDate?) -> DayRange? {
        guard since != nil || until != nil else { return nil }
        return DayRange(first: since?.firstDay, last: until?.lastDay)
    }

    /// bm25 to six decimals, so that JSON output is stable across runs and platforms.
    private static func rounded(_ x: Double) -> Double { (x * 1_000_000).rounded() / 1_000_000 }
}
