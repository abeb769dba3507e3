#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How alike two spellings of a name are, as transliterations: the verdict on top of the name keys.
///
/// Keys make candidates (a key is a yes-or-no merge, and it merges Sheik with SIEG and Koran with Gurun); this
/// similarity decides. It is a weighted edit distance over letter classes, on folded spellings (lower-case ASCII, as
/// the index stores them), over the longer spelling's length: 1 is the same spelling, 0 nothing alike. Costs: a
/// vowel for another vowel (or y) `vowelSubstitution`; a consonant for one of its transliteration class (k q c g, s z,
/// t d, f p, w v, j y) `classSubstitution`; a vowel added or dropped `vowelIndel`; an h added or dropped (kh / k, sh
/// / s, a final h) `hIndel`; a doubled letter written once `doubling`; anything else 1. The costs and `threshold`
/// were chosen on the same-name pairs and the close different-name pairs of `name-variants-dev.tsv` (see
/// Benchmarks/names/README.md). `"hussein"`, `"husain"` → 0.94; `"sheik"`, `"sieg"` → 0.74.
public enum NameSimilarity {
    /// Spellings at or above this similarity are the same name. `$SEARCH_NAME_SIMILARITY` (a number from 0 to 1)
    /// replaces it, for measuring: 0 accepts every spelling that shares a key, as before the verdict.
    public static let threshold: Double = {
        if let raw = getenv("SEARCH_NAME_SIMILARITY"), let value = Double(String(cString: raw)), value >= 0, value <= 1 {
            return value
        }
        return 0.83
    }()

    static let vowelSubstitution = 0.3
    static let classSubstitution = 0.4
    static let vowelIndel = 0.4
    static let hIndel = 0.3
    static let doubling = 0.1

    /// The similarity of two folded spellings (lower-case ASCII letters; other bytes count as letters of their own).
    public static func similarity(_ a: [UInt8], _ b: [UInt8]) -> Double {
        let n = a.count
        let m = b.count
        guard n > 0, m > 0 else { return n == m ? 1 : 0 }
        if a == b { return 1 }
        var previous = [Double](repeating: 0, count: m + 1)
        var row = [Double](repeating: 0, count: m + 1)
        for j in 1...m { previous[j] = previous[j - 1] + indel(b, j - 1) }
        for i in 1...n {
            row[0] = previous[0] + indel(a, i - 1)
            let cost = indel(a, i - 1)
            for j in 1...m {
                row[j] = min(previous[j] + cost, row[j - 1] + indel(b, j - 1),
                             previous[j - 1] + substitution(a[i - 1], b[j - 1]))
            }
            swap(&previous, &row)
        }
        return max(0, 1 - previous[m] / Double(max(n, m)))
    }

    /// `similarity`, also of the two without a plural s (Mullahs = Mullah, as their keys are): the better of the two.
    public static func similarityOfNames(_ a: [UInt8], _ b: [UInt8]) -> Double {
        var s = similarity(a, b)
        let aPlural = a.count >= 4 && a.last == 0x73
        let bPlural = b.count >= 4 && b.last == 0x73
        if aPlural != bPlural { s = max(s, similarity(aPlural ? Array(a.dropLast()) : a, bPlural ? Array(b.dropLast()) : b)) }
        return s
    }

    /// The similarity of two spellings given as strings (folded as the index folds them is the caller's business).
    public static func similarity(_ a: String, _ b: String) -> Double {
        similarity(Array(a.utf8), Array(b.utf8))
    }

    @inline(__always)
    static func isVowel(_ c: UInt8) -> Bool {
        c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75 || c == 0x79
    }

    /// The transliteration class of a consonant, 0 for none: k q c g, s z, t d, f p, w v, j y.
    @inline(__always)
    static func consonantClass(_ c: UInt8) -> UInt8 {
        switch c {
        case 0x6B, 0x71, 0x63, 0x67: return 1
        case 0x73, 0x7A: return 2
        case 0x74, 0x64: return 3
        case 0x66, 0x70: return 4
        case 0x77, 0x76: return 5
        case 0x6A, 0x79: return 6
        default: return 0
        }
    }

    @inline(__always)
    static func substitution(_ x: UInt8, _ y: UInt8) -> Double {
        if x == y { return 0 }
        if isVowel(x) && isVowel(y) { return vowelSubstitution }
        let cx = consonantClass(x)
        if cx != 0 && cx == consonantClass(y) { return classSubstitution }
        // c is also a sibilant: French ch for sh (Rached = Rashid), c before e or i for s (Hacene = Hassan).
        if (x == 0x63 && y == 0x73) || (x == 0x73 && y == 0x63) { return classSubstitution }
        return 1
    }

    @inline(__always)
    static func indel(_ s: [UInt8], _ i: Int) -> Double {
        let c = s[i]
        if i > 0 && s[i - 1] == c { return doubling }
        if c == 0x68 { return hIndel }
        if isVowel(c) { return vowelIndel }
        return 1
    }
}
