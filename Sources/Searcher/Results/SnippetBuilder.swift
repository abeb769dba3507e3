/// A window of a passage around its matches, with highlight ranges shifted to the window.
public struct Snippet: Sendable, Equatable {
    public var text: String
    /// UTF-8 byte ranges in `text`.
    public var highlights: [Range<Int>]
}

/// Picks the part of a passage that best shows why it matched: the window of at most `maxWords` words holding the most
/// matched words, widened to the passage's ends when they are near, with `…` where the text was cut.
public struct SnippetBuilder: Sendable {
    /// Longest snippet, in words.
    public var maxWords: Int

    /// Creates a builder for snippets of at most `maxWords` words (at least 1).
    public init(maxWords: Int = 40) {
        self.maxWords = max(1, maxWords)
    }

    /// The snippet of `text` for the matched byte ranges `highlights` (sorted or not).
    public func snippet(of text: String, highlights: [Range<Int>]) -> Snippet {
        let bytes = Array(text.utf8)
        let words = SnippetBuilder.wordSpans(bytes)
        let marks = highlights.filter { $0.lowerBound >= 0 && $0.upperBound <= bytes.count && !$0.isEmpty }
            .sorted { $0.lowerBound < $1.lowerBound }
        if words.count <= maxWords {
            return Snippet(text: text, highlights: marks)
        }
        // Word index of each highlight's start, then the window with the most highlights (two pointers).
        let starts = marks.map { mark in SnippetBuilder.wordIndex(containing: mark.lowerBound, in: words) }
        var bestFirst = 0
        var bestCount = -1
        var j = 0
        for i in 0..<starts.count {
            while j < starts.count && starts[j] < starts[i] + maxWords { j += 1 }
            if j - i > bestCount { bestCount = j - i; bestFirst = starts[i] }
        }
        // Centre the matches in the window, leaving some context before the first one.
        var first = max(0, bestFirst - maxWords / 4)
        if bestCount > 0 {
            let lastMatchWord = starts[starts.firstIndex(of: bestFirst)! + bestCount - 1]
            let slack = maxWords - (lastMatchWord - bestFirst + 1)
            first = max(0, bestFirst - min(slack / 2, maxWords / 3))
        }
        first = min(first, words.count - maxWords)
        let last = min(words.count, first + maxWords) - 1
        let from = words[first].lowerBound
        let to = words[last].upperBound
        let prefix = first > 0 ? "… " : ""
        let suffix = last < words.count - 1 ? " …" : ""
        let shift = prefix.utf8.count - from
        let window = prefix + String(decoding: bytes[from..<to], as: UTF8.self) + suffix
        let shifted = marks.filter { $0.lowerBound >= from && $0.upperBound <= to }
            .map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
        return Snippet(text: window, highlights: shifted)
    }

    /// Byte ranges of the whitespace-separated words of `bytes`.
    static func wordSpans(_ bytes: [UInt8]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var i = 0
        while i < bytes.count {
            while i < bytes.count && isSpace(bytes[i]) { i += 1 }
            let start = i
            while i < bytes.count && !isSpace(bytes[i]) { i += 1 }
            if i > start { spans.append(start..<i) }
        }
        return spans
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    private static func wordIndex(containing offset: Int, in words: [Range<Int>]) -> Int {
        var low = 0
        var high = words.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if words[mid].lowerBound <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
