import Storage

/// One document as `search show` presents it: its facts and every passage, with a query's matches as byte ranges.
/// No markup: renderers decide how to show highlights.
public struct DocumentView: Sendable, Codable, Equatable {
    /// One passage and the byte ranges `[start, end)` of the matched words in it.
    public struct Passage: Sendable, Codable, Equatable {
        public var passage: Int
        public var text: String
        public var highlights: [[Int]]
    }

    /// Path relative to the folder that was indexed (`archive.jsonl#id` for an article of an archive).
    public var doc: String
    public var path: String
    public var title: String?
    /// UTF-8 byte ranges in `title` of the matched words.
    public var titleHighlights: [[Int]]
    public var date: String?
    /// Where the date came from (`front-matter`, `dateline`, `text`, `latest-mention`, `copyright`).
    public var dateSource: String?
    public var url: String?
    /// A mail or news post's author (`From:`).
    public var author: String? = nil
    /// Lines left out of the passages, by reason (`copyright footer 1; wire sign-off 1`); nil when none were.
    public var dropped: String? = nil
    /// The query whose matches are marked, if any.
    public var query: String?
    /// Passages with at least one match of the query in their text.
    public var matchingPassages: Int
    public var passages: [Passage]

    enum CodingKeys: String, CodingKey {
        case doc, path, title, titleHighlights = "title_highlights", date, dateSource = "date_source", url, author, dropped, query
        case matchingPassages = "matching_passages", passages
    }

    /// Encodes optional fields as `null` rather than leaving them out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(doc, forKey: .doc)
        try c.encode(path, forKey: .path)
        try c.encode(title, forKey: .title)
        try c.encode(titleHighlights, forKey: .titleHighlights)
        try c.encode(date, forKey: .date)
        try c.encode(dateSource, forKey: .dateSource)
        try c.encode(url, forKey: .url)
        try c.encode(author, forKey: .author)
        try c.encode(dropped, forKey: .dropped)
        try c.encode(query, forKey: .query)
        try c.encode(matchingPassages, forKey: .matchingPassages)
        try c.encode(passages, forKey: .passages)
    }
}
