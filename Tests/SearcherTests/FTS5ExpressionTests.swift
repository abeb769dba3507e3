import CSQLite
import Foundation
import Testing
@testable import Analysis
@testable import Storage
@testable import Searcher

/// A real FTS5 table in a temporary file, for checking rendered expressions against SQLite itself.
private final class FTS5Table {
    private var db: OpaquePointer?
    private let path: String

    static let rows: [(title: String, body: String)] = [
        ("Soleimani killed in Baghdad", "Qassem Soleimani, commander of the Quds Force, was killed near Baghdad airport."),
        ("Kata'ib Hezbollah statement", "Kata'ib Hezbollah and al-Haq militias issued a statement in Baghdad."),
        ("Popular Mobilization Forces", "The PMF, or Popular Mobilization Forces, includes many militias."),
        ("Weather in Tehran", "Sunny weather in Tehran with some clouds; no militia news today."),
        ("Abdul-Mahdi resigns", "Prime minister Abdul-Mahdi resigned after protests in Baghdad and Basra."),
    ]

    init() throws {
        path = NSTemporaryDirectory() + "fts5-expression-\(UUID().uuidString).sqlite"
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw Failure(message: "cannot open \(path)") }
        try execute("CREATE TABLE x(y); CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='unicode61')")
        for (title, body) in FTS5Table.rows {
            try execute("INSERT INTO t(title, body) VALUES ('\(title.replacingOccurrences(of: "'", with: "''"))', '\(body.replacingOccurrences(of: "'", with: "''"))')")
        }
    }

    deinit {
        sqlite3_close(db)
        try? FileManager.default.removeItem(atPath: path)
    }

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    func execute(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw Failure(message: String(cString: sqlite3_errmsg(db)))
        }
    }

    /// The rowids matching `expression`, bound as a parameter exactly as the searcher will.
    func match(_ expression: String) throws -> [Int] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", -1, &statement, nil) == SQLITE_OK else {
            throw Failure(message: String(cString: sqlite3_errmsg(db)))
        }
        defer { sqlite3_finalize(statement) }
        var bytes = Array(expression.utf8)
        let bound = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(statement, 1, chars.baseAddress, Int32(chars.count), csqlite_transient())
            }
        }
        guard bound == SQLITE_OK else { throw Failure(message: "bind failed") }
        var ids: [Int] = []
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_ROW {
                ids.append(Int(sqlite3_column_int64(statement, 0)))
            } else if rc == SQLITE_DONE {
                return ids
            } else {
                throw Failure(message: "\(expression) → \(String(cString: sqlite3_errmsg(db)))")
            }
        }
    }

    func rowCount() throws -> Int { try match("\"the\" OR \"in\" OR \"of\" OR \"tehran\"").count }
}

private func expression(_ query: String) throws -> String {
    try FTS5Expression(QueryParser().parse(query)).text
}

private func treeDepth(_ query: Query) -> Int {
    switch query {
    case .word, .phrase, .prefix: return 1
    case let .near(items, _), let .and(items), let .or(items): return 1 + (items.map(treeDepth).max() ?? 0)
    case let .field(_, inner), let .not(inner): return 1 + treeDepth(inner)
    }
}

/// True when everything outside the quoted strings is FTS5 syntax this renderer writes, never user text.
private func onlySyntaxOutsideStrings(_ expression: String) -> Bool {
    var outside = ""
    var inString = false
    for ch in expression {
        if ch == "\"" { inString.toggle(); if !inString { outside += " S " }; continue }
        if !inString { outside.append(ch == "(" || ch == ")" || ch == "," ? " " : ch) }
    }
    if inString { return false }
    let allowed: Set<Substring> = ["AND", "OR", "NOT", "NEAR", "*", ":", "S", "title", "body"]
    return outside.split(separator: " ").allSatisfy { allowed.contains($0) || $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
}

struct FTS5ExpressionTests {
    static let renderings: [(String, String)] = [
        ("Baghdad", #""Baghdad""#),
        (#"Kata"ib" x"#, #""Kata" AND "ib" AND "x""#),
        ("a b", #""a" AND "b""#),
        ("a OR b", #""a" OR "b""#),
        ("a (b OR c)", #""a" AND ("b" OR "c")"#),
        ("a b OR c", #"("a" AND "b") OR "c""#),
        ("a -b", #""a" NOT "b""#),
        ("a b -c -d", #""a" AND "b" NOT "c" NOT "d""#),
        ("a -(b OR c)", #""a" NOT ("b" OR "c")"#),
        ("a -(b c)", #""a" NOT ("b" AND "c")"#),
        ("(a -b) OR c", #"("a" NOT "b") OR "c""#),
        ("Sulei*", #""Sulei" *"#),
        (#""Quds For"*"#, #""Quds For" *"#),
        (#"NEAR(a "b c" d*, 3)"#, #"NEAR("a" "b c" "d" *, 3)"#),
        ("title:a", #"title : "a""#),
        ("title:(a OR b) c", #"(title : "a" OR title : "b") AND "c""#),
        ("title:(a body:b)", #"title : "a" AND body : "b""#),
        ("x -title:y", #""x" NOT title : "y""#),
        ("title:NEAR(a b)", #"title : NEAR("a" "b", 10)"#),
        ("al-Haq Kata’ib", #""al-Haq" AND "Kata’ib""#),
        ("{title}:x ^y", #""{title}:x" AND "^y""#),
    ]

    @Test(arguments: renderings)
    func renders(query: String, expected: String) throws {
        let rendered = try expression(query)
        #expect(rendered == expected)
        #expect(onlySyntaxOutsideStrings(rendered))
    }

    @Test func quotesAreDoubledAndControlsDropped() throws {
        #expect(try FTS5Expression(.word("Kata\"ib")).text == #""Kata""ib""#)
        #expect(try FTS5Expression(.phrase("\"a\" \"\"")).text == #""""a"" """"""#)
        #expect(try FTS5Expression(.prefix("a\u{0}b\tc")).text == #""ab c" *"#)
        let table = try FTS5Table()
        #expect(try table.match(FTS5Expression(.phrase("\"Quds\" \"Force\"")).text) == [1])
        #expect(try table.match(FTS5Expression(.word("Baghdad\u{0}\" OR \"Tehran")).text) == [])
    }

    static let matches: [(String, [Int])] = [
        ("Baghdad", [1, 2, 5]),
        ("baghdad militias", [2]),
        ("Baghdad OR Tehran", [1, 2, 4, 5]),
        ("Baghdad militias OR Tehran", [2, 4]),
        ("Baghdad AND statement", [2]),
        ("Baghdad -Soleimani", [2, 5]),
        ("Baghdad NOT Soleimani", [2, 5]),
        ("Baghdad -Soleimani -protests", [2]),
        ("Baghdad -(Soleimani OR protests)", [2]),
        ("Baghdad -(Soleimani airport)", [2, 5]),
        ("Baghdad -\"killed near\"", [2, 5]),
        ("(Baghdad OR Tehran) -weather", [1, 2, 5]),
        ("(Baghdad -Soleimani) OR Tehran", [2, 4, 5]),
        (#""Quds Force""#, [1]),
        (#""Force Quds""#, []),
        ("Sole*", [1]),
        ("militia*", [2, 3, 4]),
        ("militia* -title:Tehran", [2, 3]),
        (#""Popular Mob"*"#, [3]),
        ("title:Baghdad", [1]),
        ("body:Soleimani", [1]),
        (#"title:"Kata'ib Hezbollah""#, [2]),
        ("title:(Tehran OR resigns)", [4, 5]),
        ("title:(Tehran body:Sunny)", [4]),
        ("title:(Tehran body:Baghdad)", []),
        ("NEAR(Soleimani airport)", [1]),
        ("NEAR(Soleimani airport, 3)", []),
        ("NEAR(airport Soleimani, 9)", [1]),
        ("NEAR(airport Soleimani, 8)", []),
        (#"NEAR("Quds Force" airport, 5)"#, [1]),
        ("title:NEAR(Soleimani Baghdad, 2)", [1]),
        ("body:NEAR(Soleimani Baghdad, 2)", []),
        ("al-Haq", [2]),
        ("Abdul-Mahdi", [5]),
        ("Kata'ib", [2]),
        ("Kata’ib", [2]),
        ("“Kata’ib Hezbollah” statement", [2]),
        ("foo:bar", []),
        ("Tehran 😀", []),
    ]

    @Test(arguments: matches)
    func matchesExpectedRows(query: String, expected: [Int]) throws {
        let table = try FTS5Table()
        #expect(try table.match(expression(query)) == expected)
    }

    @Test func exclusionsStayWithTheirGroupWhenTreesNest() throws {
        // mapTerms can leave an AND inside an AND; FTS5's NOT binds tighter than AND, so no parentheses are needed.
        let nested = Query.and([.and([.word("Baghdad"), .not(.word("Soleimani"))]), .word("statement")])
        let rendered = try FTS5Expression(nested).text
        #expect(rendered == #""Baghdad" NOT "Soleimani" AND "statement""#)
        #expect(try FTS5Table().match(rendered) == [2])
        let inOr = Query.or([.and([.word("Tehran"), .not(.word("Sunny"))]), .word("Basra")])
        #expect(try FTS5Table().match(FTS5Expression(inOr).text) == [5])
    }

    @Test func theTableHoldsEveryRow() throws {
        #expect(try FTS5Table().rowCount() == FTS5Table.rows.count)
    }

    @Test func expandedTermsMatchEverySpelling() throws {
        let table = try FTS5Table()
        let aliases: [String: [Query]] = [
            "Suleimani": [.word("Suleimani"), .word("Soleimani")],
            "PMF": [.word("PMF"), .phrase("Popular Mobilization Forces")],
            "Airport": [.word("airfield"), .word("airport")],
        ]
        func expand(_ text: String) throws -> String {
            let query = try QueryParser().parse(text).mapTerms { term, _ in
                guard case let .word(word) = term, let alternatives = aliases[word] else { return term }
                return .or(alternatives)
            }
            return try FTS5Expression(query).text
        }
        #expect(try table.match(expression("Suleimani")) == [])
        #expect(try table.match(expand("Suleimani")) == [1])
        #expect(try table.match(expand("Baghdad -Suleimani")) == [2, 5])
        #expect(try table.match(expand("title:PMF")) == [3])
    }

    @Test func nearOfOperandsThatAreNotTermsFallsBackToAnd() throws {
        let wide = Query.or((0..<9).map { .word("w\($0)") })
        let query = Query.near([wide, wide], distance: 3)
        let rendered = try FTS5Expression(query).text
        #expect(!rendered.contains("NEAR"))
        #expect(try FTS5Table().match(rendered) == [])
    }

    @Test func treesWithOnlyExclusionsAreRefused() {
        for query: Query in [.not(.word("a")), .or([.word("a"), .not(.word("b"))]), .and([.not(.word("a"))])] {
            #expect(throws: SearchError.self) { try FTS5Expression(query) }
        }
    }

    @Test func deepestParsedQueryIsAcceptedByFTS5() throws {
        // Alternate AND and OR so that no level flattens, with fields, exclusions and an expansion at the bottom.
        var text = "title:PMF"
        var parsed = Query.word("PMF")
        for level in 0..<QueryParser.maxDepth + 5 {
            text = level % 2 == 0 ? "x\(level) OR (\(text))" : "y\(level) (\(text)) -n\(level)"
            guard let deeper = try? QueryParser().parse(text) else { break }
            parsed = deeper
        }
        #expect(treeDepth(parsed) >= QueryParser.maxDepth)
        let expanded = parsed.mapTerms { term, _ in term == .word("PMF") ? .or([term, .phrase("Popular Mobilization")]) : term }
        let table = try FTS5Table()
        _ = try table.match(FTS5Expression(parsed).text)
        _ = try table.match(FTS5Expression(expanded).text)
    }

    @Test func renderedNestingIsCappedBelowFTS5Limit() throws {
        var query = Query.word("a")
        for level in 0..<200 {
            query = level % 2 == 0 ? .and([.word("x\(level)"), query]) : .or([.word("y\(level)"), query])
            if let rendered = try? FTS5Expression(query) {
                _ = try FTS5Table().match(rendered.text)
            } else {
                #expect(level >= FTS5Expression.maxNesting)
                return
            }
        }
        Issue.record("200 levels of nesting were rendered")
    }

    @Test func thousandTermsAreAcceptedByFTS5() throws {
        let table = try FTS5Table()
        let words = (0..<QueryParser.maxTerms).map { "w\($0)" }
        _ = try table.match(expression(words.joined(separator: " ")))
        _ = try table.match(expression(words.joined(separator: " OR ")))
        _ = try table.match(expression("Baghdad " + words.dropFirst().map { "-" + $0 }.joined(separator: " ")))
    }

    enum Outcome: Sendable { case runs, refused }

    static let hostile: [(String, Outcome)] = [
        (#"""#, .refused),
        (#""""#, .refused),
        (#"""""#, .refused),
        (#"a"b"#, .refused),
        (#""a"b""#, .refused),
        (#""a""b""#, .runs),
        (#"x" AND "y"#, .runs),
        (#"" OR 1=1 --"#, .refused),
        ("'; DROP TABLE x;--", .runs),
        ("a'; DELETE FROM t WHERE '1'='1", .runs),
        ("x) OR (1=1", .refused),
        ("a OR 1=1", .runs),
        ("t MATCH 'x' OR rank:1", .runs),
        ("NEAR(", .refused),
        ("NEAR(a b, 5", .refused),
        ("NEAR(a b, 99999999999)", .refused),
        ("NEAR(a, b)", .refused),
        ("NEAR(\"a\" \"b\" , 1 )", .runs),
        ("near(a b)", .runs),
        ("{title}:x", .runs),
        ("{title body}:x", .runs),
        ("-{title}:x y", .runs),
        ("^x", .runs),
        ("x + y", .runs),
        ("a:b:c", .runs),
        ("title:", .runs),
        ("title::x", .runs),
        ("title:title:x", .runs),
        ("rowid:1 rank:2", .runs),
        ("x*y*", .runs),
        ("*", .refused),
        ("**a", .runs),
        ("a*\"b\"", .runs),
        ("AND", .refused),
        ("OR OR", .refused),
        ("NOT NOT a", .refused),
        ("a AND OR b", .refused),
        ("a NOT", .refused),
        ("-", .refused),
        ("-\"", .refused),
        ("--", .refused),
        ("-a", .refused),
        ("title:(a OR -b)", .refused),
        ("((((a))))", .runs),
        ("(a", .refused),
        ("a)", .refused),
        ("()", .refused),
        (")(", .refused),
        ("\\\"", .refused),
        ("\\\" x", .refused),
        ("a\\", .runs),
        ("عباس \"ابو مهدي\" المهندس", .runs),
        ("Сулеймани 中文 ελληνικά", .runs),
        ("😀 🇮🇶 👩‍👩‍👧", .runs),
        ("e\u{301}te\u{301} z\u{335}a\u{321}", .runs),
        ("a\u{0}b", .runs),
        ("\"a\u{0}\" OR b", .runs),
        ("\u{0}", .refused),
        ("\u{7}\u{1B}[31mred\u{1B}[0m", .runs),
        ("a\u{7F}\u{85}\u{9C}b", .runs),
        ("\u{FEFF}x\u{200B}y\u{200C}z", .runs),
        ("\u{FFFD}\u{FFFD}", .runs),
        ("\u{2028}x\u{2029}", .runs),
        (String(repeating: "(", count: 1_000) + "a", .refused),
        (String(repeating: "\"", count: 1_001), .refused),
        (String(repeating: "-a ", count: 500) + "b", .runs),
        (String(repeating: "x OR ", count: 999) + "y", .runs),
        (String(repeating: "x OR ", count: 1_000) + "y", .refused),
    ]

    @Test(arguments: hostile)
    func hostileQueriesRunOrAreRefused(query: String, outcome: Outcome) throws {
        let parsed: Query
        do {
            parsed = try QueryParser().parse(query)
        } catch {
            #expect(outcome == .refused, "refused: \(error)")
            return
        }
        #expect(outcome == .runs, "parsed as \(parsed)")
        let rendered = try FTS5Expression(parsed).text
        #expect(onlySyntaxOutsideStrings(rendered), "\(rendered)")
        let table = try FTS5Table()
        _ = try table.match(rendered)
        #expect(try table.rowCount() == FTS5Table.rows.count, "the table survived")
        _ = try table.execute("SELECT count(*) FROM x")
    }
}
