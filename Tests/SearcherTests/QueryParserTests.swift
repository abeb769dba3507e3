import Testing
@testable import Analysis
@testable import Storage
@testable import Searcher

struct QueryParserTests {
    static let parses: [(String, String)] = [
        ("Soleimani", #"(word "Soleimani")"#),
        ("Qassem Soleimani", #"(and (word "Qassem") (word "Soleimani"))"#),
        (#""Quds Force""#, #"(phrase "Quds Force")"#),
        ("  \"Quds \n\t Force \"  ", #"(phrase "Quds Force")"#),
        ("“Kata’ib Hezbollah”", #"(phrase "Kata’ib Hezbollah")"#),
        ("a OR b", #"(or (word "a") (word "b"))"#),
        ("a or b", #"(and (word "a") (word "or") (word "b"))"#),
        ("a AND b", #"(and (word "a") (word "b"))"#),
        ("a and b", #"(and (word "a") (word "and") (word "b"))"#),
        ("a b OR c", #"(or (and (word "a") (word "b")) (word "c"))"#),
        ("a OR b c", #"(or (word "a") (and (word "b") (word "c")))"#),
        ("a OR b OR c", #"(or (word "a") (word "b") (word "c"))"#),
        ("a (b OR c)", #"(and (word "a") (or (word "b") (word "c")))"#),
        ("(a b) c", #"(and (word "a") (word "b") (word "c"))"#),
        ("((((a))))", #"(word "a")"#),
        ("a -b", #"(and (word "a") (not (word "b")))"#),
        ("a NOT b", #"(and (word "a") (not (word "b")))"#),
        ("NOT b a", #"(and (not (word "b")) (word "a"))"#),
        (#"a -"b c""#, #"(and (word "a") (not (phrase "b c")))"#),
        ("a -(b OR c)", #"(and (word "a") (not (or (word "b") (word "c"))))"#),
        ("a NOT b OR c", #"(or (and (word "a") (not (word "b"))) (word "c"))"#),
        ("a -OR", #"(and (word "a") (not (word "OR")))"#),
        ("Sulei*", #"(prefix "Sulei")"#),
        ("Sulei**", #"(prefix "Sulei")"#),
        (#""Quds For"*"#, #"(prefix "Quds For")"#),
        ("NEAR(Soleimani Baghdad)", #"(near 10 (word "Soleimani") (word "Baghdad"))"#),
        ("NEAR(a b, 5)", #"(near 5 (word "a") (word "b"))"#),
        ("NEAR(a b,5)", #"(near 5 (word "a") (word "b"))"#),
        (#"NEAR (a "b c" d*, 0)"#, #"(near 0 (word "a") (phrase "b c") (prefix "d"))"#),
        ("near(a b)", #"(and (word "near") (word "a") (word "b"))"#),
        ("NEAR", #"(word "NEAR")"#),
        ("title:Baghdad", #"(title (word "Baghdad"))"#),
        ("Title:Baghdad", #"(title (word "Baghdad"))"#),
        (#"body:"Quds Force""#, #"(body (phrase "Quds Force"))"#),
        ("title:(a OR b)", #"(title (or (word "a") (word "b")))"#),
        ("title:Sul*", #"(title (prefix "Sul"))"#),
        ("title:NEAR(a b)", #"(title (near 10 (word "a") (word "b")))"#),
        ("x -title:y", #"(and (word "x") (not (title (word "y"))))"#),
        ("x title:-y", #"(and (word "x") (not (title (word "y"))))"#),
        ("title:OR", #"(title (word "OR"))"#),
        ("title:title:x", #"(title (word "title:x"))"#),
        ("title: x", #"(and (word "title:") (word "x"))"#),
        ("foo:bar", #"(word "foo:bar")"#),
        ("http://example.com/a-b", #"(word "http://example.com/a-b")"#),
        ("10:30", #"(word "10:30")"#),
        ("al-Haq", #"(word "al-Haq")"#),
        ("Kata'ib", #"(word "Kata'ib")"#),
        ("Kata’ib", #"(word "Kata’ib")"#),
        ("Abdul-Mahdi al-Sha'abi", #"(and (word "Abdul-Mahdi") (word "al-Sha'abi"))"#),
        ("a - b", #"(and (word "a") (word "b"))"#),
        ("--verbose", #"(word "--verbose")"#),
        ("a & b", #"(and (word "a") (word "b"))"#),
        (#"a "" b"#, #"(and (word "a") (word "b"))"#),
        ("a\u{0}b", #"(word "ab")"#),
        ("a\u{7}\u{1B} b", #"(and (word "a") (word "b"))"#),
        ("a\tOR\nb", #"(or (word "a") (word "b"))"#),
        ("foo(bar)", #"(and (word "foo") (word "bar"))"#),
        ("عباس الموسوي", #"(and (word "عباس") (word "الموسوي"))"#),
        ("😀", #"(word "😀")"#),
        (#"x" AND "y"#, #"(and (word "x") (phrase "AND") (word "y"))"#),
    ]

    @Test(arguments: parses)
    func parsesIntoTree(input: String, expected: String) throws {
        #expect(try QueryParser().parse(input).description == expected)
    }

    static let errors: [(String, Int, String)] = [
        (#""unclosed"#, 1, "unclosed quote"),
        (#"a "b c"#, 3, "unclosed quote"),
        (#"Kata"ib"#, 5, "unclosed quote"),
        ("NEAR(", 1, "unclosed NEAR"),
        ("x NEAR(a b", 3, "unclosed NEAR"),
        ("NEAR(a b, 5", 1, "unclosed NEAR"),
        ("NEAR(a b, x)", 11, "distance must be a number"),
        ("NEAR(a b, -1)", 11, "distance must be a number"),
        ("NEAR(a b, 99999999999)", 11, "distance must be a number"),
        ("NEAR(a b, 5 c)", 13, "expected ')'"),
        ("NEAR(a)", 1, "at least two"),
        ("NEAR(a OR b)", 8, "only words and phrases"),
        ("NEAR(a (b))", 8, "only words and phrases"),
        ("NEAR(a -b)", 8, "only words and phrases"),
        ("NEAR(title:a b)", 6, "field cannot go inside NEAR"),
        ("NOT", 1, "NOT needs a word after it"),
        ("a NOT", 3, "NOT needs a word after it"),
        ("a OR", 3, "OR needs a word after it"),
        ("OR a", 1, "OR needs a word before it"),
        ("a OR OR b", 3, "OR needs a word after it"),
        ("a AND", 3, "AND needs a word after it"),
        ("AND a", 1, "AND needs a word before it"),
        ("(OR a)", 2, "OR needs a word before it"),
        ("a OR )", 3, "OR needs a word after it"),
        ("NOT NOT a", 5, "cannot exclude an exclusion"),
        ("()", 1, "empty parentheses"),
        ("a ( )", 3, "empty parentheses"),
        ("(a b", 1, "unclosed parenthesis"),
        ("a (b (c)", 3, "unclosed parenthesis"),
        ("a)", 2, "no matching '('"),
        ("a) (b", 2, "no matching '('"),
        ("-a", 1, "not only exclusions"),
        ("NOT a", 1, "not only exclusions"),
        ("-a -b", 1, "not only exclusions"),
        ("x (-a -b)", 4, "not only exclusions"),
        ("a OR -b", 6, "OR alternative cannot be only an exclusion"),
        ("", 1, "nothing to search for"),
        ("   ", 1, "nothing to search for"),
        ("- & ... ,", 1, "nothing to search for"),
        (#""""#, 1, "nothing to search for"),
        ("\u{0}\u{1}", 1, "nothing to search for"),
        ("title:&", 1, "nothing to search for"),
        ("*", 1, "'*' must come right after"),
        ("a *", 3, "'*' must come right after"),
        ("-*", 2, "'*' must come right after"),
        (#""" *"#, 4, "'*' must come right after"),
        (#"""*"#, 3, "'*' must come right after"),
        ("title:*", 7, "'*' must come right after"),
    ]

    @Test(arguments: errors)
    func rejectsWithPosition(input: String, position: Int, message: String) {
        #expect {
            try QueryParser().parse(input)
        } throws: { error in
            guard case let .syntax(actualMessage, actualPosition) = error as? SearchError else { return false }
            return actualPosition == position && actualMessage.contains(message)
        }
    }

    @Test func columnsCountCharactersNotBytes() {
        #expect(throws: SearchError.syntax(message: "unclosed quote: add a closing \"", position: 5)) {
            try QueryParser().parse(#"ابو "مهدي"#)
        }
    }

    @Test func capsTermCount() throws {
        let ok = Array(repeating: "w", count: QueryParser.maxTerms).joined(separator: " ")
        #expect(try QueryParser().parse(ok).positiveTerms.count == QueryParser.maxTerms)
        #expect {
            try QueryParser().parse(ok + " x")
        } throws: { error in
            guard case let .syntax(message, position) = error as? SearchError else { return false }
            return message.contains("more than \(QueryParser.maxTerms) terms") && position == 2 * QueryParser.maxTerms + 1
        }
        let nearTerms = "NEAR(" + Array(repeating: "w", count: QueryParser.maxTerms + 1).joined(separator: " ") + ")"
        #expect(throws: SearchError.self) { try QueryParser().parse(nearTerms) }
    }

    @Test func capsNestingWithoutOverflowingTheStack() throws {
        let ok = String(repeating: "(", count: QueryParser.maxDepth) + "a" + String(repeating: ")", count: QueryParser.maxDepth)
        #expect(try QueryParser().parse(ok) == .word("a"))
        for depth in [QueryParser.maxDepth + 1, 40_000] {
            let deep = String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth)
            #expect(throws: SearchError.syntax(
                message: "the query is nested more than \(QueryParser.maxDepth) levels deep",
                position: QueryParser.maxDepth + 1)) {
                try QueryParser().parse(deep)
            }
        }
        let fields = String(repeating: "title:(", count: 50_000) + "a"
        #expect(throws: SearchError.self) { try QueryParser().parse(fields) }
    }

    @Test func capsLength() {
        let long = String(repeating: "a", count: QueryParser.maxLength + 1)
        #expect(throws: SearchError.self) { try QueryParser().parse(long) }
        let longWord = String(repeating: "a", count: QueryParser.maxLength)
        #expect((try? QueryParser().parse(longWord)) == .word(longWord))
    }

    @Test func positiveTermsSkipExclusions() throws {
        let query = try QueryParser().parse(#"a -b "c d" NOT e title:f* NEAR(g "h i") -(j k) "l m"*"#)
        #expect(query.positiveTerms.map(\.description) == ["a", "c", "d", "f*", "g", "h", "i", "l", "m*"])
    }

    @Test func mapTermsExpandsWithContext() throws {
        let query = try QueryParser().parse("PMF -PMF title:PMF NEAR(PMF x)")
        var contexts: [Query.TermContext] = []
        let expanded = query.mapTerms { term, context in
            contexts.append(context)
            guard term == .word("PMF") else { return term }
            return .or([term, .phrase("Popular Mobilization Forces")])
        }
        let pmf = #"(or (word "PMF") (phrase "Popular Mobilization Forces"))"#
        #expect(expanded.description == "(and \(pmf) (not \(pmf)) (title \(pmf)) (near 10 \(pmf) (word \"x\")))")
        #expect(contexts == [
            .init(),
            .init(isExcluded: true),
            .init(field: .title),
            .init(isInNear: true),
            .init(isInNear: true),
        ])
    }

    @Test func parsingIsLinear() throws {
        // A quadratic parser would take seconds on this; the bound is generous for debug builds on a busy machine.
        let words = Array(repeating: "Kata'ib-al-Haq:x", count: QueryParser.maxTerms).joined(separator: " ")
        let clock = ContinuousClock()
        let elapsed = try clock.measure { _ = try QueryParser().parse(words) }
        let longWord = String(repeating: "a", count: QueryParser.maxLength)
        let elapsedWord = try clock.measure { _ = try QueryParser().parse(longWord) }
        #expect(elapsed < .seconds(2))
        #expect(elapsedWord < .seconds(2))
    }
}
