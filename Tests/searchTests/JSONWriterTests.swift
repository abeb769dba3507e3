import FoundationEssentials
@testable import Analysis
@testable import Storage
@testable import Searcher
import Testing
@testable import Rendering
@testable import search

struct JSONWriterTests {
    private static func encoded<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// Every ASCII character and some awkward others, as JSONEncoder escapes them.
    static let awkward: String = {
        var s = ""
        for v in 0..<0x80 { s.unicodeScalars.append(Unicode.Scalar(UInt8(v))) }
        return s + "\u{80}\u{A0}\u{2028}\u{2029}\u{FEFF}é…😀 Kata'ib / \\ \"quoted\""
    }()

    static func result(_ text: String, score: Double, optionals: Bool) -> SearchResult {
        SearchResult(doc: "0006/0006956.txt", path: "/news/0006/0006956.txt", title: optionals ? text : nil,
                     date: optionals ? "2017-06-05" : nil, dateSource: optionals ? "front-matter" : nil,
                     url: optionals ? "https://example.org/a?b=c&d=/e" : nil, passage: 28, score: score, text: text,
                     highlights: [[26, 29], [30, 35]], snippet: "… " + text + " …", snippetHighlights: [],
                     titleHighlights: optionals ? [[0, 3]] : [], matched: ["Abu", text],
                     matchedSpellings: [MatchedSpelling(written: "Abu", query: optionals ? text : nil, similarity: optionals ? score : nil,
                                                        reason: optionals ? .verdict : .word),
                                        MatchedSpelling(written: text, query: "Abu", similarity: 1, reason: .typed)])
    }

    @Test(arguments: [0.0, -0.0, 1.0, 23.427084, 1e-7, 0.1, 123456789.0, 1e16, 1e21, 3.5e-5, -2.25, 1.0 / 3.0,
                      1.7976931348623157e308, 22.35194])
    func responsesAreWhatJSONEncoderWrites(score: Double) throws {
        for optionals in [true, false] {
            let response = SearchResponse(query: Self.awkward, total: 103, undatedExcluded: 2,
                                          results: [Self.result(Self.awkward, score: score, optionals: optionals),
                                                    Self.result("plain", score: score, optionals: !optionals)])
            var writer = JSONWriter()
            writer.write(response)
            #expect(writer.bytes == (try Self.encoded(response)))
        }
    }

    @Test func emptyResponse() throws {
        let response = SearchResponse(query: "", total: 0, undatedExcluded: 0, results: [])
        var writer = JSONWriter()
        writer.write(response)
        #expect(writer.bytes == (try Self.encoded(response)))
    }

    @Test func linesAreOneResultEach() throws {
        let results = [Self.result("a\nb", score: 1.5, optionals: true), Self.result("c", score: 2, optionals: false)]
        var writer = JSONWriter()
        for result in results {
            writer.write(result)
            writer.newline()
        }
        #expect(writer.bytes == (try results.flatMap { try Self.encoded($0) + [0x0A] }))
    }
}
