import Indexer

/// Runs queries against one index: query text → FTS5 expression → ranked documents → best passages → snippets.
///
/// Not `Sendable`: it owns a database connection. Open one per task.
public final class IndexSearcher {
    private let reader: IndexReader

    /// Opens the index at `path` read-only.
    public init(path: String) throws(IndexError) {
        reader = try IndexReader(path: path)
    }

    /// Answers `request`. Throws `SearchError` for a malformed query, `IndexError` for a broken index.
    public func search(_ request: SearchRequest) throws -> SearchResponse {
        let expression = try QueryCompiler.expression(for: request.query)
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
                let ranges = choice.matches.map(\.range)
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
                    titleHighlights: text.titleMatches.map { [$0.range.lowerBound, $0.range.upperBound] }, matched: matched))
            }
        }
        return SearchResponse(query: request.query, total: matches.total, undatedExcluded: matches.undatedDocuments,
                              results: results)
    }

    private static func range(_ since: PartialDate?, _ until: PartialDate?) -> DayRange? {
        guard since != nil || until != nil else { return nil }
        return DayRange(first: since?.firstDay, last: until?.lastDay)
    }

    /// bm25 to six decimals, so that JSON output is stable across runs and platforms.
    private static func rounded(_ x: Double) -> Double { (x * 1_000_000).rounded() / 1_000_000 }
}
