import Foundation
import Indexer
import Testing
@testable import Analysis
@testable import Storage
@testable import Searcher
import Rendering


/// Random and adversarial query text: the query language's own pieces in every position, SQL and FTS5 syntax,
/// Unicode of every kind, control characters, and now and then a huge query.
struct QueryGenerator {
    var random: SeededGenerator

    static let words = ["Baghdad", "Soleimani", "Suleimani", "protest", "Tahrir", "square", "Kata'ib", "al-Muhandis",
                        "militia", "Basra", "the", "a", "OR", "AND", "NOT", "NEAR", "or", "and", "not", "near", "title",
                        "body", "x", "rowid", "passages_fts", "documents", "MATCH", "bm25", "ORDER", "rank"]
    static let operators = ["\"", "\u{201C}", "\u{201D}", "(", ")", "-", "*", ":", "^", "+", ",", "NEAR(", "NEAR/3", "title:",
                            "body:", "TITLE:(", "body:\"", "OR", "AND", "NOT", "''", "'", "\\", "{", "}", "[", "]", ";",
                            "--", "/*", "*/", "=", "%", "_", "\u{2019}", "&", "|", "!", "?", "..", "#", "@", "$"]
    static let fragments = ["'; DROP TABLE documents; --", "\" OR 1=1 --", "') UNION SELECT path FROM documents --",
                            "passages_fts MATCH 'x'", "rowid = 1", "NEAR(a b, -1)", "NEAR(a b, 99999999999999999999)",
                            "NEAR(, 5)", "NEAR()", "title:()", "(((((((((((((((((((((x", "x)))))))))))))))))))))",
                            "\"\"\"\"", "* * *", "-*", "--x", "a:b:c", "^x", "x^", "\u{0}", "\u{7F}", "\u{1B}[31m", "\r\n",
                            "%s%s%n", "{title body}: x", "col:x", "- - -", "OR OR OR", "NOT NOT x", "AND)"]
    static let unicode = ["سليماني", "قاسم", "هادی", "Ṣulaymānī", "Çağ", "ß", "İstanbul", "ﬁ", "Ⅻ", "😀", "👩‍👩‍👧",
                          "e\u{301}\u{301}\u{301}", "\u{200B}", "\u{200D}", "\u{202E}abc", "\u{FEFF}", "\u{FFFD}", "\u{10FFFF}",
                          "中文", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\u{0301}", "Ａｂｃ", "\u{00A0}", "\u{2028}", "\u{1}\u{2}\u{3}", "\t", "\n"]

    mutating func pick(_ list: [String]) -> String { list[Int.random(in: 0..<list.count, using: &random)] }

    mutating func piece() -> String {
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<40: return pick(QueryGenerator.words)
        case 40..<65: return pick(QueryGenerator.operators)
        case 65..<75: return pick(QueryGenerator.fragments)
        case 75..<88: return pick(QueryGenerator.unicode)
        case 88..<94:
            // Any scalar at all, control characters included.
            let value = UInt32.random(in: 0..<0x3_0000, using: &random)
            return Unicode.Scalar(value).map { String(Character($0)) } ?? "\u{FFFD}"
        case 94..<97: return String(repeating: pick(QueryGenerator.words), count: Int.random(in: 2..<300, using: &random))
        default: return String(Int.random(in: -5..<100_000, using: &random))
        }
    }

    mutating func query() -> String {
        if Int.random(in: 0..<4_000, using: &random) == 0 {
            // A huge query: 10,000 terms.
            return (0..<10_000).map { _ in piece() }.joined(separator: " ")
        }
        var text = ""
        for _ in 0..<Int.random(in: 0..<14, using: &random) {
            text += piece()
            text += pick([" ", " ", " ", "", "\t", "  "])
        }
        return text
    }
}

struct QueryFuzzTests {
    static let queries = 100_000

    /// Every query ends in results or a `SearchError`: no crash, no `IndexError`, no SQLite or FTS5 text.
    @Test func randomAndAdversarialQueriesEndInResultsOrSearchErrors() throws {
        let index = try SmallIndex(IndexSearcherTests.documents)
        let before = try Data(contentsOf: URL(fileURLWithPath: index.database))
        var generator = QueryGenerator(random: SeededGenerator(state: 20_260_505))
        var answered = 0, refused = 0, huge = 0
        var failures: [String] = []
        // The connection closes before SmallIndex removes its folder: SQLite must never see open files unlinked.
        do {
            let searcher = try IndexSearcher(path: index.database)
            for number in 0..<QueryFuzzTests.queries {
                let text = generator.query()
                if text.count > 10_000 { huge += 1 }
                var request = SearchRequest(query: text)
                request.limit = 3
                request.exact = number % 7 == 0
                do {
                    let response = try searcher.search(request)
                    if response.results.count > response.total * request.passagesPerDocument { failures.append("#\(number) inconsistent: \(text.debugDescription)") }
                    answered += 1
                } catch let error as SearchError {
                    let message = error.description.lowercased()
                    if message.contains("sqlite") || message.contains("fts5") { failures.append("#\(number) \(message)") }
                    refused += 1
                } catch {
                    failures.append("#\(number) \(text.prefix(200).debugDescription): \(error)")
                }
                if failures.count >= 20 { break }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(answered + refused == QueryFuzzTests.queries)
        #expect(answered > 10_000 && refused > 10_000, "both paths exercised: \(answered) answered, \(refused) refused")
        #expect(huge >= 10, "\(huge) queries of 10,000 terms")
        // A search never writes: the file is byte for byte what the writer left.
        #expect(try Data(contentsOf: URL(fileURLWithPath: index.database)) == before)
        print("fuzzed \(QueryFuzzTests.queries) queries: \(answered) answered, \(refused) refused with a SearchError, \(huge) of 10,000 terms")
    }

    @Test(arguments: ["", " ", "\"", "(", ")", "-", "*", "NEAR(", "title:", "OR", "NOT", "\u{0}", "'; DROP TABLE documents; --",
                      String(repeating: "(", count: 10_000), String(repeating: "a ", count: 10_000), String(repeating: "x", count: 200_000)])
    func edgeQueriesAreAnsweredOrRefusedInWords(text: String) throws {
        let index = try SmallIndex(IndexSearcherTests.documents)
        do {
            _ = try IndexSearcher(path: index.database).search(SearchRequest(query: text))
        } catch let error as SearchError {
            #expect(!error.description.lowercased().contains("sqlite"))
        }
        #expect(try IndexSearcher(path: index.database).search(SearchRequest(query: "Baghdad")).total == 3, "the index is intact")
    }
}
