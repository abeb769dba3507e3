import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct JSONValueTests {
    @Test(arguments: [
        (#"{"a": 1, "b": [true, false, null], "c": {"d": "e"}}"#,
         JSONValue.object(["a": .number(1), "b": .array([.bool(true), .bool(false), .null]), "c": .object(["d": .string("e")])])),
        (#""Kata'ib \"Hezbollah\"\n\t\\/""#, .string("Kata'ib \"Hezbollah\"\n\t\\/")),
        (#""Sulaym\u0101n\u00ed""#, .string("Sulaymāní")),
        (#""\ud83d\ude00 \ud800x""#, .string("😀 \u{FFFD}x")),
        ("-12.5e2", .number(-1250)),
        ("  []  ", .array([])),
        (#"{"dup": 1, "dup": 2}"#, .object(["dup": .number(2)])),
    ])
    func parsesValues(text: String, expected: JSONValue) throws {
        #expect(try JSONValue.parse(text) == expected)
    }

    @Test(arguments: [
        (#"{"a": 1"#, 8, "unexpected end of line inside an object"),
        (#"{"a" 1}"#, 6, "expected ':' after the field name"),
        (#"{"é": tru}"#, 7, "expected true"),
        (#"{a: 1}"#, 2, "expected a field name in quotes"),
        (#"[1, 2] x"#, 8, "unexpected text after the value"),
        (#""open"#, 6, "unterminated string"),
        ("\"tab\there\"", 5, "control character in a string"),
        ("-", 2, "expected digits"),
        ("", 1, "unexpected end of line"),
    ])
    func reportsWhereItWentWrong(text: String, column: Int, message: String) {
        #expect(throws: JSONValue.SyntaxError(message: message, column: column)) { try JSONValue.parse(text) }
    }

    @Test func refusesHostileNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(deep) }
    }

    @Test(arguments: [
        (JSONValue.number(7), "7"), (.number(2.5), "2.5"), (.string("x"), "x"), (.bool(true), "true"),
    ])
    func scalarText(value: JSONValue, text: String) {
        #expect(value.scalarText == text)
    }
}
