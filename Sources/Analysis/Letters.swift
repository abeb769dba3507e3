/// Classes of lower-case ASCII letters, written once for the stemmer and the name folding: what counts as a vowel is
/// one table with two named readings, Porter2's (with `y`) and the names' (without).
enum Letters {
    /// a e i o u, one bit per letter (bit `c - 'a'`).
    static let vowels: UInt32 = 0x10_4111
    /// a e i o u y: Porter2's vowels.
    static let vowelsAndY: UInt32 = vowels | 0x100_0000

    /// Whether `c` is a lower-case ASCII letter whose bit (`c - 'a'`) is set in `mask`.
    @inline(__always)
    static func isIn(_ mask: UInt32, _ c: UInt8) -> Bool {
        let i = c &- UInt8(ascii: "a")
        return i < 26 && (mask >> UInt32(i)) & 1 != 0
    }

    /// a, e, i, o or u: a vowel of a name, where y is a consonant or a glide (Yasin, Sayyid, Aly).
    @inline(__always)
    static func isVowel(_ c: UInt8) -> Bool { isIn(vowels, c) }

    /// a, e, i, o, u or y: a vowel in Porter2's sense (the stemmer writes a consonant y as `Y` before it asks, so a
    /// lower-case y here is a vowel).
    @inline(__always)
    static func isPorter2Vowel(_ c: UInt8) -> Bool { isIn(vowelsAndY, c) }
}

extension Substring {
    /// The text without its leading and trailing characters for which `isTrimmed` holds, as a string. The one
    /// trimmer of the readers: the lexicon's trims space, tab and CR, the document readers' any whitespace.
    @inlinable
    public func trimming(where isTrimmed: (Character) -> Bool) -> String {
        var s = self
        while let first = s.first, isTrimmed(first) { s = s.dropFirst() }
        while let last = s.last, isTrimmed(last) { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    /// The string without its leading and trailing characters for which `isTrimmed` holds (see `Substring`'s).
    @inlinable
    public func trimming(where isTrimmed: (Character) -> Bool) -> String { self[...].trimming(where: isTrimmed) }
}
