/// Cuts very long paragraphs into passages at sentence ends, so that a hit points at a readable piece.
///
/// A paragraph of more than `splitAbove` bytes is cut where a piece has reached `maxPiece` bytes, at the
/// last sentence end at least `minPiece` bytes into it; without one within `splitAbove` bytes, at the last
/// space; a run of `hardMax` bytes without any space (not text) is cut at a character boundary. The rest
/// is never left shorter than `minPiece`, so the last piece can reach `maxPiece + minPiece`.
/// A period after a single letter (`U.S.`, `J. Smith`) or a known abbreviation (`Mr.`, `Gen.`) is not a
/// sentence end, and neither is one followed by a lower-case word. One forward pass: linear time.
enum PassageSplitter {
    static let splitAbove = 1200
    static let maxPiece = 1000
    static let minPiece = 400
    static let hardMax = 4000

    /// Byte ranges of the pieces of `b`, trimmed; one range when no split is needed.
    static func split(_ b: ByteText.Bytes) -> [Range<Int>] {
        let n = b.count
        guard n > splitAbove else { return [0..<n] }
        var pieces: [Range<Int>] = []
        var start = 0
        var lastSentence = -1
        // The sentence end before `lastSentence`: the cut when cutting at the last would leave too little.
        var prevSentence = -1
        var lastSpace = -1
        var i = 0
        while i < n {
            let c = b[i]
            // Most bytes are neither whitespace nor the start of NBSP/BOM: only the length check applies.
            let w = c > 0x20 && c != 0xC2 && c != 0xEF ? 0 : ByteText.spaceWidth(b, i, n)
            if w > 0 {
                // Only the first space of a run is a candidate, so a run of spaces costs linear time.
                if i > start && ByteText.endsSpace(b, i - 1, start) == 0 {
                    lastSpace = i
                    if isSentenceEnd(b, at: i, from: start) { prevSentence = lastSentence; lastSentence = i }
                }
                i += w
                continue
            }
            let len = i - start
            if len >= maxPiece {
                var cut = -1
                if lastSentence >= start + minPiece { cut = lastSentence }
                if n - cut < minPiece && prevSentence >= start + minPiece { cut = prevSentence }
                else if len >= splitAbove && lastSpace >= start + minPiece { cut = lastSpace }
                else if len >= hardMax { cut = i; while cut > start && b[cut] & 0xC0 == 0x80 { cut -= 1 } }
                if cut > start {
                    if n - cut < minPiece { break }
                    pieces.append(ByteText.trim(b, start..<cut))
                    start = cut
                    while start < n { let sw = ByteText.spaceWidth(b, start, n); if sw == 0 { break }; start += sw }
                    lastSentence = -1
                    prevSentence = -1
                    lastSpace = -1
                    if start > i { i = start; continue }
                }
            }
            i += 1
        }
        let last = ByteText.trim(b, start..<n)
        if !last.isEmpty { pieces.append(last) }
        return pieces
    }

    static let abbreviations: Set<UInt64> = Set([
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "jr", "sr",
        "inc", "co", "corp", "ltd", "no", "vs", "etc", "mt", "ft", "jan", "feb", "mar", "apr", "aug", "sep", "sept",
        "oct", "nov", "dec", "al", "approx", "dept", "est", "fig", "maj", "adm", "cmdr", "pres", "rev", "hon", "ave",
    ].map(DateExtractor.pack))

    /// Whether the space at `i` follows the end of a sentence and precedes the start of another.
    static func isSentenceEnd(_ b: ByteText.Bytes, at i: Int, from start: Int) -> Bool {
        let e = ByteText.skipClosers(b, start..<i)
        guard e > start else { return false }
        let c = b[e - 1]
        let isEllipsis = e - 3 >= start && b[e - 3] == 0xE2 && b[e - 2] == 0x80 && c == 0xA6
        guard c == 0x2E || c == 0x21 || c == 0x3F || isEllipsis else { return false }
        if c == 0x2E {
            var s = e - 1
            while s > start && e - 1 - s < 12 && ByteText.isLetter(b[s - 1]) { s -= 1 }
            let wordLen = e - 1 - s
            if wordLen == 1 { return false }
            if s > start && b[s - 1] == 0x2E { return false }
            if wordLen >= 2 && wordLen <= 9 && abbreviations.contains(DateExtractor.pack(b, s..<(e - 1))) { return false }
        }
        // The next word must not continue the sentence in lower case.
        var j = i
        while j < b.count { let w = ByteText.spaceWidth(b, j, b.count); if w == 0 { break }; j += w }
        return j < b.count && !ByteText.isLower(b[j])
    }
}
