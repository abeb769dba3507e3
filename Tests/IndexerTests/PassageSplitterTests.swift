import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct PassageSplitterTests {
    func split(_ s: String) -> [String] {
        withBytes(s) { b in PassageSplitter.split(b).map { ByteText.string(b, $0) } }
    }

    static let sentence = "The U.S. military said Gen. Smith met Mr. Jones in Baghdad on 3 January after the attack. "

    @Test(arguments: [15, 16, 30, 100])
    func longParagraphsSplitAtSentenceEnds(sentences: Int) {
        let text = String(repeating: Self.sentence, count: sentences)
        let pieces = split(text)
        #expect(pieces.count > 1)
        #expect(pieces.joined(separator: " ") + " " == text)
        for p in pieces {
            #expect(p.utf8.count >= PassageSplitter.minPiece)
            #expect(p.utf8.count <= PassageSplitter.maxPiece + PassageSplitter.minPiece)
            #expect(p.hasPrefix("The U.S. military") && p.hasSuffix("after the attack."))
        }
    }

    @Test func restTooShortStaysWithTheLastPiece() {
        // 14 sentences are 1,260 bytes: a cut after 10 or 9 would leave less than 400, so it stays whole.
        #expect(split(String(repeating: Self.sentence, count: 14)).count == 1)
        // 15 are 1,350: the cut after 11 sentences would leave 361 bytes, so it comes one sentence earlier (the trailing space is trimmed).
        #expect(split(String(repeating: Self.sentence, count: 15)).map(\.utf8.count) == [899, 449])
    }

    @Test(arguments: [0, 1, 100, 1200])
    func shortParagraphsStayWhole(bytes: Int) {
        let text = String(repeating: "a", count: bytes)
        #expect(withBytes(text) { PassageSplitter.split($0) } == [0..<bytes])
    }

    @Test func withoutSentenceEndsSplitsAtSpaces() {
        let text = String(repeating: "word ", count: 1000)
        let pieces = split(text)
        #expect(pieces.count > 3)
        #expect(pieces.allSatisfy { $0.hasPrefix("word") && $0.hasSuffix("word") })
    }

    @Test(arguments: ["U.S.", "Mr.", "e.g.", "J."])
    func abbreviationsAreNotSentenceEnds(abbreviation: String) {
        let text = "x " + abbreviation + " Smith"
        let i = 2 + abbreviation.utf8.count
        #expect(!withBytes(text) { PassageSplitter.isSentenceEnd($0, at: i, from: 0) })
    }

    @Test(arguments: ["It ended.", "It ended!", "He said “stop.”", "in 2019.", "Why?"])
    func sentenceEnds(end: String) {
        let text = end + " Next"
        #expect(withBytes(text) { PassageSplitter.isSentenceEnd($0, at: end.utf8.count, from: 0) })
    }

    @Test func lowerCaseContinuationIsNotAnEnd() {
        #expect(!withBytes("It ended. and then") { PassageSplitter.isSentenceEnd($0, at: 9, from: 0) })
    }
}
