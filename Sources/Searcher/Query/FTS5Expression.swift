/// A `Query` written as an FTS5 MATCH expression, to be bound as a parameter (`... MATCH ?1`), never spliced into SQL.
///
/// Every word and phrase becomes a double-quoted FTS5 string with `"` doubled, so user text never acts as syntax:
/// `al-Haq title:"Quds Force" -Kata'ib` → `"al-Haq" AND title : "Quds Force" NOT "Kata'ib"`.
///
/// How the tree maps onto FTS5:
/// - `prefix` → `"Sulei" *`; `near` → `NEAR("a" "b c", 10)`.
/// - Column filters are pushed down onto each phrase (`title:(a OR b)` → `title : "a" OR title : "b"`), which is what
///   FTS5 means by a filter on a group and keeps its parser stack shallow.
/// - FTS5's NOT is binary, so an AND with exclusions renders as `P1 AND P2 NOT N1 NOT N2`.
/// - A NEAR whose operands are not all words, phrases and prefixes (the parser makes no other; a tree built by hand
///   may) degrades to AND.
public struct FTS5Expression: Sendable, Equatable, CustomStringConvertible {
    /// The expression text, ready for `sqlite3_bind_text`.
    public let text: String

    /// The deepest parentheses nesting rendered; FTS5's parser stack (100 entries) overflows at about 33 levels.
    public static let maxNesting = 28

    /// Renders `query`; throws `SearchError.syntax` for trees FTS5 cannot express (nothing but exclusions) or that
    /// nest too deeply. Trees from `QueryParser` never throw.
    public init(_ query: Query) throws(SearchError) {
        let rendered = try FTS5Expression.render(query, field: nil)
        if FTS5Expression.nesting(of: rendered.text) > FTS5Expression.maxNesting {
            throw SearchError.syntax(message: "the query is nested too deeply", position: 1)
        }
        text = rendered.text
    }

    /// The expression text.
    public var description: String { text }

    /// Quotes `text` as one FTS5 string: `Kata"ib` → `"Kata""ib"`. Control characters are dropped because FTS5
    /// reads the expression as a C string, where a NUL would cut it short.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" {
                out += "\"\""
            } else if scalar.properties.generalCategory == .control {
                if scalar == "\t" || scalar == "\n" || scalar == "\r" { out += " " }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The texts of the quoted strings of an expression this type rendered, in order, their doubled quotes undone:
    /// FTS5 numbers the phrases of an expression in this order. `"a" OR NEAR("b" "c""d", 3)` → `a`, `b`, `c"d`.
    public static func phrases(of expression: String) -> [String] {
        var result: [String] = []
        var current: [UInt8] = []
        var inString = false
        let bytes = Array(expression.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                if inString, i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                    current.append(b)
                    i += 2
                    continue
                }
                if inString { result.append(String(decoding: current, as: UTF8.self)); current = [] }
                inString.toggle()
            } else if inString {
                current.append(b)
            }
            i += 1
        }
        return result
    }

    /// How an operand binds, so the parent knows when to add parentheses.
    private enum Shape { case atom, and, or }

    private static let onlyExclusions = SearchError.syntax(
        message: "the query needs at least one word to look for, not only exclusions", position: 1)

    private static func column(_ field: Query.Field?) -> String {
        field.map { "\($0.columnName) : " } ?? ""
    }

    private static func phrase(_ term: Query) -> String? {
        switch term {
        case let .word(text), let .phrase(text): return quote(text)
        case let .prefix(text): return quote(text) + " *"
        default: return nil
        }
    }

    private static func render(_ query: Query, field: Query.Field?) throws(SearchError) -> (text: String, shape: Shape) {
        switch query {
        case .word, .phrase, .prefix:
            return (column(field) + (phrase(query) ?? ""), .atom)
        case let .near(items, distance):
            return try renderNear(items, distance: distance, field: field)
        case let .field(inner, query):
            // The innermost filter wins: `title:(a body:b)` looks for b in the body.
            return try render(query, field: inner)
        case let .and(items):
            var positives: [String] = []
            var negatives: [String] = []
            for item in items {
                if item.isExclusion {
                    let (text, shape) = try render(excluded(item), field: field)
                    negatives.append(shape == .atom ? text : "(" + text + ")")
                } else {
                    let (text, shape) = try render(item, field: field)
                    positives.append(shape == .or ? "(" + text + ")" : text)
                }
            }
            guard !positives.isEmpty else { throw onlyExclusions }
            let text = positives.joined(separator: " AND ") + negatives.map { " NOT " + $0 }.joined()
            return (text, positives.count == 1 && negatives.isEmpty ? .atom : .and)
        case let .or(items):
            var parts: [String] = []
            for item in items {
                guard !item.isExclusion else { throw onlyExclusions }
                let (text, shape) = try render(item, field: field)
                parts.append(shape == .and ? "(" + text + ")" : text)
            }
            guard !parts.isEmpty else { throw onlyExclusions }
            return (parts.joined(separator: " OR "), parts.count == 1 ? .atom : .or)
        case .not:
            throw onlyExclusions
        }
    }

    /// What an exclusion excludes: `-a` → `a`, `title:-a` → `title:a`.
    private static func excluded(_ query: Query) -> Query {
        switch query {
        case let .not(inner): return inner
        case let .field(field, inner): return .field(field, excluded(inner))
        default: return query
        }
    }

    private static func renderNear(_ items: [Query], distance: Int, field: Query.Field?) throws(SearchError)
        -> (text: String, shape: Shape) {
        let terms = items.compactMap(phrase)
        guard terms.count == items.count, !items.isEmpty else {
            return try render(.and(items), field: field)
        }
        return (column(field) + "NEAR(" + terms.joined(separator: " ") + ", \(max(0, distance)))", .atom)
    }

    /// The deepest parentheses nesting outside quoted strings.
    private static func nesting(of text: String) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") {
                inString.toggle()
            } else if !inString, byte == UInt8(ascii: "(") {
                depth += 1
                deepest = max(deepest, depth)
            } else if !inString, byte == UInt8(ascii: ")") {
                depth -= 1
            }
        }
        return deepest
    }
}
