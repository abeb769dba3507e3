import Indexer

// The placeholder analyzer of the package skeleton (commit 26a2e79), kept as the speed baseline.
/// Turns text into index terms; the same code reads documents and queries, so both sides agree.
///
/// PLACEHOLDER (issue 2): lower-cases ASCII words, keeps other UTF-8 bytes, drops apostrophes inside
/// words and stems with `EnglishStemmer`. Name keys arrive with issue 3.
struct PlaceholderAnalyzer: Sendable {
    /// What the analyzer is reading: FTS5 tells the tokenizer, and the searcher can ask for exact matching.
    enum Mode: Sendable, Equatable {
        /// Document text being indexed: every token with its name key colocated.
        case document
        /// A query term: name keys instead of spellings, so that any spelling matches.
        case query
        /// A query term with variant matching switched off (`--exact`).
        case queryExact
        /// The text before `*` in a prefix query: folded, never stemmed, no key.
        case prefix
    }

    /// Creates an analyzer.
    init() {}

    /// Calls `emit` for every token of `text`, in order, with the term bytes and the byte range of the word.
    func tokenize(
        _ text: UnsafeBufferPointer<UInt8>, mode: Mode,
        _ emit: (_ term: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ colocated: Bool) throws -> Void
    ) rethrows {
        let n = text.count
        guard n > 0, let base = text.baseAddress else { return }
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        defer { scratch.deallocate() }
        var i = 0
        while i < n {
            let c = base[i]
            if !PlaceholderAnalyzer.isWordByte(c) { i += 1; continue }
            let start = i
            var len = 0
            while i < n {
                let b = base[i]
                if PlaceholderAnalyzer.isWordByte(b) {
                    if len < 64 { scratch[len] = (b &- 65) < 26 ? b | 0x20 : b; len += 1 }
                    i += 1
                } else if b == 0x27, i + 1 < n, PlaceholderAnalyzer.isWordByte(base[i + 1]), i > start {
                    i += 1
                } else {
                    break
                }
            }
            if mode != .prefix { len = EnglishStemmer.stem(scratch, count: len) }
            try emit(UnsafeBufferPointer(start: scratch, count: len), start, i, false)
        }
    }

    /// The tokens of `text`, for tests and `search analyze`.
    func tokens(_ text: String, mode: Mode = .document) -> [Token] {
        var result: [Token] = []
        var copy = text
        copy.withUTF8 { buffer in
            tokenize(buffer, mode: mode) { term, start, end, colocated in
                result.append(Token(term: String(decoding: term, as: UTF8.self), start: start, end: end, colocated: colocated))
            }
        }
        return result
    }

    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool {
        (b &- 97) < 26 || (b &- 65) < 26 || (b &- 48) < 10 || b >= 0x80
    }
}
