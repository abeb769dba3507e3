/// Turns the text a user types into a `Query`, or a `SearchError.syntax` that says what is wrong and at which column.
///
/// The language: words must all match; `"exact phrase"`; `OR` (upper case; `or` is a word); `AND`; `NOT x` and `-x`
/// exclude; `Sulei*` is a prefix; `NEAR(a b, 5)` (distance 10 by default); `title:x`, `body:"a b"`, `title:(a OR b)`;
/// parentheses. NOT and `-` bind tightest, then AND (implicit or explicit), then OR: `a b OR c` is `(a b) OR c`.
///
/// Decisions, so that names and pasted text just work:
/// - A `-` excludes only at the start of a term; `al-Haq`, `Kata'ib`, `Kata’ib`, `al-Sha'abi` are single words.
/// - `foo:bar` with an unknown field, `http://x`, `10:30` are plain words; field names are case-insensitive.
///   A field inside another field's parentheses wins: `title:(a body:b)` looks for `b` in the body.
/// - Curly quotes `“…”` work like `"…"`; `"a b"*` makes the last word of the phrase a prefix.
/// - Control characters are stripped (tab and newline separate words); words of punctuation only (`-`, `&`, `""`)
///   are ignored.
/// - Limits, each a clear error rather than a crash: `maxLength` characters, `maxTerms` terms, `maxDepth` levels of
///   parentheses and field groups. The parser runs in time linear in the query length.
public struct QueryParser: Sendable {
    /// The longest query accepted, in characters.
    public static let maxLength = 100_000
    /// The most words, phrases and prefixes one query may hold.
    public static let maxTerms = 1_000
    /// The deepest nesting of parentheses and field groups; FTS5's own parser overflows not far above this.
    public static let maxDepth = 16
    /// The largest NEAR distance accepted.
    public static let maxNearDistance = 10_000

    /// Creates a parser.
    public init() {}

    /// Parses `text`: `Soleimani -"Quds Force"` → `(and (word "Soleimani") (not (phrase "Quds Force")))`.
    public func parse(_ text: String) throws(SearchError) -> Query {
        let chars = Array(text)
        if chars.count > QueryParser.maxLength {
            throw SearchError.syntax(
                message: "the query is longer than \(QueryParser.maxLength) characters", position: QueryParser.maxLength + 1)
        }
        var lexer = Lexer(chars: chars)
        try lexer.run()
        var parser = Parser(tokens: lexer.tokens)
        return try parser.parseQuery()
    }
}

/// One lexical unit of a query, with the 1-based column where it starts.
private struct Token {
    enum Kind {
        case word(String), phrase(String), prefix(String), near([Query], Int)
        case field(Query.Field), minus, lparen, rparen, or, and, not
    }
    var kind: Kind
    var position: Int

    var startsOperand: Bool {
        switch kind {
        case .word, .phrase, .prefix, .near, .field, .minus, .lparen, .not: return true
        case .rparen, .or, .and: return false
        }
    }
}

private struct Lexer {
    let chars: [Character]
    var i = 0
    var tokens: [Token] = []
    var termCount = 0

    init(chars: [Character]) { self.chars = chars }

    static func isQuote(_ c: Character) -> Bool { c == "\"" || c == "\u{201C}" || c == "\u{201D}" }

    /// Control characters other than whitespace are dropped wherever they occur.
    static func isControl(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control }
    }

    /// Letters, marks, digits and symbols (emoji included) are what a tokenizer may index; punctuation is not.
    static func isContent(_ c: Character) -> Bool {
        c.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark,
                 .decimalNumber, .letterNumber, .otherNumber, .otherSymbol, .currencySymbol:
                return true
            default:
                return false
            }
        }
    }

    static func hasContent(_ s: String) -> Bool { s.contains(where: isContent) }

    /// True when the previous token is a `-` or field that the next token belongs to.
    var afterAttached: Bool {
        guard let last = tokens.last else { return false }
        switch last.kind {
        case .minus, .field: return true
        default: return false
        }
    }

    var afterField: Bool {
        if case .field = tokens.last?.kind { return true }
        return false
    }

    mutating func emitTerm(_ kind: Token.Kind, at position: Int) throws(SearchError) {
        termCount += 1
        if termCount > QueryParser.maxTerms {
            throw SearchError.syntax(message: "the query has more than \(QueryParser.maxTerms) terms", position: position)
        }
        tokens.append(Token(kind: kind, position: position))
    }

    /// A term with nothing to index is ignored, along with the `-` or `field:` written onto it.
    mutating func dropTerm() {
        while afterAttached { tokens.removeLast() }
    }

    mutating func run() throws(SearchError) {
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace || Lexer.isControl(c) {
                i += 1
            } else if c == "(" {
                tokens.append(Token(kind: .lparen, position: i + 1)); i += 1
            } else if c == ")" {
                tokens.append(Token(kind: .rparen, position: i + 1)); i += 1
            } else if Lexer.isQuote(c) {
                let start = i + 1
                let (text, isPrefix) = try lexPhrase()
                if !Lexer.hasContent(text) { dropTerm(); continue }
                try emitTerm(isPrefix ? .prefix(text) : .phrase(text), at: start)
            } else if c == "-", i + 1 < chars.count, startsTerm(chars[i + 1]) {
                tokens.append(Token(kind: .minus, position: i + 1)); i += 1
            } else {
                try lexBareWord()
            }
        }
    }

    func startsTerm(_ c: Character) -> Bool { Lexer.isContent(c) || Lexer.isQuote(c) || c == "(" }

    /// Reads a quoted phrase starting at the opening quote; whitespace inside is collapsed to single spaces.
    mutating func lexPhrase() throws(SearchError) -> (String, Bool) {
        let open = i
        i += 1
        var text = ""
        var pendingSpace = false
        while i < chars.count, !Lexer.isQuote(chars[i]) {
            let c = chars[i]
            if c.isWhitespace {
                pendingSpace = !text.isEmpty
            } else if !Lexer.isControl(c) {
                if pendingSpace { text.append(" "); pendingSpace = false }
                text.append(c)
            }
            i += 1
        }
        if i == chars.count {
            throw SearchError.syntax(message: "unclosed quote: add a closing \"", position: open + 1)
        }
        i += 1
        var isPrefix = false
        if i < chars.count, chars[i] == "*" {
            let star = i
            while i < chars.count, chars[i] == "*" { i += 1 }
            if !Lexer.hasContent(text) { throw Lexer.loneStar(at: star) }
            isPrefix = true
        }
        return (text, isPrefix)
    }

    static func loneStar(at index: Int) -> SearchError {
        .syntax(message: "'*' must come right after the start of a word, as in Sulei*", position: index + 1)
    }

    static func isBreak(_ c: Character) -> Bool {
        c.isWhitespace || c == "(" || c == ")" || isQuote(c)
    }

    mutating func lexBareWord() throws(SearchError) {
        let start = i
        let keywordsAllowed = !afterAttached
        let fieldAllowed = !afterField
        var word = ""
        var sawColon = false
        while i < chars.count, !Lexer.isBreak(chars[i]) {
            let c = chars[i]
            if c == ":", !sawColon {
                sawColon = true
                if fieldAllowed, let field = Query.Field(rawValue: word.lowercased()), i + 1 < chars.count,
                   case let next = chars[i + 1], !next.isWhitespace, next != ")", !Lexer.isControl(next) {
                    tokens.append(Token(kind: .field(field), position: start + 1))
                    i += 1
                    return
                }
            }
            if !Lexer.isControl(c) { word.append(c) }
            i += 1
        }
        if keywordsAllowed {
            switch word {
            case "OR": tokens.append(Token(kind: .or, position: start + 1)); return
            case "AND": tokens.append(Token(kind: .and, position: start + 1)); return
            case "NOT": tokens.append(Token(kind: .not, position: start + 1)); return
            default: break
            }
        }
        if word == "NEAR" {
            var j = i
            while j < chars.count, chars[j].isWhitespace { j += 1 }
            if j < chars.count, chars[j] == "(" {
                i = j
                try lexNear(start: start)
                return
            }
        }
        if word.hasSuffix("*") {
            let stem = String(word.reversed().drop { $0 == "*" }.reversed())
            if !Lexer.hasContent(stem) {
                throw Lexer.loneStar(at: start + stem.count)
            }
            try emitTerm(.prefix(stem), at: start + 1)
        } else if Lexer.hasContent(word) {
            try emitTerm(.word(word), at: start + 1)
        } else {
            dropTerm()
        }
    }

    /// Reads `NEAR( term term ... [, N] )`; `i` is at the `(`.
    mutating func lexNear(start: Int) throws(SearchError) {
        let unclosed = SearchError.syntax(message: "unclosed NEAR(: add a closing ')'", position: start + 1)
        i += 1
        var items: [Query] = []
        var distance = Query.defaultNearDistance
        while true {
            skipSpace()
            guard i < chars.count else { throw unclosed }
            let c = chars[i]
            if c == ")" { i += 1; break }
            if c == "," {
                i += 1
                skipSpace()
                let numberStart = i
                var digits = ""
                while i < chars.count, !chars[i].isWhitespace, chars[i] != ")" { digits.append(chars[i]); i += 1 }
                guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 5,
                      let n = Int(digits), n <= QueryParser.maxNearDistance else {
                    if digits.isEmpty, i == chars.count { throw unclosed }
                    throw SearchError.syntax(
                        message: "NEAR distance must be a number from 0 to \(QueryParser.maxNearDistance), as in NEAR(a b, 5)",
                        position: numberStart + 1)
                }
                distance = n
                skipSpace()
                guard i < chars.count else { throw unclosed }
                guard chars[i] == ")" else {
                    throw SearchError.syntax(message: "expected ')' after the NEAR distance", position: i + 1)
                }
                i += 1
                break
            }
            let itemStart = i + 1
            if Lexer.isQuote(c) {
                let (text, isPrefix) = try lexPhrase()
                if Lexer.hasContent(text) { items.append(isPrefix ? .prefix(text) : .phrase(text)) }
                try countTerm(at: itemStart)
                continue
            }
            if c == "(" || (c == "-" && i + 1 < chars.count && startsTerm(chars[i + 1])) {
                throw SearchError.syntax(message: "NEAR(...) takes only words and phrases", position: itemStart)
            }
            var word = ""
            while i < chars.count, !Lexer.isBreak(chars[i]), chars[i] != "," {
                if !Lexer.isControl(chars[i]) { word.append(chars[i]) }
                i += 1
            }
            if word == "OR" || word == "AND" || word == "NOT" || word == "NEAR" {
                throw SearchError.syntax(message: "NEAR(...) takes only words and phrases, not \(word)", position: itemStart)
            }
            if let colon = word.firstIndex(of: ":"), Query.Field(rawValue: word[..<colon].lowercased()) != nil {
                throw SearchError.syntax(
                    message: "a field cannot go inside NEAR(...); put it outside, as in title:NEAR(a b)", position: itemStart)
            }
            if word.hasSuffix("*") {
                let stem = String(word.reversed().drop { $0 == "*" }.reversed())
                if !Lexer.hasContent(stem) { throw Lexer.loneStar(at: itemStart - 1 + stem.count) }
                items.append(.prefix(stem))
            } else if Lexer.hasContent(word) {
                items.append(.word(word))
            }
            try countTerm(at: itemStart)
        }
        if items.count < 2 {
            throw SearchError.syntax(message: "NEAR(...) needs at least two words or phrases", position: start + 1)
        }
        tokens.append(Token(kind: .near(items, distance), position: start + 1))
    }

    mutating func skipSpace() {
        while i < chars.count, chars[i].isWhitespace || Lexer.isControl(chars[i]) { i += 1 }
    }

    mutating func countTerm(at position: Int) throws(SearchError) {
        termCount += 1
        if termCount > QueryParser.maxTerms {
            throw SearchError.syntax(message: "the query has more than \(QueryParser.maxTerms) terms", position: position)
        }
    }
}

private struct Parser {
    let tokens: [Token]
    var index = 0
    var depth = 0

    init(tokens: [Token]) { self.tokens = tokens }

    var peek: Token? { index < tokens.count ? tokens[index] : nil }

    static let onlyExclusions = "the query needs at least one word to look for, not only exclusions"

    mutating func parseQuery() throws(SearchError) -> Query {
        guard !tokens.isEmpty else {
            throw SearchError.syntax(message: "nothing to search for: type a word", position: 1)
        }
        let query = try parseOr()
        if let extra = peek {
            // parseOr stops only at the end or at a ')' that no '(' opened.
            throw SearchError.syntax(message: "')' has no matching '('", position: extra.position)
        }
        if query.isExclusion { throw SearchError.syntax(message: Parser.onlyExclusions, position: 1) }
        return query
    }

    static func name(_ kind: Token.Kind) -> String {
        switch kind {
        case .or: return "OR"
        case .and: return "AND"
        case .not: return "NOT"
        default: return "operator"
        }
    }

    /// The operand after `op` at `position` must exist and be able to start a term.
    func requireOperand(after op: String, at position: Int) throws(SearchError) {
        guard let next = peek, next.startsOperand else {
            throw SearchError.syntax(message: "\(op) needs a word after it", position: position)
        }
    }

    mutating func parseOr() throws(SearchError) -> Query {
        var items: [Query] = []
        var positions: [Int] = []
        positions.append(peek?.position ?? 1)
        items.append(try parseAnd())
        while let token = peek, case .or = token.kind {
            index += 1
            try requireOperand(after: "OR", at: token.position)
            positions.append(peek?.position ?? token.position)
            items.append(try parseAnd())
        }
        if items.count == 1 { return items[0] }
        for (item, position) in zip(items, positions) where item.isExclusion {
            throw SearchError.syntax(
                message: "an OR alternative cannot be only an exclusion; put it beside a word, as in (a -b) OR c",
                position: position)
        }
        var flat: [Query] = []
        for item in items {
            if case let .or(inner) = item { flat += inner } else { flat.append(item) }
        }
        return .or(flat)
    }

    mutating func parseAnd() throws(SearchError) -> Query {
        let startPosition = peek?.position ?? 1
        var items: [Query] = [try parseUnary()]
        loop: while let token = peek {
            switch token.kind {
            case .rparen, .or:
                break loop
            case .and:
                index += 1
                try requireOperand(after: "AND", at: token.position)
                items.append(try parseUnary())
            default:
                items.append(try parseUnary())
            }
        }
        if items.count == 1 { return items[0] }
        if items.allSatisfy(\.isExclusion) {
            throw SearchError.syntax(message: Parser.onlyExclusions, position: startPosition)
        }
        var flat: [Query] = []
        for item in items {
            if case let .and(inner) = item { flat += inner } else { flat.append(item) }
        }
        return .and(flat)
    }

    mutating func parseUnary() throws(SearchError) -> Query {
        guard let token = peek else {
            // Callers check that an operand follows before calling.
            throw SearchError.syntax(message: "a word is missing at the end", position: (tokens.last?.position ?? 0) + 1)
        }
        switch token.kind {
        case .not:
            index += 1
            try requireOperand(after: "NOT", at: token.position)
            if let next = peek {
                switch next.kind {
                case .not, .minus:
                    throw SearchError.syntax(message: "NOT cannot exclude an exclusion", position: next.position)
                default: break
                }
            }
            return .not(try parsePrimary())
        case .minus:
            index += 1
            let inner = try parsePrimary()
            if inner.isExclusion {
                throw SearchError.syntax(message: "'-' cannot exclude an exclusion", position: token.position)
            }
            return .not(inner)
        default:
            return try parsePrimary()
        }
    }

    mutating func enter(at position: Int) throws(SearchError) {
        depth += 1
        if depth > QueryParser.maxDepth {
            throw SearchError.syntax(
                message: "the query is nested more than \(QueryParser.maxDepth) levels deep", position: position)
        }
    }

    mutating func parsePrimary() throws(SearchError) -> Query {
        guard let token = peek else {
            throw SearchError.syntax(message: "a word is missing at the end", position: (tokens.last?.position ?? 0) + 1)
        }
        switch token.kind {
        case let .word(text):
            index += 1; return .word(text)
        case let .phrase(text):
            index += 1; return .phrase(text)
        case let .prefix(text):
            index += 1; return .prefix(text)
        case let .near(items, distance):
            index += 1; return .near(items, distance: distance)
        case let .field(field):
            index += 1
            try enter(at: token.position)
            defer { depth -= 1 }
            guard peek != nil else {
                throw SearchError.syntax(message: "\(field.rawValue): needs a word after it", position: token.position)
            }
            let inner = try parseUnary()
            if case let .not(excluded) = inner { return .not(.field(field, excluded)) }
            return .field(field, inner)
        case .lparen:
            index += 1
            try enter(at: token.position)
            defer { depth -= 1 }
            guard let next = peek else {
                throw SearchError.syntax(message: "unclosed parenthesis: add a ')'", position: token.position)
            }
            if case .rparen = next.kind {
                throw SearchError.syntax(message: "empty parentheses: put a word inside", position: token.position)
            }
            let inner = try parseOr()
            guard let close = peek, case .rparen = close.kind else {
                throw SearchError.syntax(message: "unclosed parenthesis: add a ')'", position: token.position)
            }
            index += 1
            return inner
        case .rparen:
            throw SearchError.syntax(message: "')' has no matching '('", position: token.position)
        case .or, .and:
            throw SearchError.syntax(message: "\(Parser.name(token.kind)) needs a word before it", position: token.position)
        case .not, .minus:
            throw SearchError.syntax(message: "cannot exclude an exclusion", position: token.position)
        }
    }
}
