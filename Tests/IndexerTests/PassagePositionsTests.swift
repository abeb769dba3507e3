import Foundation
import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct PassagePositionsTests {
    let analyzer = Analyzer()

    /// The passages of `parts` joined as the store joins them, with their byte ranges.
    func joined(_ parts: [String]) -> (body: String, ranges: [Range<Int>]) {
        var body = ""
        var ranges: [Range<Int>] = []
        for part in parts {
            if !body.isEmpty { body += Schema.passageSeparator }
            let start = body.utf8.count
            body += part
            ranges.append(start..<body.utf8.count)
        }
        return (body, ranges)
    }

    @Test(arguments: [
        (["Soleimani spoke.", "He left Baghdad."], [0, 2]),
        // Hezbollah is one position (a compound in -allah is one word), Abdul-Mahdi two.
        (["Kata'ib Hezbollah fired.", "", "Abdul-Mahdi resigned."], [0, 3, 3]),
        (["Abdulmahdi left.", "Then"], [0, 3]),
        (["They met al", "Muhandis spoke."], [0, 2]),
        (["2019 protests", "...", "end"], [0, 2, 2]),
    ] as [([String], [Int])])
    func positionsOfPassageStarts(parts: [String], expected: [Int]) {
        let (body, ranges) = joined(parts)
        #expect(PassagePositions.compute(ranges: ranges, body: body, analyzer: analyzer) == expected)
        #expect(PassagePositions.unpack(PassagePositions.pack(expected)) == expected)
    }

    @Test func aMissingValueIsNil() {
        #expect(PassagePositions.unpack(nil) == nil)
        #expect(PassagePositions.unpack([]) == nil)
    }

    /// The recording made while indexing and the offsets mode agree, and a passage read on its own from its start
    /// position puts every token where the whole body does (what a query relies on), on the five corpus articles.
    @Test(arguments: ["000", "001", "002", "003", "004"])
    func aPassageReadAloneHasTheBodysPositions(article: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/corpus")
        let name = try #require(names.first { $0.hasPrefix(article + "_") })
        let parts = packageFile("corpus/" + name).components(separatedBy: "\n\n")
        let (body, ranges) = joined(parts)
        let recording = TokenRecording(body, analyzer: analyzer)
        let starts = PassagePositions.compute(ranges: ranges) { recording.visitStarts($0) }
        #expect(starts == PassagePositions.compute(ranges: ranges, body: body, analyzer: analyzer))
        var whole: [(position: Int, start: Int)] = []
        var position = -1
        for token in analyzer.tokens(body, mode: .offsets) {
            position += 1
            whole.append((position, token.start))
        }
        #expect(whole.count > 100)
        let bytes = Array(body.utf8)
        var alone: [(position: Int, start: Int)] = []
        for (p, range) in ranges.enumerated() {
            let end = p + 1 < starts.count ? starts[p + 1] : Int.max
            var position = starts[p] - 1
            for token in analyzer.tokens(String(decoding: bytes[range], as: UTF8.self), mode: .offsets) {
                position += 1
                if position < end { alone.append((position, token.start + range.lowerBound)) }
            }
        }
        #expect(alone.map(\.position) == whole.map(\.position))
        #expect(alone.map(\.start) == whole.map(\.start))
    }
}
