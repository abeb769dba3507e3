/// A parsed search query: a tree of words, phrases, prefixes, NEAR groups, column filters and boolean operators.
///
/// Built by `QueryParser` and rendered for SQLite by `FTS5Expression`. Example: `Soleimani -"Quds Force"` →
/// `(and (word "Soleimani") (not (phrase "Quds Force")))`.
///
/// A tree that came from the parser always has at least one positive term in every `and`, no exclusion as an `or`
/// alternative or at the top, and only `word`/`phrase`/`prefix` operands in `near`.
public indirect enum Query: Sendable, Equatable, CustomStringConvertible {
    /// A single word the documents must contain: `al-Haq` → `.word("al-Haq")`.
    case word(String)
    /// Words that must appear next to each other, in order: `"Quds Force"` → `.phrase("Quds Force")`.
    case phrase(String)
    /// A word (or a phrase's last word) given by its beginning: `Sulei*` → `.prefix("Sulei")`.
    case prefix(String)
    /// Terms that must all occur within `distance` words of each other: `NEAR(a b, 5)`.
    case near([Query], distance: Int)
    /// A sub-query restricted to one column: `title:Baghdad` → `.field(.title, .word("Baghdad"))`.
    case field(Field, Query)
    /// Every operand must match; `.not` operands exclude documents.
    case and([Query])
    /// At least one operand must match.
    case or([Query])
    /// Documents matching the operand are excluded; only meaningful as an operand of `.and`.
    case not(Query)

    /// NEAR's distance when the query gives none, as in FTS5.
    public static let defaultNearDistance = 10

    /// A column that `title:` and `body:` restrict a term to.
    public enum Field: String, Sendable, Equatable, CaseIterable {
        /// The document title.
        case title
        /// The document text.
        case body

        /// The FTS5 column that holds this field.
        public var columnName: String { rawValue }
    }

    /// Where a term sits in the tree, told to a `mapTerms` transform.
    public struct TermContext: Sendable, Equatable {
        /// The column filter that applies to the term, if any.
        public var field: Field?
        /// True when the term is inside an exclusion (`-word`, `NOT word`).
        public var isExcluded: Bool
        /// True when the term is an operand of NEAR.
        public var isInNear: Bool

        /// Creates a context.
        public init(field: Field? = nil, isExcluded: Bool = false, isInNear: Bool = false) {
            self.field = field
            self.isExcluded = isExcluded
            self.isInNear = isInNear
        }
    }

    /// One word the documents are searched for, for highlighting: `"Quds Force"` gives `Quds` and `Force`.
    public struct Term: Sendable, Equatable, Hashable, CustomStringConvertible {
        /// The word as the user typed it.
        public var text: String
        /// True when the word is a prefix (`Sulei*`).
        public var isPrefix: Bool

        /// Creates a term.
        public init(_ text: String, isPrefix: Bool = false) {
            self.text = text
            self.isPrefix = isPrefix
        }

        /// The word, with `*` after a prefix.
        public var description: String { isPrefix ? text + "*" : text }
    }

    /// True for a word, phrase or prefix.
    public var isTerm: Bool {
        switch self {
        case .word, .phrase, .prefix: return true
        default: return false
        }
    }

    /// True when this node only removes documents (`-a`, `NOT a`, `title:-a`) and so cannot stand alone.
    public var isExclusion: Bool {
        switch self {
        case .not: return true
        case let .field(_, inner): return inner.isExclusion
        default: return false
        }
    }

    /// The words the query looks for, in order, without those inside exclusions: `a -b "c d" e*` → `a c d e*`.
    public var positiveTerms: [Term] {
        var result: [Term] = []
        collectPositiveTerms(into: &result)
        return result
    }

    private func collectPositiveTerms(into result: inout [Term]) {
        switch self {
        case let .word(text):
            result.append(Term(text))
        case let .phrase(text):
            for word in text.split(whereSeparator: \.isWhitespace) { result.append(Term(String(word))) }
        case let .prefix(text):
            let words = text.split(whereSeparator: \.isWhitespace)
            for (i, word) in words.enumerated() { result.append(Term(String(word), isPrefix: i == words.count - 1)) }
        case let .near(items, _), let .and(items), let .or(items):
            for item in items { item.collectPositiveTerms(into: &result) }
        case let .field(_, inner):
            inner.collectPositiveTerms(into: &result)
        case .not:
            break
        }
    }

    /// Replaces every word, phrase and prefix with what `transform` returns, e.g. to expand a name into its aliases:
    /// `PMF` → `.or([.word("PMF"), .phrase("Popular Mobilization Forces")])`.
    ///
    /// Inside NEAR, FTS5 takes only phrases; `FTS5Expression` turns a NEAR operand that became an OR of terms into an
    /// OR of NEAR groups. Return the term unchanged to keep it.
    public func mapTerms(_ transform: (Query, TermContext) throws -> Query) rethrows -> Query {
        try mapTerms(transform, context: TermContext())
    }

    private func mapTerms(_ transform: (Query, TermContext) throws -> Query, context: TermContext) rethrows -> Query {
        switch self {
        case .word, .phrase, .prefix:
            return try transform(self, context)
        case let .near(items, distance):
            var inner = context
            inner.isInNear = true
            return .near(try items.map { try $0.mapTerms(transform, context: inner) }, distance: distance)
        case let .field(field, query):
            var inner = context
            inner.field = field
            return .field(field, try query.mapTerms(transform, context: inner))
        case let .and(items):
            return .and(try items.map { try $0.mapTerms(transform, context: context) })
        case let .or(items):
            return .or(try items.map { try $0.mapTerms(transform, context: context) })
        case let .not(query):
            var inner = context
            inner.isExcluded = true
            return .not(try query.mapTerms(transform, context: inner))
        }
    }

    /// An s-expression for tests and `--explain`: `(and (word "a") (not (phrase "b c")))`.
    public var description: String {
        switch self {
        case let .word(text): return "(word \(Query.quoted(text)))"
        case let .phrase(text): return "(phrase \(Query.quoted(text)))"
        case let .prefix(text): return "(prefix \(Query.quoted(text)))"
        case let .near(items, distance): return "(near \(distance) " + items.map(\.description).joined(separator: " ") + ")"
        case let .field(field, query): return "(\(field.rawValue) \(query))"
        case let .and(items): return "(and " + items.map(\.description).joined(separator: " ") + ")"
        case let .or(items): return "(or " + items.map(\.description).joined(separator: " ") + ")"
        case let .not(query): return "(not \(query))"
        }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for ch in text {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.append(ch)
            }
        }
        return out + "\""
    }
}
