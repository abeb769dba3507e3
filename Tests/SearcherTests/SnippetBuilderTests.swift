import Testing
@testable import Analysis
@testable import Storage
@testable import Searcher

struct SnippetBuilderTests {
    /// Byte range of the `n`th occurrence of `word` in `text`.
    func range(of word: String, in text: String, occurrence: Int = 0) -> Range<Int> {
        let bytes = Array(text.utf8), w = Array(word.utf8)
        var seen = 0
        for i in 0...(bytes.count - w.count) where Array(bytes[i..<(i + w.count)]) == w {
            if seen == occurrence { return i..<(i + w.count) }
            seen += 1
        }
        return 0..<0
    }

    func marked(_ s: Snippet) -> [String] {
        let bytes = Array(s.text.utf8)
        return s.highlights.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func shortPassagesAreShownWhole() {
        let text = "Qassem Soleimani was killed near Baghdad Airport."
        let s = SnippetBuilder(maxWords: 20).snippet(of: text, highlights: [range(of: "Soleimani", in: text)])
        #expect(s.text == text)
        #expect(marked(s) == ["Soleimani"])
    }

    @Test func longPassagesAreCutAroundTheDensestMatches() {
        let filler = (1...60).map { "w\($0)" }.joined(separator: " ")
        let text = "Suleimani opened. " + filler + " Kata’ib Hezbollah and Kata’ib again " + filler
        let ranges = [range(of: "Suleimani", in: text), range(of: "Kata’ib", in: text), range(of: "Kata’ib", in: text, occurrence: 1)]
        let s = SnippetBuilder(maxWords: 12).snippet(of: text, highlights: ranges)
        #expect(s.text.hasPrefix("… "))
        #expect(s.text.hasSuffix(" …"))
        #expect(marked(s) == ["Kata’ib", "Kata’ib"])
        #expect(s.text.split(separator: " ").count <= 12 + 2)
    }

    @Test func noMatchesGivesTheStart() {
        let text = (1...100).map { "w\($0)" }.joined(separator: " ")
        let s = SnippetBuilder(maxWords: 5).snippet(of: text, highlights: [])
        #expect(s.text == "w1 w2 w3 w4 w5 …")
    }

    @Test(arguments: [[-1..<3], [0..<1000], [5..<5]])
    func outOfRangeHighlightsAreIgnored(ranges: [Range<Int>]) {
        let s = SnippetBuilder(maxWords: 5).snippet(of: "short text", highlights: ranges)
        #expect(s.highlights.isEmpty)
    }
}
