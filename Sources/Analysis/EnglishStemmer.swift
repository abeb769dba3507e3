/// The Snowball English (Porter2) stemmer, working on the bytes of one word in place.
///
/// `"running"` → `"run"`, `"generously"` → `"generous"`, `"skies"` → `"sky"`.
///
/// It sits in the FTS5 tokenizer's hot path, so it never allocates: every step reads and rewrites the
/// caller's buffer. No rewrite is longer than what it replaces, and step 1b only appends its `e` after
/// removing a longer suffix, so a word never grows and never writes past `buffer[count - 1]`.
public enum EnglishStemmer {
    /// Words longer than this many bytes are returned unchanged: no English word comes close, and such
    /// tokens (hashes, run-together URLs) are better matched verbatim. The analyzer's term limit, so that the two
    /// cannot drift apart (the analyzer cuts longer words before they reach the stemmer).
    public static let maximumLength = Analyzer.maxTermLength

    /// Stems a lower-case ASCII word held in `buffer[0..<count]` in place and returns the new length.
    ///
    /// `"running"` → `"run"`, `"generously"` → `"generous"`. Words of one or two bytes, and words longer
    /// than ``maximumLength``, come back unchanged. Apostrophes are handled as the algorithm specifies
    /// (`"dog's"` → `"dog"`); digits and other bytes count as consonants and never cause a crash.
    public static func stem(_ buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        guard count > 2, count <= maximumLength else { return count }
        var word = Word(s: buffer, n: count)
        if word.invariantOrIrregular() { return word.n }
        word.markConsonantY()
        word.markRegions()
        word.step1a()
        word.step1b()
        word.step1c()
        word.step2()
        word.step3()
        word.step4()
        word.step5()
        word.unmarkConsonantY()
        return word.n
    }

    /// Stems a lower-case word. `"running"` → `"run"`, `""` → `""`.
    public static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        let count = bytes.count
        guard count > 0 else { return word }
        let newCount = bytes.withUnsafeMutableBufferPointer { buffer in
            // A non-empty array always has storage, so the base address is present.
            stem(buffer.baseAddress!, count: count)
        }
        return String(decoding: bytes[0..<newCount], as: UTF8.self)
    }
}

// MARK: - Letter classes

// Byte constants keep the tables readable without going through Character.
private let apostrophe = UInt8(ascii: "'")
private let lowerY = UInt8(ascii: "y")
/// Marks a `y` that acts as a consonant (`"yes"`, `"saying"`); it is not in the vowel set.
private let consonantY = UInt8(ascii: "Y")

// One bit per letter, bit `c - 'a'` set when the letter belongs to the class (the vocabulary test checks them).
private let vowelsWX: UInt32 = Letters.vowelsAndY | 0xC0_0000  // a e i o u y, plus w x
private let validLI: UInt32 = 0xA_34DC  // c d e g h k m n r t
private let aeoMask: UInt32 = 0x4011  // a e o
private let doubles: UInt32 = 0xA_B06A  // b d f g m n p r t

@inline(__always)
private func isIn(_ mask: UInt32, _ c: UInt8) -> Bool { Letters.isIn(mask, c) }

@inline(__always)
private func isVowel(_ c: UInt8) -> Bool { Letters.isPorter2Vowel(c) }

// MARK: - The word being stemmed

/// The word under work: `s[0..<n]`, plus the start of regions R1 and R2 (Porter2's `p1`, `p2`).
private struct Word {
    let s: UnsafeMutablePointer<UInt8>
    var n: Int
    var p1 = 0
    var p2 = 0
    var hasConsonantY = false

    init(s: UnsafeMutablePointer<UInt8>, n: Int) {
        self.s = s
        self.n = n
    }

    /// Whether the word currently ends with `suffix`.
    @inline(__always)
    func ends(_ suffix: StaticString) -> Bool {
        let k = suffix.utf8CodeUnitCount
        guard k <= n else { return false }
        let p = suffix.utf8Start
        let base = n - k
        var i = 0
        while i < k {
            if s[base + i] != p[i] { return false }
            i += 1
        }
        return true
    }

    /// Whether the word currently starts with `prefix`.
    @inline(__always)
    func hasPrefix(_ prefix: StaticString) -> Bool {
        let k = prefix.utf8CodeUnitCount
        guard k <= n else { return false }
        let p = prefix.utf8Start
        var i = 0
        while i < k {
            if s[i] != p[i] { return false }
            i += 1
        }
        return true
    }

    /// Whether the whole word is exactly `text`.
    @inline(__always)
    func equals(_ text: StaticString) -> Bool {
        n == text.utf8CodeUnitCount && ends(text)
    }

    /// Replaces the last `length` bytes with `replacement` (never longer than `length`).
    @inline(__always)
    mutating func replace(last length: Int, with replacement: StaticString) {
        let base = n - length
        let p = replacement.utf8Start
        let k = replacement.utf8CodeUnitCount
        for i in 0..<k { s[base + i] = p[i] }
        n = base + k
    }

    /// Whether some vowel occurs in `s[0..<end]`.
    @inline(__always)
    func hasVowel(before end: Int) -> Bool {
        var i = 0
        while i < end {
            if isVowel(s[i]) { return true }
            i += 1
        }
        return false
    }

    /// Whether `s[0..<end]` ends in a short syllable: consonant, vowel, consonant other than w, x or
    /// consonant y; or a word that is just vowel, consonant; or the special stem `past` (`pasted` → `paste`).
    @inline(__always)
    func endsInShortSyllable(_ end: Int) -> Bool {
        if end >= 3 {
            let a = s[end - 3], b = s[end - 2], c = s[end - 1]
            if !isVowel(a) && isVowel(b) && !isIn(vowelsWX, c) && c != consonantY { return true }
            if end >= 4 && a == UInt8(ascii: "a") && b == UInt8(ascii: "s") && c == UInt8(ascii: "t")
                && s[end - 4] == UInt8(ascii: "p")
            {
                return true
            }
            return false
        }
        return end == 2 && isVowel(s[0]) && !isVowel(s[1])
    }

    // MARK: Exceptional forms

    /// Words the rules would get wrong, settled before anything else runs. Returns `true` if the word was one.
    mutating func invariantOrIrregular() -> Bool {
        switch n {
        case 3:
            return equals("sky")
        case 4:
            if equals("skis") { n = 3; return true }
            if equals("idly") { n = 3; return true }
            if equals("ugly") { s[3] = UInt8(ascii: "i"); return true }
            if equals("only") { s[3] = UInt8(ascii: "i"); return true }
            return equals("news") || equals("howe") || equals("bias")
        case 5:
            if equals("skies") { replace(last: 3, with: "y"); return true }
            if equals("dying") || equals("lying") || equals("tying") {
                replace(last: 4, with: "ie")
                return true
            }
            if equals("early") { s[4] = UInt8(ascii: "i"); return true }
            return equals("atlas") || equals("andes")
        case 6:
            if equals("gently") || equals("singly") { n = 5; return true }
            return equals("cosmos")
        default:
            return false
        }
    }

    // MARK: Prelude and postlude

    /// Drops one leading apostrophe and marks each `y` that acts as a consonant as `Y`.
    mutating func markConsonantY() {
        if s[0] == apostrophe {
            var i = 1
            while i < n {
                s[i - 1] = s[i]
                i += 1
            }
            n -= 1
            if n == 0 { return }
        }
        if s[0] == lowerY {
            s[0] = consonantY
            hasConsonantY = true
        }
        var i = 1
        while i < n {
            if s[i] == lowerY && isVowel(s[i - 1]) {
                s[i] = consonantY
                hasConsonantY = true
            }
            i += 1
        }
    }

    mutating func unmarkConsonantY() {
        guard hasConsonantY else { return }
        for i in 0..<n where s[i] == consonantY { s[i] = lowerY }
    }

    /// Sets R1 and R2. Some prefixes fix R1 by hand so that their families stem alike
    /// (`generous` and `general` keep `gener`, `universe` and `university` keep `univers`).
    mutating func markRegions() {
        p1 = specialPrefixLength() ?? regionStart(from: 0)
        p2 = regionStart(from: p1)
    }

    /// The position after the first consonant that follows a vowel, at or after `start`; `n` if none.
    @inline(__always)
    func regionStart(from start: Int) -> Int {
        var i = start
        while i < n && !isVowel(s[i]) { i += 1 }
        while i < n && isVowel(s[i]) { i += 1 }
        return i < n ? i + 1 : n
    }

    /// The length of the special prefix the word starts with, if any.
    func specialPrefixLength() -> Int? {
        switch s[0] {
        case UInt8(ascii: "g"): return hasPrefix("gener") ? 5 : nil
        case UInt8(ascii: "c"): return hasPrefix("commun") ? 6 : nil
        case UInt8(ascii: "a"): return hasPrefix("arsen") ? 5 : nil
        case UInt8(ascii: "p"): return hasPrefix("past") ? 4 : nil
        case UInt8(ascii: "u"): return hasPrefix("univers") ? 7 : nil
        case UInt8(ascii: "l"): return hasPrefix("later") ? 5 : nil
        case UInt8(ascii: "e"): return hasPrefix("emerg") ? 5 : nil
        case UInt8(ascii: "o"): return hasPrefix("organ") ? 5 : nil
        case UInt8(ascii: "i"): return hasPrefix("inter") ? 5 : nil
        default: return nil
        }
    }

    // MARK: Step 1: plurals, possessives, -ed, -ing, final y

    mutating func step1a() {
        if ends("'s'") {
            n -= 3
        } else if ends("'s") {
            n -= 2
        } else if ends("'") {
            n -= 1
        }
        guard n > 0 else { return }
        let last = s[n - 1]
        if last == UInt8(ascii: "s") {
            if ends("sses") {
                n -= 2
            } else if ends("ies") {
                shortenIes()
            } else if ends("ss") || ends("us") {
                return
            } else if hasVowel(before: n - 2) {
                n -= 1
            }
        } else if last == UInt8(ascii: "d") && ends("ied") {
            shortenIes()
        }
    }

    /// `-ies`/`-ied` become `-i` after two or more letters (`cries` → `cri`), else `-ie` (`ties` → `tie`).
    @inline(__always)
    mutating func shortenIes() {
        if n - 3 >= 2 {
            n -= 2
        } else {
            replace(last: 3, with: "ie")
        }
    }

    mutating func step1b() {
        let suffixLength: Int
        if ends("eedly") {
            if inR1(5) && !isEedException(n - 5) { replace(last: 5, with: "ee") }
            return
        } else if ends("eed") {
            if inR1(3) && !isEedException(n - 3) { n -= 1 }
            return
        } else if ends("ingly") {
            suffixLength = 5
        } else if ends("edly") {
            suffixLength = 4
        } else if ends("ing") {
            if n == 5 && s[1] == lowerY && !isVowel(s[0]) {
                // `vying` → `vie`, `hying` → `hie`: the general rule would leave a bare consonant and y.
                replace(last: 4, with: "ie")
                return
            }
            if isIngException() { return }
            suffixLength = 3
        } else if ends("ed") {
            suffixLength = 2
        } else {
            return
        }
        let stemEnd = n - suffixLength
        guard hasVowel(before: stemEnd) else { return }
        n = stemEnd
        if ends("at") || ends("bl") || ends("iz") {
            s[n] = UInt8(ascii: "e")
            n += 1
        } else if endsInUndoubledPair() {
            if !(n == 3 && isIn(aeoMask, s[0])) { n -= 1 }
        } else if n == p1 && endsInShortSyllable(n) {
            s[n] = UInt8(ascii: "e")
            n += 1
        }
    }

    /// Whether `s[0..<end]` is `proc`, `exc` or `succ`, whose `-eed` is not a suffix (`proceed`, `exceed`).
    @inline(__always)
    func isEedException(_ end: Int) -> Bool {
        switch end {
        case 3: return s[0] == UInt8(ascii: "e") && s[1] == UInt8(ascii: "x") && s[2] == UInt8(ascii: "c")
        case 4: return hasPrefix("proc") || hasPrefix("succ")
        default: return false
        }
    }

    /// Whether the word is one whose `-ing` is part of the word (`inning`, `outing`, `herring`, `evening`).
    @inline(__always)
    func isIngException() -> Bool {
        switch n {
        case 6: return equals("inning") || equals("outing")
        case 7: return equals("canning") || equals("herring") || equals("earring") || equals("evening")
        default: return false
        }
    }

    /// Whether the word ends in one of the doubled consonants that step 1b undoubles (`hopp` → `hop`).
    @inline(__always)
    func endsInUndoubledPair() -> Bool {
        guard n >= 2 else { return false }
        let c = s[n - 1]
        return c == s[n - 2] && isIn(doubles, c)
    }

    mutating func step1c() {
        guard n > 2 else { return }
        let c = s[n - 1]
        if (c == lowerY || c == consonantY) && !isVowel(s[n - 2]) {
            s[n - 1] = UInt8(ascii: "i")
        }
    }

    // MARK: Steps 2 to 5: derivational suffixes

    @inline(__always)
    func inR1(_ suffixLength: Int) -> Bool { n - suffixLength >= p1 }

    @inline(__always)
    func inR2(_ suffixLength: Int) -> Bool { n - suffixLength >= p2 }

    mutating func step2() {
        guard n >= 3 else { return }
        switch s[n - 1] {
        case UInt8(ascii: "l"):
            if ends("ational") {
                if inR1(7) { replace(last: 7, with: "ate") }
            } else if ends("tional") {
                if inR1(6) { n -= 2 }
            }
        case UInt8(ascii: "i"):
            step2EndingInI()
        case UInt8(ascii: "r"):
            if ends("izer") {
                if inR1(4) { n -= 1 }
            } else if ends("ator") {
                if inR1(4) { replace(last: 2, with: "e") }
            }
        case UInt8(ascii: "n"):
            if ends("ization") {
                if inR1(7) { replace(last: 5, with: "e") }
            } else if ends("ation") {
                if inR1(5) { replace(last: 3, with: "e") }
            }
        case UInt8(ascii: "m"):
            if ends("alism") && inR1(5) { n -= 3 }
        case UInt8(ascii: "s"):
            if ends("fulness") || ends("ousness") || ends("iveness") {
                if inR1(7) { n -= 4 }
            }
        case UInt8(ascii: "t"):
            // A recent Snowball addition: `geologist` joins `geology` at `geolog`.
            if ends("ogist") && inR1(5) { n -= 3 }
        default:
            break
        }
    }

    private mutating func step2EndingInI() {
        switch s[n - 2] {
        case UInt8(ascii: "c"):
            if (ends("enci") || ends("anci")) && inR1(4) { s[n - 1] = UInt8(ascii: "e") }
        case UInt8(ascii: "l"):
            if ends("abli") {
                if inR1(4) { s[n - 1] = UInt8(ascii: "e") }
            } else if ends("bli") {
                if inR1(3) { s[n - 1] = UInt8(ascii: "e") }
            } else if ends("alli") {
                if inR1(4) { n -= 2 }
            } else if ends("lessli") {
                if inR1(6) { n -= 2 }
            } else if ends("entli") || ends("ousli") || ends("fulli") {
                if inR1(5) { n -= 2 }
            } else if inR1(2) && isIn(validLI, s[n - 3]) {
                n -= 2
            }
        case UInt8(ascii: "t"):
            if ends("biliti") {
                if inR1(6) { replace(last: 5, with: "le") }
            } else if ends("aliti") {
                if inR1(5) { n -= 3 }
            } else if ends("iviti") {
                if inR1(5) { replace(last: 3, with: "e") }
            }
        case UInt8(ascii: "g"):
            if ends("ogi") && inR1(3) && n >= 4 && s[n - 4] == UInt8(ascii: "l") { n -= 1 }
        default:
            break
        }
    }

    mutating func step3() {
        guard n >= 3 else { return }
        switch s[n - 1] {
        case UInt8(ascii: "l"):
            if ends("ational") {
                if inR1(7) { replace(last: 5, with: "e") }
            } else if ends("tional") {
                if inR1(6) { n -= 2 }
            } else if ends("ical") {
                if inR1(4) { n -= 2 }
            } else if ends("ful") {
                if inR1(3) { n -= 3 }
            }
        case UInt8(ascii: "e"):
            if ends("alize") || ends("icate") {
                if inR1(5) { n -= 3 }
            } else if ends("ative") {
                if inR1(5) && inR2(5) { n -= 5 }
            }
        case UInt8(ascii: "i"):
            if ends("iciti") && inR1(5) { n -= 3 }
        case UInt8(ascii: "s"):
            if ends("ness") && inR1(4) { n -= 4 }
        default:
            break
        }
    }

    mutating func step4() {
        guard n >= 2 else { return }
        let length: Int
        switch s[n - 1] {
        case UInt8(ascii: "l"):
            guard ends("al") else { return }
            length = 2
        case UInt8(ascii: "e"):
            if ends("ance") || ends("ence") || ends("able") || ends("ible") {
                length = 4
            } else if ends("ate") || ends("ive") || ends("ize") {
                length = 3
            } else {
                return
            }
        case UInt8(ascii: "r"):
            guard ends("er") else { return }
            length = 2
        case UInt8(ascii: "c"):
            guard ends("ic") else { return }
            length = 2
        case UInt8(ascii: "t"):
            if ends("ement") {
                length = 5
            } else if ends("ment") {
                length = 4
            } else if ends("ant") || ends("ent") {
                length = 3
            } else {
                return
            }
        case UInt8(ascii: "m"):
            guard ends("ism") else { return }
            length = 3
        case UInt8(ascii: "i"):
            guard ends("iti") else { return }
            length = 3
        case UInt8(ascii: "s"):
            guard ends("ous") else { return }
            length = 3
        case UInt8(ascii: "n"):
            guard ends("ion"), inR2(3), n >= 4 else { return }
            let c = s[n - 4]
            if c == UInt8(ascii: "s") || c == UInt8(ascii: "t") { n -= 3 }
            return
        default:
            return
        }
        if inR2(length) { n -= length }
    }

    mutating func step5() {
        guard n >= 1 else { return }
        switch s[n - 1] {
        case UInt8(ascii: "e"):
            if inR2(1) || (inR1(1) && !endsInShortSyllable(n - 1)) { n -= 1 }
        case UInt8(ascii: "l"):
            if inR2(1) && n >= 2 && s[n - 2] == UInt8(ascii: "l") { n -= 1 }
        default:
            break
        }
    }
}
