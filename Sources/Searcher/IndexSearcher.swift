import Analysis
import Storage

/// Runs queries against one index: query text → FTS5 expression → ranked documents → best passages → snippets.
///
/// Not `Sendable`: it owns a database connection. Open one per task.
public final class IndexSearcher {
    let reader: IndexReader
    private let lexicon: Lexicon

    /// Opens the index at `path` read-only; names in queries are expanded with `lexicon`.
    public init(path: String, lexicon: Lexicon = .shipped) throws(IndexError) {
        reader = try IndexReader(path: path)
        self.lexicon = lexicon
    }

    /// Answers `request`. Throws `SearchError` for a malformed query, `IndexError` for a broken index.
    public func search(_ request: SearchRequest) throws -> SearchResponse {
        try reader.snapshot { try searchInSnapshot(request) }
    }

    private func searchInSnapshot(_ request: SearchRequest) throws -> SearchResponse {
        // --exact switches off all variant matching: other spellings and the lexicon's other names.
        let compiled = try compiled(request.query, exact: request.exact)
        let mentionDates = IndexSearcher.range(request.mentionsSince, request.mentionsUntil)
        var matches = try reader.matches(compiled.match(exact: request.exact),
                                         documentDates: IndexSearcher.range(request.since, request.until),
                                         mentionedDates: mentionDates, newestFirst: request.sort == .date,
                                         limit: request.pathGlob == nil ? IndexSearcher.end(of: request) : Int.max, withInstances: true)
        try keepPaths(&matches, request, limit: IndexSearcher.end(of: request))
        let builder = SnippetBuilder(maxWords: request.snippetWords)
        let ranker = PassageRanker()
        var ranked: [(score: Double, weight: Double, quality: [Int], results: [SearchResult])] = []
        let shown = Array(matches.hits.dropFirst(max(0, request.offset)))
        // The same words match in many results: each is explained once.
        var explained: [MatchedSpelling] = []
        let highlighter = Highlighter(analyzer: reader.analyzer)
        let texts = try reader.texts(of: shown.map { $0.id })
        for (hit, stored) in zip(shown, texts) {
            guard let stored else { continue }
            let document = stored.document
            let text = highlighter.highlighted(stored, instances: hit.instances)
            let allowed = try mentionDates.map { range throws(IndexError) in try reader.passagesMentioning(range, in: hit.id) }
            let body = Array(text.body.utf8)
            try checkPassages(document, body: body)
            let choices = ranker.best(request.passagesPerDocument, passages: document.passages, matches: text.bodyMatches, allowed: allowed)
            var results: [SearchResult] = []
            for choice in choices {
                let passageBytes = Array(body[choice.range])
                let passageText = String(decoding: passageBytes, as: UTF8.self)
                let ranges = IndexSearcher.wholeWords(choice.matches.map(\.range), in: passageBytes)
                guard ranges.allSatisfy({ $0.lowerBound >= 0 && $0.upperBound <= passageBytes.count }) else {
                    throw IndexError.corrupt(path: reader.path, detail: "the match positions of \(document.relativePath) do not fit its text")
                }
                let snippet = builder.snippet(of: passageText, highlights: ranges)
                var matched: [String] = []
                for range in ranges {
                    let word = String(decoding: passageBytes[range], as: UTF8.self)
                    if !matched.contains(word) { matched.append(word) }
                }
                // A match in the title is a spelling that matched too, even when the passage holds none.
                let titleBytes = Array((document.title ?? "").utf8)
                for range in IndexSearcher.joinTouching(text.titleMatches.map(\.range)) where range.upperBound <= titleBytes.count {
                    let word = String(decoding: titleBytes[range], as: UTF8.self)
                    if !matched.contains(word) { matched.append(word) }
                }
                results.append(SearchResult(
                    doc: document.relativePath, path: document.path, title: document.title, date: document.date,
                    dateSource: document.dateSource, url: document.url, passage: choice.ordinal,
                    score: IndexSearcher.rounded(-hit.bm25), text: passageText,
                    highlights: ranges.map { [$0.lowerBound, $0.upperBound] },
                    snippet: snippet.text, snippetHighlights: snippet.highlights.map { [$0.lowerBound, $0.upperBound] },
                    titleHighlights: IndexSearcher.wholeWords(text.titleMatches.map(\.range), in: Array(text.title.utf8)).map { [$0.lowerBound, $0.upperBound] },
                    matched: matched, matchedSpellings: matched.map { word in
                        if let known = explained.first(where: { $0.written == word }) { return known }
                        let e = IndexSearcher.explain(word, compiled, exact: request.exact)
                        explained.append(e)
                        return e
                    }))
            }
            ranked.append((IndexSearcher.rounded(-hit.bm25), hit.weight, IndexSearcher.quality(choices.first, text), results))
        }
        if request.sort == .relevance { IndexSearcher.breakTies(&ranked) }
        return SearchResponse(query: request.query, total: matches.total, undatedExcluded: matches.undatedDocuments,
                              results: ranked.flatMap(\.results))
    }

    /// How well a document's best passage matches, to order documents bm25 cannot tell apart (FTS5 floors the IDF of
    /// a word found in every document, so all their scores are 0): more of the query's different terms in the
    /// passage, then more matches in it, then more in the whole document, then the shorter passage.
    static func quality(_ best: PassageRanker.Choice?, _ text: StoredText) -> [Int] {
        guard let best else { return [0, 0, 0, 0] }
        let phrases = best.matches.map(\.phrase)
        var distinct: [Int] = []
        for phrase in phrases where !distinct.contains(phrase) { distinct.append(phrase) }
        return [distinct.count, best.matches.count, text.bodyMatches.count + text.titleMatches.count, -best.range.count]
    }

    /// Reorders runs of equal scores by `quality`, best first; otherwise the order stays (it is the index's).
    static func breakTies(_ ranked: inout [(score: Double, weight: Double, quality: [Int], results: [SearchResult])]) {
        var start = 0
        while start < ranked.count {
            var end = start + 1
            while end < ranked.count && ranked[end].score == ranked[start].score && ranked[end].weight == ranked[start].weight { end += 1 }
            if end - start > 1 {
                let run = ranked[start..<end].enumerated().sorted { a, b in
                    a.element.quality != b.element.quality ? a.element.quality.lexicographicallyPrecedes(b.element.quality, by: >) : a.offset < b.offset
                }.map(\.element)
                ranked.replaceSubrange(start..<end, with: run)
            }
            start = end
        }
    }

    /// Keeps the hits whose document path matches the request's glob, at most `limit` of them; the total becomes
    /// the number that match.
    private func keepPaths(_ matches: inout DocumentMatches, _ request: SearchRequest, limit: Int) throws(IndexError) {
        guard let glob = request.pathGlob else { return }
        var kept: [DocumentHit] = []
        var total = 0
        for hit in matches.hits {
            guard let document = try reader.document(hit.id), IndexSearcher.pathMatches(glob, document) else { continue }
            total += 1
            if kept.count < limit { kept.append(hit) }
        }
        matches.hits = kept
        matches.total = total
    }

    /// True when `glob` matches the document's path (see `SearchRequest.pathGlob`).
    static func pathMatches(_ glob: Glob, _ document: StoredDocument) -> Bool {
        pathMatches(glob, path: document.path, relativePath: document.relativePath)
    }

    /// True when `glob` matches a document of this absolute and relative path.
    static func pathMatches(_ glob: Glob, path: String, relativePath: String) -> Bool {
        if glob.pattern.hasPrefix("/") {
            return glob.matches(path, isFolder: false) || glob.matches(String(path.split(separator: "#").first ?? ""), isFolder: false)
        }
        if glob.matches(relativePath, isFolder: false) { return true }
        // An archive's article `wire.jsonl#id` is matched by the archive's path.
        guard let hash = relativePath.lastIndex(of: "#") else { return false }
        return glob.matches(String(relativePath[..<hash]), isFolder: false)
    }

    /// The documents that match `request`, in its order, paged by its offset and limit: for listing paths
    /// (`search -l`) without reading any text.
    public func documents(_ request: SearchRequest) throws -> [StoredDocument] {
        try reader.snapshot { try documentsInSnapshot(request) }
    }

    private func documentsInSnapshot(_ request: SearchRequest) throws -> [StoredDocument] {
        var matches = try allMatches(request, limit: request.pathGlob == nil ? IndexSearcher.end(of: request) : Int.max)
        try keepPaths(&matches, request, limit: IndexSearcher.end(of: request))
        var out: [StoredDocument] = []
        for hit in matches.hits.dropFirst(max(0, request.offset)) {
            if let document = try reader.document(hit.id) { out.append(document) }
        }
        return out
    }

    /// The documents `documents(_:)` gives, and how many match in all (for an exit status that does not depend
    /// on `--limit`).
    public func listing(_ request: SearchRequest) throws -> (documents: [StoredDocument], total: Int) {
        try reader.snapshot { try listingInSnapshot(request) }
    }

    private func listingInSnapshot(_ request: SearchRequest) throws -> (documents: [StoredDocument], total: Int) {
        var matches = try allMatches(request, limit: request.pathGlob == nil ? IndexSearcher.end(of: request) : Int.max)
        try keepPaths(&matches, request, limit: IndexSearcher.end(of: request))
        var out: [StoredDocument] = []
        for hit in matches.hits.dropFirst(max(0, request.offset)) {
            if let document = try reader.document(hit.id) { out.append(document) }
        }
        return (out, matches.total)
    }

    /// How many documents match `request` (its offset and limit do not matter), and how many of their passages hold
    /// a match; for `--count`. Reads the match positions of every matching document, so it costs more than a search.
    public func count(_ request: SearchRequest) throws -> MatchCount {
        try reader.snapshot { try countInSnapshot(request) }
    }

    private func countInSnapshot(_ request: SearchRequest) throws -> MatchCount {
        if request.pathGlob == nil && request.mentionsSince == nil && request.mentionsUntil == nil {
            // Counted from token positions, without reading the texts: --count on a word in most documents read and
            // tokenized all of them.
            let query = try compiled(request.query, exact: request.exact).match(exact: request.exact)
            let dates = IndexSearcher.range(request.since, request.until)
            if let counted = try reader.matchedPassageCount(query, documentDates: dates) {
                return MatchCount(query: request.query, documents: counted.documents, passages: counted.passages,
                                  undatedExcluded: counted.undated)
            }
        }
        return try countReadingTexts(request)
    }

    /// The count from the texts: where each match starts in bytes, against the passages' byte ranges. Needed for the
    /// path and mention filters, which choose documents and passages the positions alone cannot; internal for the
    /// tests that check both ways agree. One pass over the matches gives the documents, their paths and the undated
    /// count.
    func countReadingTexts(_ request: SearchRequest) throws -> MatchCount {
        let query = try compiled(request.query, exact: request.exact).match(exact: request.exact)
        let mentionDates = IndexSearcher.range(request.mentionsSince, request.mentionsUntil)
        let all = try reader.allMatchPositions(query, documentDates: IndexSearcher.range(request.since, request.until),
                                               mentionedDates: mentionDates)
        var total = 0
        var passages = 0
        var documentsWithPassage = 0
        for document in all.documents {
            if let glob = request.pathGlob {
                guard IndexSearcher.pathMatches(glob, path: document.path, relativePath: document.relativePath) else { continue }
            }
            total += 1
            let allowed = try mentionDates.map { range throws(IndexError) in try reader.passagesMentioning(range, in: document.id) }
            let before = passages
            for (ordinal, range) in document.passages.enumerated() where allowed?.contains(ordinal) ?? true {
                if document.bodyMatchStarts.contains(where: { range.contains($0) }) { passages += 1 }
            }
            if passages > before { documentsWithPassage += 1 }
        }
        // With --mentions-since/--until a document counts when one passage both matches and mentions such a date: a
        // match in one passage and the date in another is not "a passage mentioning the date".
        let documents = mentionDates == nil ? total : documentsWithPassage
        return MatchCount(query: request.query, documents: documents, passages: passages, undatedExcluded: all.undatedDocuments)
    }

    private func allMatches(_ request: SearchRequest, limit: Int) throws -> DocumentMatches {
        // A count (limit 0) runs no ranking, so the weights cost nothing there.
        try reader.matches(compiled(request.query, exact: request.exact).match(exact: request.exact),
                           documentDates: IndexSearcher.range(request.since, request.until),
                           mentionedDates: IndexSearcher.range(request.mentionsSince, request.mentionsUntil),
                           newestFirst: request.sort == .date, limit: limit)
    }

    /// The document `doc` (an absolute path, or the relative path results show) with all its passages, the matches
    /// of `query` marked. Throws `SearchError.noDocument` or `.ambiguousDocument` when `doc` names none or several.
    public func show(_ doc: String, query: String? = nil, exact: Bool = false) throws -> DocumentView {
        try reader.snapshot { try showInSnapshot(doc, query: query, exact: exact) }
    }

    private func showInSnapshot(_ doc: String, query: String?, exact: Bool) throws -> DocumentView {
        let found = try reader.documents(path: doc.hasPrefix("/") ? doc : FilePaths.absolute(doc), relativePath: doc)
        guard let document = found.first else { throw SearchError.noDocument(doc) }
        guard found.count == 1 else { throw SearchError.ambiguousDocument(doc, candidates: found.map(\.path)) }
        var match: MatchQuery?
        if let query, !query.isEmpty { match = try compiled(query, exact: exact).match(exact: exact) }
        // A document the query does not match has no row for MATCH: read it plain.
        let text = try match.flatMap { m throws(IndexError) in try reader.text(of: document.id, matching: m) }
            ?? reader.text(of: document.id)
        guard let text else { throw SearchError.noDocument(doc) }
        let body = Array(text.body.utf8)
        try checkPassages(document, body: body)
        var passages: [DocumentView.Passage] = []
        for (ordinal, range) in document.passages.enumerated() {
            let inside = IndexSearcher.wholeWords(text.bodyMatches.map(\.range).filter { range.contains($0.lowerBound) }, in: body)
                .map { [$0.lowerBound - range.lowerBound, min($0.upperBound, range.upperBound) - range.lowerBound] }
            passages.append(.init(passage: ordinal, text: String(decoding: body[range], as: UTF8.self), highlights: inside))
        }
        return DocumentView(
            doc: document.relativePath, path: document.path, title: document.title,
            titleHighlights: IndexSearcher.wholeWords(text.titleMatches.map(\.range), in: Array(text.title.utf8)).map { [$0.lowerBound, $0.upperBound] }, date: document.date,
            dateSource: document.dateSource, url: document.url, author: document.author, dropped: document.dropped,
            query: match == nil ? nil : query,
            matchingPassages: passages.filter { !$0.highlights.isEmpty }.count, passages: passages)
    }

    /// Counts describing the index, with its `names` commonest names (see `IndexReader.statistics`).
    public func statistics(names: Int = 10) throws(IndexError) -> IndexStatistics {
        do {
            return try reader.snapshot { () throws(IndexError) in try reader.statistics(names: names) }
        } catch let error as IndexError {
            throw error
        } catch {
            throw .storage(path: reader.path, code: 0, context: "reading the statistics")
        }
    }

    /// Throws `.corrupt` unless `document`'s stored passages lie in order inside `body` and start and end on whole
    /// characters: slicing text by damaged ranges would trap (or cut a character in two).
    private func checkPassages(_ document: StoredDocument, body: [UInt8]) throws(IndexError) {
        func whole(_ i: Int) -> Bool { i == body.count || body[i] & 0xC0 != 0x80 }
        guard Schema.passagesFit(document.passages, length: body.count),
              document.passages.allSatisfy({ whole($0.lowerBound) && whole($0.upperBound) }) else {
            throw .corrupt(path: reader.path, detail: "the stored passages of \(document.relativePath) do not fit its text")
        }
    }

    /// The compiled `query`: its FTS5 expression, the phrases' ranking weights, the reasons for each name spelling
    /// asked for, and how its terms are read. --exact switches off all variant matching, the lexicon's other names too.
    private func compiled(_ query: String, exact: Bool) throws(SearchError) -> QueryCompiler.Compiled {
        try QueryCompiler.compile(query, lexicon: exact ? nil : lexicon, spellings: exact ? nil : spellingLookup,
                                  skeletons: exact ? nil : skeletonLookup)
    }

    /// The index's spellings under the given name keys; none when the table cannot be read.
    private var spellingLookup: QueryCompiler.SpellingLookup {
        { [reader] keys in (try? reader.nameSpellings(keys: keys)) ?? [] }
    }

    /// The index's spellings under a key of the same consonant skeleton as one of the given keys; none when the
    /// table cannot be read.
    private var skeletonLookup: QueryCompiler.SkeletonLookup {
        { [reader] keys in (try? reader.nameSpellings(skeletonOf: keys)) ?? [] }
    }

    /// The spellings of the name `word` that the index holds, with their similarity to it and their document counts,
    /// the typed spelling first, then best first (`search names`). Empty when `word` is not a name.
    public func nameSpellings(of word: String) throws -> [NameSpellingMatch] {
        guard let found = QueryCompiler.candidates(of: word, spellings: spellingLookup, skeletons: skeletonLookup) else { return [] }
        var result: [NameSpellingMatch] = []
        for c in found {
            let documents = try reader.documentCount(spelling: c.spelling)
            if documents == 0 && c.similarity < 1 { continue }
            result.append(NameSpellingMatch(spelling: c.spelling, similarity: IndexSearcher.rounded(c.similarity),
                                            documents: documents, accepted: c.accepted))
        }
        return result
    }

    /// Why `written` (a word of a result that matched) matched the compiled query.
    static func explain(_ written: String, _ compiled: QueryCompiler.Compiled, exact: Bool) -> MatchedSpelling {
        if exact { return MatchedSpelling(written: written, query: nil, similarity: nil, reason: .exact) }
        if let (spelling, _) = QueryCompiler.nameTerms(of: written), let reason = compiled.spellings[spelling] {
            let kind: MatchedSpelling.Reason = reason.viaLexicon ? .lexicon : reason.similarity >= 1 ? .typed : .verdict
            return MatchedSpelling(written: written, query: reason.word, similarity: IndexSearcher.rounded(reason.similarity), reason: kind)
        }
        if let (spelling, _) = QueryCompiler.nameTerms(of: written), compiled.lexiconPhraseSpellings.contains(spelling) {
            return MatchedSpelling(written: written, query: nil, similarity: nil, reason: .lexicon)
        }
        let named = Analyzer().tokens(written, mode: .query).contains(where: \.colocated)
        return MatchedSpelling(written: written, query: nil, similarity: nil, reason: named ? .key : .word)
    }

    /// The spellings a query asks for in place of its names (`search query --explain`): for each, the query word or
    /// lexicon name it stands for, its similarity and its weight in the ranking, the heaviest first. Empty under
    /// `exact` and for a query without names.
    public func spellingsAsked(for query: String, exact: Bool = false) throws -> [AskedSpelling] {
        guard !exact else { return [] }
        let compiled: QueryCompiler.Compiled = try reader.snapshot { () throws -> QueryCompiler.Compiled in try self.compiled(query, exact: false) }
        return compiled.spellings.map { spelling, reason in
            AskedSpelling(spelling: spelling, word: reason.word, similarity: IndexSearcher.rounded(reason.similarity),
                          viaLexicon: reason.viaLexicon, weight: IndexSearcher.rounded(reason.weight))
        }.sorted { ($0.word, -$0.weight, $0.spelling) < ($1.word, -$1.weight, $1.spelling) }
    }

    /// The number of documents a page ends at: offset + limit, without overflowing for "all".
    private static func end(of request: SearchRequest) -> Int {
        let (sum, overflow) = max(0, request.offset).addingReportingOverflow(max(0, request.limit))
        return overflow ? Int.max : sum
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

    /// The ranges widened to the whole words they fall in, touching ones merged: a highlight never marks half a word
    /// (`mahdi` in "Abdulmahdi" marks "Abdulmahdi"). A word is a run of letters, digits, combining marks and the
    /// apostrophes inside it; `bytes` is the UTF-8 text the ranges index.
    static func wholeWords(_ ranges: [Range<Int>], in bytes: [UInt8]) -> [Range<Int>] {
        func scalar(before i: Int) -> (Unicode.Scalar, Int)? {
            var p = i - 1
            while p > 0 && bytes[p] & 0xC0 == 0x80 { p -= 1 }
            return decode(at: p).map { ($0.0, p) }
        }
        func decode(at i: Int) -> (Unicode.Scalar, Int)? {
            guard i >= 0, i < bytes.count else { return nil }
            var it = bytes[i...].makeIterator()
            var decoder = UTF8()
            guard case let .scalarValue(s) = decoder.decode(&it) else { return nil }
            return (s, String(s).utf8.count)
        }
        func inWord(_ s: Unicode.Scalar) -> Bool {
            s.properties.isAlphabetic || s.properties.numericType != nil || s.properties.generalCategory == .nonspacingMark
        }
        let widened = ranges.map { range -> Range<Int> in
            var start = min(max(0, range.lowerBound), bytes.count)
            while let (s, p) = scalar(before: start), inWord(s) { start = p }
            var end = min(max(start, range.upperBound), bytes.count)
            while let (s, n) = decode(at: end), inWord(s) { end += n }
            return start..<end
        }
        return joinTouching(widened)
    }

    private static func range(_ since: PartialDate?, _ until: PartialDate?) -> DayRange? {
        guard since != nil || until != nil else { return nil }
        return DayRange(first: since?.firstDay, last: until?.lastDay)
    }

    /// bm25 to six decimals, so that JSON output is stable across runs and platforms.
    private static func rounded(_ x: Double) -> Double { (x * 1_000_000).rounded() / 1_000_000 }
}

/// One spelling a query asks for in place of a name (`IndexSearcher.spellingsAsked(for:exact:)`).
public struct AskedSpelling: Sendable, Equatable {
    /// The spelling as the index stores it. `"suleimani"`.
    public var spelling: String
    /// The query word, or the lexicon's name, it stands for.
    public var word: String
    /// Its `NameSimilarity` to `word`.
    public var similarity: Double
    /// True when `word` is a lexicon name of an entry the query named, not a word typed.
    public var viaLexicon: Bool
    /// Its weight in the ranking (1 for the spelling typed).
    public var weight: Double
}

/// One spelling of a name that an index holds (`IndexSearcher.nameSpellings(of:)`).
public struct NameSpellingMatch: Sendable, Equatable, Codable {
    /// The spelling as the index stores it: folded, lower case. `"husain"`.
    public var spelling: String
    /// Its `NameSimilarity` to the spelling asked about, 1 for that spelling itself.
    public var similarity: Double
    /// How many documents hold it.
    public var documents: Int
    /// Whether a query for the name finds it (similarity at or above `NameSimilarity.threshold`).
    public var accepted: Bool
}
