import Storage

/// The order of the results.
public enum ResultOrder: String, Sendable, Equatable, CaseIterable, Codable {
    /// Best match first.
    case relevance
    /// Newest document first, undated ones last; equally dated ones best match first.
    case date
}

/// What the user asked for: the query and how to filter, rank and page the results.
public struct SearchRequest: Sendable, Equatable {
    /// The query in the project's query language (`Soleimani "Tahrir Square" -Lebanon`).
    public var query: String
    /// Keep documents dated on or after this date (documents without a date are then left out).
    public var since: PartialDate?
    /// Keep documents dated on or before this date.
    public var until: PartialDate?
    /// Keep passages that mention a date on or after this one.
    public var mentionsSince: PartialDate?
    /// Keep passages that mention a date on or before this one.
    public var mentionsUntil: PartialDate?
    /// Documents to show.
    public var limit: Int = 10
    /// Documents to skip first, for paging.
    public var offset: Int = 0
    /// Passages to show per document (the best first).
    public var passagesPerDocument: Int = 1
    /// Match only the spellings typed, not the other spellings of a name.
    public var exact: Bool = false
    /// Longest snippet, in words.
    public var snippetWords: Int = 40
    /// The order of the documents.
    public var sort: ResultOrder = .relevance
    /// Keep only documents whose path matches this glob (`Glob`'s rules): against the path relative to the
    /// indexed folder (an archive's articles by the archive's path), or the absolute path when it starts with `/`.
    public var pathGlob: Glob? = nil

    /// Creates a request for `query` with default settings.
    public init(query: String) {
        self.query = query
    }
}
