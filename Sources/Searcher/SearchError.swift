/// Everything that can go wrong while searching, in words a user understands.
public enum SearchError: Error, Sendable, Equatable, CustomStringConvertible {
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

    public var description: String {
        switch self {
        case let .syntax(message, position): return "query error at column \(position): \(message)"
        case let .badDate(option, value): return "\(option): '\(value)' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
        case let .noDocument(doc): return "no document \(doc) in the index (the paths are those search -l prints)"
        case let .ambiguousDocument(doc, candidates):
            return "\(doc) names \(candidates.count) documents; give the full path: \(candidates.joined(separator: ", "))"
        case let .tooComplex(terms, limit):
            return "query too long: it asks for \(terms) different words, phrases and names (with the other names of names it knows), more than the \(limit) one search looks up; search for fewer, or put a passage in quotes to find it as one phrase"
        }
    }
}
