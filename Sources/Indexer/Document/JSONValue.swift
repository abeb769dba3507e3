/// A JSON value, parsed from one line of a JSON Lines archive without Foundation.
///
/// `{"id": 7, "title": "Baghdad"}` → `.object(["id": .number(7), "title": .string("Baghdad")])`.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Why a text is not JSON, with the 1-based column (in characters of the UTF-8 line) where it went wrong.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var column: Int
        public var description: String { "column \(column): \(message)" }
    }

    /// Parses `text` as one JSON value with nothing but white space around it.
    public static func parse(_ text: String) throws(SyntaxError) -> JSONValue {
        var copy = text
        let result = copy.withUTF8 { bytes -> Result<JSONValue, SyntaxError> in
            var parser = Parser(bytes: bytes)
            do throws(SyntaxError) {
                let value = try parser.value(depth: 0)
                parser.skipSpace()
                if parser.at < bytes.count { throw parser.failure("unexpected text after the value") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The value as text a person would write: strings as they are, numbers without a needless `.0`; nil for
    /// arrays, objects and null. `.number(7)` → `"7"`.
    public var scalarText: String? {
        switch self {
        case let .string(s): return s
        case let .number(n):
            if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
            return String(n)
        case let .bool(b): return b ? "true" : "false"
        case .null, .array, .object: return nil
        }
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0
        /// Deep nesting is refused rather than risking the stack on hostile input.
        static let maxDepth = 256

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func failure(_ message: String) -> SyntaxError {
            // Columns count characters, not bytes: continuation bytes do not start a character.
            let column = bytes[0..<min(at, bytes.count)].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            return SyntaxError(message: message, column: column)
        }

        mutating func skipSpace() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x09 || bytes[at] == 0x0A || bytes[at] == 0x0D { at += 1 }
        }

        mutating func value(depth: Int) throws(SyntaxError) -> JSONValue {
            if depth > Parser.maxDepth { throw failure("nested too deeply") }
            skipSpace()
            guard at < bytes.count else { throw failure("unexpected end of line") }
            switch bytes[at] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            default: throw failure("expected a value")
            }
        }

        mutating func literal(_ word: StaticString) throws(SyntaxError) {
            let n = word.utf8CodeUnitCount
            guard at + n <= bytes.count else { throw failure("expected \(word)") }
            for i in 0..<n where bytes[at + i] != word.utf8Start[i] { throw failure("expected \(word)") }
            at += n
        }

        mutating func object(depth: Int) throws(SyntaxError) -> JSONValue {
            at += 1
            var members: [String: JSONValue] = [:]
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return .object(members) }
            while true {
                skipSpace()
                guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw failure("expected a field name in quotes") }
                let key = try string()
                skipSpace()
                guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { throw failure("expected ':' after the field name") }
                at += 1
                members[key] = try value(depth: depth + 1)
                skipSpace()
                guard at < bytes.count else { throw failure("unexpected end of line inside an object") }
                if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                if bytes[at] == UInt8(ascii: "}") { at += 1; return .object(members) }
                throw failure("expected ',' or '}'")
            }
        }

        mutating func array(depth: Int) throws(SyntaxError) -> JSONValue {
            at += 1
            var items: [JSONValue] = []
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
            while true {
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard at < bytes.count else { throw failure("unexpected end of line inside an array") }
                if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                if bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
                throw failure("expected ',' or ']'")
            }
        }

        mutating func number() throws(SyntaxError) -> Double {
            let start = at
            if bytes[at] == UInt8(ascii: "-") { at += 1 }
            func digits(_ p: inout Parser) -> Int {
                let s = p.at
                while p.at < p.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p.bytes[p.at]) { p.at += 1 }
                return p.at - s
            }
            guard digits(&self) > 0 else { throw failure("expected digits") }
            if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
                at += 1
                guard digits(&self) > 0 else { throw failure("expected digits after '.'") }
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
                at += 1
                if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
                guard digits(&self) > 0 else { throw failure("expected digits in the exponent") }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
            guard let value = Double(text) else { throw failure("not a number") }
            return value
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard at + 4 <= bytes.count else { throw failure("expected four hex digits after \\u") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[at]
                let d: UInt32
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
                default: throw failure("expected four hex digits after \\u")
                }
                v = v << 4 | d
                at += 1
            }
            return v
        }

        mutating func string() throws(SyntaxError) -> String {
            at += 1
            var out: [UInt8] = []
            while true {
                guard at < bytes.count else { throw failure("unterminated string") }
                let c = bytes[at]
                if c == UInt8(ascii: "\"") { at += 1; break }
                if c < 0x20 { throw failure("control character in a string") }
                if c != UInt8(ascii: "\\") { out.append(c); at += 1; continue }
                at += 1
                guard at < bytes.count else { throw failure("unterminated string") }
                let e = bytes[at]
                at += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        // A high surrogate must be followed by an escaped low one; a lone one becomes U+FFFD.
                        if at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") {
                            at += 2
                            let low = try hex4()
                            scalar = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                        } else {
                            scalar = 0xFFFD
                        }
                    }
                    out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
                default: throw failure("unknown escape \\\(Character(Unicode.Scalar(e)))")
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
