import Indexer
import Testing
@testable import Analysis
@testable import Storage
@testable import Searcher

struct QueryExpanderTests {
    static let lexicon = try! Lexicon(text: """
        org | Popular Mobilization Forces | PMF | Hashd al-Shaabi
        org | Quds Force | Qods Force | Jerusalem Force
        """, file: "test")

    @Test(arguments: [
        ("PMF", #"(or (word "PMF") (phrase "Popular Mobilization Forces") (phrase "Hashd al-Shaabi"))"#),
        ("PMF protests", #"(and (or (word "PMF") (phrase "Popular Mobilization Forces") (phrase "Hashd al-Shaabi")) (word "protests"))"#),
        // Qods Force is Quds Force in another spelling: the query's own keys find it, so it is not added.
        ("\"Quds Force\"", #"(or (phrase "Quds Force") (phrase "Jerusalem Force"))"#),
        ("Quds Force commander", #"(and (or (and (word "Quds") (word "Force")) (phrase "Jerusalem Force")) (word "commander"))"#),
        ("\"Qods Force\"", #"(or (phrase "Qods Force") (phrase "Jerusalem Force"))"#),
        ("protests -PMF", #"(and (word "protests") (not (or (word "PMF") (phrase "Popular Mobilization Forces") (phrase "Hashd al-Shaabi"))))"#),
        ("PMF*", #"(prefix "PMF")"#),
        ("Baghdad", #"(word "Baghdad")"#),
        // A free-standing article goes to the analyzer with the word after it, which drops it before a name.
        ("al zubaydi", #"(phrase "al zubaydi")"#),
        ("abd al aziz", #"(and (word "abd") (phrase "al aziz"))"#),
        ("EL Masri protests", #"(and (phrase "EL Masri") (word "protests"))"#),
        ("al", #"(word "al")"#),
        ("al \"Quds Force\"", #"(and (word "al") (or (phrase "Quds Force") (phrase "Jerusalem Force")))"#),
    ])
    func expandsLexiconNames(query: String, expected: String) throws {
        let tree = try QueryParser().parse(query)
        #expect(QueryExpander(lexicon: QueryExpanderTests.lexicon).expand(tree).description == expected)
    }

    @Test func expandedQueriesFindTheOtherNames() throws {
        let index = try SmallIndex([
            "a.txt": "Militias\n\nThe Popular Mobilization Forces marched.",
            "b.txt": "Hashd\n\nFighters of Hashd al-Shaabi marched.",
            "c.txt": "Other\n\nNobody marched.",
        ])
        #expect(try index.docs("PMF").sorted() == ["a.txt", "b.txt"])
        #expect(try index.docs("PMF") { $0.exact = true }.isEmpty)
    }

    // "al zubaydi" typed with a space finds the name however the article is written, or without it.
    @Test func aFreeStandingArticleIsDroppedBeforeAName() throws {
        let index = try SmallIndex([
            "a.txt": "One\n\nReports mentioned Zubaydi in the talks.",
            "b.txt": "Two\n\nReports mentioned al-Zubaidi in the talks.",
            "c.txt": "Three\n\nReports mentioned Alzubaydi in the talks.",
            "d.txt": "Four\n\nAl Gore spoke; al was not there.",
        ])
        #expect(try index.docs("al zubaydi").sorted() == ["a.txt", "b.txt", "c.txt"])
        #expect(try index.docs("el Zubaidi").sorted() == ["a.txt", "b.txt", "c.txt"])
        #expect(try index.docs("al gore").sorted() == ["d.txt"])
    }
}
