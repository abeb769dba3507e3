import Storage

/// One ranked result: a document's passage with the byte ranges of the words that matched. No markup: renderers
/// decide how to show highlights.
public struct SearchResult: Sendable, Codable, Equatable {
    /// Path of the file relative to the folder that was indexed.
    public var doc: String
    /// Absolute path of the file.
    public var path: String
    public var title: String?
    /// ISO 8601 at its precision (`2019`, `2019-11`, `2019-11-10`), or nil when the document has no date.
    public var date: String?
    /// Where the date came from (`front-matter`, `dateline`, `text`, `latest-mention`, `copyright`).
    public var dateSource: String?
    public var url: String?
    /// Ordinal of the passage within the document, from 0.
    public var passage: Int
    /// Relevance: higher is better (bm25 negated).
    public var score: Double
    /// The passage text as stored.
    public var text: String
    /// UTF-8 byte ranges `[start, end)` in `text` of the matched words, as written.
    public var highlights: [[Int]]
    /// A window of `text` around the matches, with `…` where it was cut.
    public var snippet: String
    /// UTF-8 byte ranges in `snippet` of the matched words.
    public var snippetHighlights: [[Int]]
    /// UTF-8 byte ranges in `title` of the matched words.
    public var titleHighlights: [[Int]]
    /// The distinct spellings that matched, as written (`["Soleimani", "Suleimani"]`).
    public var matched: [String]
    /// Why each word of `matched` matched, in the same order (JSON `matched_spellings`).
    public var matchedSpellings: [MatchedSpelling] = []

    enum CodingKeys: String, CodingKey {
        case doc, path, title, date, dateSource = "date_source", url, passage, score, text, highlights, snippet
        case snippetHighlights = "snippet_highlights", titleHighlights = "title_highlights", matched
        case matchedSpellings = "matched_spellings"
    }

    /// Encodes optional fields as `null` rather than leaving them out: scripts rely on every key being present.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(doc, forKey: .doc)
        try c.encode(path, forKey: .path)
        try c.encode(title, forKey: .title)
        try c.encode(date, forKey: .date)
        try c.encode(dateSource, forKey: .dateSource)
        try c.encode(url, forKey: .url)
        try c.encode(passage, forKey: .passage)
        try c.encode(score, forKey: .score)
        try c.encode(text, forKey: .text)
        try c.encode(highlights, forKey: .highlights)
        try c.encode(snippet, forKey: .snippet)
        try c.encode(snippetHighlights, forKey: .snippetHighlights)
        try c.encode(titleHighlights, forKey: .titleHighlights)
        try c.encode(matched, forKey: .matched)
        try c.encode(matchedSpellings, forKey: .matchedSpellings)
    }
}

/// Why a word of a result matched the query: `Suleimani` for the typed `Soleimani`, by the verdict at 0.94.
public struct MatchedSpelling: Sendable, Codable, Equatable {
    /// How a spelling came to match.
    public enum Reason: String, Sendable, Codable {
        /// The spelling typed (folded alike: Soleimani = SOLEIMANI).
        case typed
        /// Another spelling of a typed name that shares a name key with it and that `NameSimilarity` accepted.
        case verdict
        /// A name of a lexicon entry the query named (Shaikh for Sheikh), or a spelling of such a name.
        case lexicon
        /// A name matched through its keys alone, without a verdict (inside a phrase or NEAR, a name of several parts).
        case key
        /// An ordinary word, by its stem.
        case word
        /// Matched as typed under `--exact`.
        case exact
    }

    /// The word as written in the document.
    public var written: String
    /// The query's word (or lexicon name) it matched for, when known.
    public var query: String?
    /// Its `NameSimilarity` to `query`, when the verdict scored it.
    public var similarity: Double?
    /// Why it matched.
    public var reason: Reason

    /// Creates an explanation.
    public init(written: String, query: String?, similarity: Double?, reason: Reason) {
        self.written = written
        self.query = query
        self.similarity = similarity
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case written, query, similarity, reason }

    /// Encodes a missing query or similarity as `null`, as the other optional fields of a result.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(query, forKey: .query)
        try c.encode(reason, forKey: .reason)
        try c.encode(similarity, forKey: .similarity)
        try c.encode(written, forKey: .written)
    }
}

/// The answer to one query.
public struct SearchResponse: Sendable, Codable, Equatable {
    /// The query as typed.
    public var query: String
    /// Matching documents in all (after the filters), not only those shown.
    public var total: Int
    /// Documents that matched but were left out by a date filter because they have no date.
    public var undatedExcluded: Int
    public var results: [SearchResult]

    enum CodingKeys: String, CodingKey {
        case query, total, undatedExcluded = "undated_excluded", results
    }
}
