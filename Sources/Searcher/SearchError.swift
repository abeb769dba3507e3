/// Everything that can go wrong while searching, as data: the front ends word it (`Rendering`'s `ErrorMessages`).
public enum SearchError: Error, Sendable, Equatable {
    /// The query text is malformed; `position` is the 1-based character column where the problem is.
    case syntax(message: String, position: Int)
    /// A `--since`/`--until` style value is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    case badDate(option: String, value: String)
    /// `search show DOC`: no document is stored under that path.
    case noDocument(String)
    /// `search show DOC`: several folders hold a document with that relative path; `candidates` are their full paths.
    case ambiguousDocument(String, candidates: [String])
    /// The query asks for more than `limit` words, phrases and names once repeats are collapsed and names expanded
    /// into their other names (`terms` in all): evaluating it could take minutes.
    case tooComplex(terms: Int, limit: Int)
}
