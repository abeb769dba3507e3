/// How much matched a query: documents, and passages holding a match (`search --count`).
public struct MatchCount: Sendable, Codable, Equatable {
    /// The query as typed.
    public var query: String
    /// Matching documents (after the filters).
    public var documents: Int
    /// Passages of those documents with at least one match in their text.
    public var passages: Int
    /// Documents that matched but were left out by a date filter because they have no date.
    public var undatedExcluded: Int

    enum CodingKeys: String, CodingKey {
        case query, documents, passages, undatedExcluded = "undated_excluded"
    }
}
