/// Small byte-level helpers over UTF-8 text shared by the document stage.
///
/// The document stage reads files of any size, so everything works on byte ranges of one buffer and
/// never builds intermediate strings; each helper is O(length of the range it is given).
enum ByteText {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Width in bytes of the horizontal whitespace at `i` (space, tab, NBSP, BOM), 0 when there is none.
    @inline(__always)
    static func spaceWidth(_ b: Bytes, _ i: Int, _ end: Int) -> Int {
        let c = b[i]
        if c == 0x20 || c == 0x09 || c == 0x0B || c == 0x0C { return 1 }
        if c == 0xC2, i + 1 < end, b[i + 1] == 0xA0 { return 2 }
        if c == 0xEF, i + 2 < end, b[i + 1] == 0xBB, b[i + 2] == 0xBF { return 3 }
        return 0
    }

    /// Whether `i` is the last byte of a whitespace sequence of the kinds `spaceWidth` knows.
    @inline(__always)
    static func endsSpace(_ b: Bytes, _ i: Int, _ start: Int) -> Int {
        let c = b[i]
        if c == 0x20 || c == 0x09 || c == 0x0B || c == 0x0C { return 1 }
        if c == 0xA0, i - 1 >= start, b[i - 1] == 0xC2 { return 2 }
        if c == 0xBF, i - 2 >= start, b[i - 1] == 0xBB, b[i - 2] == 0xEF { return 3 }
        return 0
    }

    /// The range without leading and trailing whitespace.
    static func trim(_ b: Bytes, _ r: Range<Int>) -> Range<Int> {
        var s = r.lowerBound
        var e = r.upperBound
        while s < e { let w = spaceWidth(b, s, e); if w == 0 { break }; s += w }
        while e > s { let w = endsSpace(b, e - 1, s); if w == 0 { break }; e -= w }
        return s..<e
    }

    /// The bytes of `r` as a string (invalid UTF-8 is repaired, never trapped on).
    static func string(_ b: Bytes, _ r: Range<Int>) -> String {
        String(decoding: Bytes(rebasing: b[r]), as: UTF8.self)
    }

    /// Number of Unicode scalars in `r`: the length a reader sees, which wrapping is measured in.
    static func charCount(_ b: Bytes, _ r: Range<Int>) -> Int {
        var n = 0
        for i in r where b[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// Number of space-separated words in `r`, counting no further than `limit`.
    static func wordCount(_ b: Bytes, _ r: Range<Int>, limit: Int = .max) -> Int {
        var n = 0
        var inWord = false
        var i = r.lowerBound
        while i < r.upperBound {
            let w = spaceWidth(b, i, r.upperBound)
            if w > 0 { inWord = false; i += w; continue }
            if !inWord { n += 1; inWord = true; if n > limit { return n } }
            i += 1
        }
        return n
    }

    @inline(__always) static func isUpper(_ c: UInt8) -> Bool { c &- 0x41 < 26 }
    @inline(__always) static func isLower(_ c: UInt8) -> Bool { c &- 0x61 < 26 }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { isUpper(c) ? c | 0x20 : c }

    /// Whether `r` contains a letter or digit: ASCII, or a non-ASCII scalar outside the punctuation and
    /// symbol blocks (U+0080–U+00BF and U+2000–U+2FFF), so that a line of dashes or quotes is not text.
    static func hasWordCharacter(_ b: Bytes, _ r: Range<Int>) -> Bool {
        for i in r {
            let c = b[i]
            if c < 0x80 { if isLetter(c) || isDigit(c) { return true } } else if c >= 0xC3 && c != 0xE2 && c & 0xC0 != 0x80 { return true }
        }
        return false
    }

    /// Whether `r` contains an ASCII or non-ASCII letter (digits do not count).
    static func hasLetter(_ b: Bytes, _ r: Range<Int>) -> Bool {
        for i in r {
            let c = b[i]
            if c < 0x80 { if isLetter(c) { return true } } else if c >= 0xC3 && c != 0xE2 && c & 0xC0 != 0x80 { return true }
        }
        return false
    }

    /// Index just before any closing quotes or brackets at the end of `r` (`."` → the index after `.`).
    static func skipClosers(_ b: Bytes, _ r: Range<Int>) -> Int {
        var e = r.upperBound
        while e > r.lowerBound {
            let c = b[e - 1]
            if c == 0x22 || c == 0x27 || c == 0x29 || c == 0x5D || c == 0x2A { e -= 1; continue }
            // ” (E2 80 9D) and ’ (E2 80 99) and » (C2 BB)
            if e - 3 >= r.lowerBound, b[e - 3] == 0xE2, b[e - 2] == 0x80, c == 0x9D || c == 0x99 { e -= 3; continue }
            if e - 2 >= r.lowerBound, b[e - 2] == 0xC2, c == 0xBB { e -= 2; continue }
            break
        }
        return e
    }

    /// Whether `r` ends a sentence: `.`, `!`, `?` or `…`, possibly followed by closing quotes.
    static func endsSentence(_ b: Bytes, _ r: Range<Int>) -> Bool {
        let e = skipClosers(b, r)
        guard e > r.lowerBound else { return false }
        let c = b[e - 1]
        if c == 0x2E || c == 0x21 || c == 0x3F { return true }
        return e - 3 >= r.lowerBound && b[e - 3] == 0xE2 && b[e - 2] == 0x80 && c == 0xA6
    }

    /// Whether the first letter-or-quote of `r` is an ASCII lower-case letter, as when a wrapped line continues.
    static func startsLowercase(_ b: Bytes, _ r: Range<Int>) -> Bool {
        guard let c = r.isEmpty ? nil : b[r.lowerBound] else { return false }
        return isLower(c)
    }

    /// Whether two ranges hold the same bytes.
    static func equal(_ b: Bytes, _ x: Range<Int>, _ y: Range<Int>) -> Bool {
        guard x.count == y.count else { return false }
        var i = x.lowerBound
        var j = y.lowerBound
        while i < x.upperBound { if b[i] != b[j] { return false }; i += 1; j += 1 }
        return true
    }

    /// Whether `r` starts with the ASCII `prefix`, ignoring case.
    static func hasPrefix(_ b: Bytes, _ r: Range<Int>, lowercased prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard r.count >= n else { return false }
        let p = prefix.utf8Start
        for k in 0..<n where lower(b[r.lowerBound + k]) != p[k] { return false }
        return true
    }

    /// First index in `r` where the ASCII `needle` starts, ignoring case; nil when absent.
    static func find(_ b: Bytes, _ r: Range<Int>, lowercased needle: StaticString) -> Int? {
        let n = needle.utf8CodeUnitCount
        guard n > 0, r.count >= n else { return nil }
        let p = needle.utf8Start
        var i = r.lowerBound
        while i + n <= r.upperBound {
            if lower(b[i]) == p[0] {
                var k = 1
                while k < n && lower(b[i + k]) == p[k] { k += 1 }
                if k == n { return i }
            }
            i += 1
        }
        return nil
    }
}
