import Indexer

/// Runs queries against one index: query text → FTS5 expression → ranked passages → snippets.
///
/// Not `Sendable`: it owns a database connection. Open one per task.
public final class IndexSearcher {
    private let reader: IndexReader

    /// Opens the index at `path` read-only.
    public init(path: String) throws(IndexError) {
        reader = try IndexReader(path: path)
    }

    /// The matching documents in the requested order, each with its best passages, and the matches themselves.
    private func ranked(_ request: SearchRequest) throws -> (expression: String, matches: PassageMatches, order: [Int64], chosen: [Int64: [PassageHit]]) {
        let expression = try QueryCompiler.expression(for: request.query)
        reader.queryMode = request.exact ? .queryExact : .query
        let documentDates = IndexSearcher.range(request.since, request.until)
        let mentionDates = IndexSearcher.range(request.mentionsSince, request.mentionsUntil)
        let matches = try reader.matches(expression: expression, documentDates: documentDates, mentionedDates: mentionDates)

        // Documents in the order of their best passage; the hits are sorted best first with ties broken by rowid.
        var order: [Int64] = []
        var chosen: [Int64: [PassageHit]] = [:]
        for hit in matches.hits {
            if chosen[hit.document] == nil {
                order.append(hit.document)
                chosen[hit.document] = [hit]
            } else if chosen[hit.document]!.count < request.passagesPerDocument {
                chosen[hit.document]!.append(hit)
            }
        }
        if request.sort == .date {
            let days = try reader.dayRanges(of: order)
            let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
            order.sort { a, b in
                switch (days[a], days[b]) {
                case let (x?, y?):
                    if x.first != y.first { return (x.first ?? "") > (y.first ?? "") }
                    if x.last != y.last { return (x.last ?? "") > (y.last ?? "") }
                case (_?, nil): return true
                case (nil, _?): return false
                case (nil, nil): break
                }
                return rank[a]! < rank[b]!
            }
        }
        return (expression, matches, order, chosen)
    }

    /// The documents that match `request`, in its order, paged by its offset and limit: for listing paths
    /// (`search -l`) without reading any passage.
    public func documents(_ request: SearchRequest) throws -> [StoredDocument] {
        let ranking = try ranked(request)
        var out: [StoredDocument] = []
        for id in ranking.order.dropFirst(max(0, request.offset)).prefix(max(0, request.limit)) {
            if let document = try reader.document(id) { out.append(document) }
        }
        return out
    }

    /// Answers `request`. Throws `SearchError` for a malformed query, `IndexError` for a broken index.
    public func search(_ request: SearchRequest) throws -> SearchResponse {
        let (expression, matches, order, chosen) = try ranked(request)
        let builder = SnippetBuilder(maxWords: request.snippetWords)
        var results: [SearchResult] = []
        for documentID in order.dropFirst(max(0, request.offset)).prefix(max(0, request.limit)) {
            guard let document = try reader.document(documentID) else { continue }
            for hit in chosen[documentID]! {
                guard let passage = try reader.passage(hit.rowid, expression: expression) else { continue }
                let snippet = builder.snippet(of: passage.body, highlights: passage.bodyMatches)
                let bodyBytes = Array(passage.body.utf8)
                var matched: [String] = []
                for range in passage.bodyMatches + [] {
                    let word = String(decoding: bodyBytes[range], as: UTF8.self)
                    if !matched.contains(word) { matched.append(word) }
                }
                results.append(SearchResult(
                    doc: document.relativePath, path: document.path, title: document.title, date: document.date,
                    dateSource: document.dateSource, url: document.url, passage: hit.ordinal,
                    score: IndexSearcher.rounded(-hit.bm25), text: passage.body,
                    highlights: passage.bodyMatches.map { [$0.lowerBound, $0.upperBound] },
                    snippet: snippet.text, snippetHighlights: snippet.highlights.map { [$0.lowerBound, $0.upperBound] },
                    titleHighlights: passage.titleMatches.map { [$0.lowerBound, $0.upperBound] }, matched: matched))
            }
        }
        return SearchResponse(query: request.query, total: order.count, totalPassages: matches.hits.count,
                              undatedExcluded: matches.undatedDocuments, results: results)
    }

    /// The document `doc` (an absolute path, or the relative path results show) with all its passages, the matches
    /// of `query` marked. Throws `SearchError.noDocument` or `.ambiguousDocument` when `doc` names none or several.
    public func show(_ doc: String, query: String? = nil, exact: Bool = false) throws -> DocumentView {
        let found = try reader.documents(path: doc.hasPrefix("/") ? doc : FileWalker.absolute(doc), relativePath: doc)
        guard let document = found.first else { throw SearchError.noDocument(doc) }
        guard found.count == 1 else { throw SearchError.ambiguousDocument(doc, candidates: found.map(\.path)) }
        var expression: String?
        if let query, !query.isEmpty {
            expression = try QueryCompiler.expression(for: query)
            reader.queryMode = exact ? .queryExact : .query
        }
        let passages = try reader.passages(ofDocument: document.id, expression: expression)
        var titleMatches: [Range<Int>] = []
        for passage in passages where titleMatches.isEmpty { titleMatches = passage.titleMatches }
        return DocumentView(
            doc: document.relativePath, path: document.path, title: document.title,
            titleHighlights: titleMatches.map { [$0.lowerBound, $0.upperBound] }, date: document.date,
            dateSource: document.dateSource, url: document.url, query: expression == nil ? nil : query,
            matchingPassages: passages.filter { !$0.matches.isEmpty }.count,
            passages: passages.map { .init(passage: $0.ordinal, text: $0.text, highlights: $0.matches.map { [$0.lowerBound, $0.upperBound] }) })
    }

    /// Counts describing the index, with its `names` commonest names (see `IndexReader.statistics`).
    public func statistics(names: Int = 10) throws(IndexError) -> IndexStatistics {
        try reader.statistics(names: names)
    }

    private static func range(_ since: PartialDate?, _ until: PartialDate?) -> DayRange? {
        guard since != nil || until != nil else { return nil }
        return DayRange(first: since?.firstDay, last: until?.lastDay)
    }

    /// bm25 to six decimals, so that JSON output is stable across runs and platforms.
    private static func rounded(_ x: Double) -> Double { (x * 1_000_000).rounded() / 1_000_000 }
}
