/// Turns text into index terms; the same code reads documents and queries, so both sides agree.
///
/// A word is folded (case, marks: `Kata’ib` → `kataib`, `Ḥasan` → `hasan`). An ordinary English word
/// (`EnglishWords`) is stemmed (`protests` → `protest`). Any other word of three letters or more is a name: its
/// term is the folded word, and in document mode its `NameFolding` keys follow at the same position
/// (`Suleimani` → `suleimani`, `+#sulemeni`, `+##sulmni`: the key and the coarse key, plus those of a respelling
/// such as `Buchari` read `Bukhari`); a query asks for any of them. Articles before a name are dropped (`al-Muhandis` → one
/// position covering `al-Muhandis`), and glued particles are cut into their own positions (`Abdulmahdi` →
/// `abdul` `mahdi`, `Saifuddin` → `saif` `uddin`), so phrases match across spellings; a compound in -allah stays
/// one word (`Hezbollah`, `Abdullah`: the word Allah is not in them).
public struct Analyzer: Sendable {
    /// What the analyzer is reading: FTS5 tells the tokenizer, and the searcher can ask for exact matching.
    public enum Mode: Sendable, Equatable {
        /// Document text being indexed: every token, and the name keys of a capitalised name colocated with it.
        /// `"Suleimani"` → `suleimani` + keys; `"ftrace"` → `ftrace` alone.
        case document
        /// A query term: a name's keys, so that any spelling matches, then its spelling (for a name written in
        /// lower case, which a document does not key).
        case query
        /// A query term with variant matching switched off (`--exact`).
        case queryExact
        /// The text before `*` in a prefix query: folded, never stemmed, no key. A glued name may still give
        /// several tokens (`Abdulmahdi` → `abdul` `mahdi`): put `*` after the phrase of them.
        case prefix
        /// Where a document's words are, not what they mean: the positions and byte ranges of `.document` without
        /// stems or keys, for finding the words a query matched in a shown text without stemming and keying it.
        case offsets
    }

    /// Whether names get keys; false gives a plain folding and stemming analyzer (for comparisons).
    public var nameKeys: Bool

    /// The longest term in bytes; longer words are cut (at a character boundary) and never get a key.
    public static let maxTermLength = 64

    /// What `NameFolding.foldLatin` gives for a letter written as two ASCII letters (`ß` → `ss`, `č` → `ch`).
    static let twoLetterFold = UInt8(ascii: "2")

    /// The bit that makes an ASCII capital lower-case (`A` | it = `a`).
    static let asciiCaseBit: UInt8 = 0x20

    /// Whether a document keys names written in lower case too (`search index --lowercase-names`), for archives
    /// without capitals: transcripts, social media, URL slugs. Off by default: lower-case words outside the
    /// dictionary are mostly jargon (`ftrace`, `callback`), half the keys of technical prose.
    /// `"suleimani"` → `suleimani` alone when off; `suleimani` + `#sulemeni` + `##sulmni` when on.
    public var lowerCaseNames: Bool

    /// Creates an analyzer.
    public init(nameKeys: Bool = true, lowerCaseNames: Bool = false) {
        self.nameKeys = nameKeys
        self.lowerCaseNames = lowerCaseNames
    }

    /// Put before a query term's text (U+E000, a private-use character), it asks for that term as written
    /// (`.queryExact`) within a query read in `.query` mode: the searcher ORs `exact(W)` with `W` so that the
    /// typed spelling ranks above the others.
    public static let exactMarker = "\u{E000}"

    /// Calls `emit` for every token of `text`, in order, with the term bytes and the byte range of the word.
    ///
    /// A colocated token (a name key in document mode) has the same range as the term before it.
    public func tokenize(
        _ text: UnsafeBufferPointer<UInt8>, mode: Mode,
        _ emit: (_ term: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ colocated: Bool) throws -> Void
    ) rethrows {
        let n = text.count
        guard n > 0, let base = text.baseAddress else { return }
        var i = 0
        var mode = mode
        if mode == .query, n >= 3, base[0] == 0xEE, base[1] == 0x80, base[2] == 0x80 {
            mode = .queryExact
            i = 3
        }
        let begin = i
        var s = Scratch(mode: mode, nameKeys: nameKeys, lowerCaseNames: lowerCaseNames)
        defer { s.deallocate() }
        while i < n {
            // The gap before the word: only a single hyphen (al-Haq), only spaces (al Haq), or anything else.
            var hyphens = 0
            var space = false
            var other = i == begin
            while i < n {
                let b = base[i]
                if b < 0x80 {
                    if Analyzer.isAlnum(b) { break }
                    if b == UInt8(ascii: "-") {
                        hyphens += 1
                    } else if b == UInt8(ascii: " ") || (b &- UInt8(ascii: "\t")) < 5 {  // tab, LF, VT, FF, CR
                        space = true
                    } else {
                        other = true
                    }
                    i += 1
                    continue
                }
                let (cp, len) = Analyzer.decode(base, i, n)
                let kind = Analyzer.kind(cp)
                if kind == .letter { break }
                if kind == .mark, Analyzer.isLeadingMark(cp), Analyzer.isWordChar(base, i + len, n) { break }
                switch kind {
                case .hyphen: hyphens += 1
                case .space: space = true
                default: other = true
                }
                i += len
            }
            if i >= n { break }
            let gap: Gap = other || hyphens > 1 ? .other : hyphens == 1 ? (space ? .other : .hyphen) : .space

            // The word: folded bytes into s.word, the source offset of each in s.pos.
            let start = i
            var end = -1
            var count = 0
            var ascii = true
            var digits = false
            var truncated = false
            var capital = false
            scan: while i < n {
                let b = base[i]
                if b < 0x80 {
                    if Analyzer.isAlnum(b) {
                        if count == 0 { capital = (b &- UInt8(ascii: "A")) < 26 }
                        if count < Analyzer.maxTermLength {
                            s.word[count] = (b &- UInt8(ascii: "A")) < 26 ? b | Analyzer.asciiCaseBit : b
                            s.pos[count] = i
                            count += 1
                        } else {
                            truncated = true
                        }
                        if (b &- UInt8(ascii: "0")) < 10 { digits = true }
                        i += 1
                        continue
                    }
                    if b == UInt8(ascii: "'") || b == UInt8(ascii: "`") {
                        if count > 0, Analyzer.isPossessive(base, i + 1, n) {
                            end = i
                            i += 2
                            break scan
                        }
                        if count > 0, Analyzer.isWordChar(base, i + 1, n) {
                            i += 1
                            continue
                        }
                    }
                    break
                }
                let (cp, len) = Analyzer.decode(base, i, n)
                switch Analyzer.kind(cp) {
                case .letter:
                    if count == 0 { capital = Unicode.Scalar(cp)?.properties.isUppercase ?? false }
                    let folded = NameFolding.foldLatin(cp)
                    if folded == Analyzer.twoLetterFold {
                        if count + 2 <= Analyzer.maxTermLength {
                            let (x, y) = NameFolding.foldTwo(cp)
                            s.word[count] = x
                            s.word[count + 1] = y
                            s.pos[count] = i
                            s.pos[count + 1] = i
                            count += 2
                        } else {
                            truncated = true
                        }
                    } else if folded != 0 {
                        if count < Analyzer.maxTermLength {
                            s.word[count] = folded
                            s.pos[count] = i
                            count += 1
                        } else {
                            truncated = true
                        }
                    } else {
                        ascii = false
                        if count + 4 <= Analyzer.maxTermLength {
                            count += Analyzer.appendLowered(cp, at: i, into: &s, count: count)
                        } else {
                            truncated = true
                        }
                    }
                    i += len
                case .combining:
                    i += len
                case .mark:
                    if count > 0, cp == 0x2019 || cp == 0x2BC, Analyzer.isPossessive(base, i + len, n) {
                        end = i
                        i += len + 1
                        break scan
                    }
                    if (count > 0 || Analyzer.isLeadingMark(cp)), Analyzer.isWordChar(base, i + len, n) {
                        i += len
                        continue
                    }
                    break scan
                default:
                    break scan
                }
            }
            if i == start { i += 1 }
            if count == 0 { continue }
            if end < 0 { end = i }
            let letters = ascii && !digits
            let acronym = s.mode == .query && letters && Analyzer.isAcronym(base, start, end)
            // In a document an acronym (stock-table columns SETT, CIT; agencies) is kept as written but gets no
            // key: its key met names typed in a query (Shiite found SETT and CIT).
            s.capital = capital && !(s.mode == .document && letters && Analyzer.isAcronym(base, start, end))
            try Analyzer.word(
                &s, count: count, start: start, end: end, gap: gap, letters: letters, truncated: truncated,
                acronym: acronym, emit)
        }
        if s.pendingCount > 0 { try Analyzer.flushArticle(&s, emit) }
    }

    /// The tokens of `text`, for tests and `search analyze`.
    public func tokens(_ text: String, mode: Mode = .document) -> [Token] {
        var result: [Token] = []
        var copy = text
        copy.withUTF8 { buffer in
            tokenize(buffer, mode: mode) { term, start, end, colocated in
                result.append(Token(term: String(decoding: term, as: UTF8.self), start: start, end: end, colocated: colocated))
            }
        }
        return result
    }

    /// True when `word` (one word, any case) is treated as a name and gets a key. `"Hadi"` → true, `"had"` → false.
    public func isName(_ word: String) -> Bool {
        let t = tokens(word, mode: .document)
        return t.contains { $0.colocated }
    }

    // MARK: - Per word

    enum Gap { case hyphen, space, other }

    /// Buffers for one `tokenize` call: one allocation per call, none per token.
    struct Scratch {
        let mode: Mode
        let nameKeys: Bool
        let lowerCaseNames: Bool
        /// The folded word (and room for stemming in place).
        let word = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * Analyzer.maxTermLength)
        /// Source offset of the character each byte of `word` came from.
        let pos = UnsafeMutablePointer<Int>.allocate(capacity: 2 * Analyzer.maxTermLength)
        /// A name key being written.
        let key = UnsafeMutablePointer<UInt8>.allocate(capacity: NameFolding.maxKeyLength + 8)
        /// A coarse key being written.
        let coarse = UnsafeMutablePointer<UInt8>.allocate(capacity: NameFolding.maxKeyLength + 8)
        /// The other spelling of a name part (`NameFolding.respelling`).
        let respelt = UnsafeMutablePointer<UInt8>.allocate(capacity: 4 * Analyzer.maxTermLength)
        /// An article word waiting for the next word to decide whether it is dropped (`al` in `al-Haq`).
        let pending = UnsafeMutablePointer<UInt8>.allocate(capacity: 4)
        var pendingCount = 0
        var pendingStart = 0
        var pendingEnd = 0
        /// Whether the word being emitted starts with a capital letter: only such words get keys in a document.
        var capital = false

        init(mode: Mode, nameKeys: Bool, lowerCaseNames: Bool) {
            self.mode = mode
            self.nameKeys = nameKeys
            self.lowerCaseNames = lowerCaseNames
        }

        func deallocate() {
            word.deallocate()
            pos.deallocate()
            key.deallocate()
            coarse.deallocate()
            respelt.deallocate()
            pending.deallocate()
        }
    }

    /// A word of two to five capitals that starts with two consonants or holds at most one vowel is an acronym,
    /// looked up as written: PMU must not find PMOI through a shared name key, nor Shiite the column SETT. Names
    /// written in capitals (SALIM, ALI, HADI) keep their variants. A document keeps such a word unstemmed, without keys.
    static func isAcronym(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard (2...5).contains(end - start), (start..<end).allSatisfy({ (base[$0] &- UInt8(ascii: "A")) < 26 }) else { return false }
        func vowel(_ b: UInt8) -> Bool { Letters.isPorter2Vowel(b | Analyzer.asciiCaseBit) }  // A E I O U Y
        let vowels = (start..<end).filter { vowel(base[$0]) }.count
        return vowels <= 1 || (!vowel(base[start]) && !vowel(base[start + 1]))
    }

    @inline(__always)
    static func word(
        _ s: inout Scratch, count: Int, start: Int, end: Int, gap: Gap, letters: Bool, truncated: Bool,
        acronym: Bool = false, _ emit: (UnsafeBufferPointer<UInt8>, Int, Int, Bool) throws -> Void
    ) rethrows {
        // After an article, din is the name particle of Salah ad-Din, not the English word.
        let name =
            s.nameKeys && letters && !truncated && !acronym && count >= 3 && count <= NameFolding.maxWordLength
            && (!EnglishWords.contains(s.word, count: count) || (s.pendingCount > 0 && NameFolding.isDin(s.word, count: count)))
        var start = start
        if s.pendingCount > 0 {
            var drop = false
            if letters, gap != .other {
                let hyphen = gap == .hyphen
                if NameFolding.isArticle(s.pending, count: s.pendingCount, before: s.word[0], hyphen: hyphen) {
                    // al-/el-/ul-/il- go before any word; a free-standing al/el and the assimilated forms
                    // (as-Sadr) only before a name, so "Al Gore" and "at-risk" keep their first word.
                    drop = name || (hyphen && s.pendingCount == 2 && s.pending[1] == UInt8(ascii: "l"))
                }
                if drop, hyphen { start = s.pendingStart }
            }
            if drop { s.pendingCount = 0 } else { try flushArticle(&s, emit) }
        }
        if s.nameKeys, letters, count >= 2, count <= 3,
            NameFolding.isArticle(s.word, count: count, before: s.word[1], hyphen: true)
        {
            for k in 0..<count { s.pending[k] = s.word[k] }
            s.pendingCount = count
            s.pendingStart = start
            s.pendingEnd = end
            return
        }
        if name {
            try emitName(&s, count: count, start: start, end: end, emit)
        } else {
            try emitPlain(s.word, count: count, start: start, end: end, letters: letters, mode: s.mode, emit)
        }
    }

    static func flushArticle(_ s: inout Scratch, _ emit: (UnsafeBufferPointer<UInt8>, Int, Int, Bool) throws -> Void)
        rethrows
    {
        let count = s.pendingCount
        s.pendingCount = 0
        try emitPlain(s.pending, count: count, start: s.pendingStart, end: s.pendingEnd, letters: true, mode: s.mode, emit)
    }

    static func emitPlain(
        _ word: UnsafeMutablePointer<UInt8>, count: Int, start: Int, end: Int, letters: Bool, mode: Mode,
        _ emit: (UnsafeBufferPointer<UInt8>, Int, Int, Bool) throws -> Void
    ) rethrows {
        var count = count
        if letters, mode != .prefix, mode != .offsets, count > 2 { count = EnglishStemmer.stem(word, count: count) }
        try emit(UnsafeBufferPointer(start: word, count: count), start, end, false)
    }

    @inline(__always)
    static func emitName(
        _ s: inout Scratch, count: Int, start: Int, end: Int,
        _ emit: (UnsafeBufferPointer<UInt8>, Int, Int, Bool) throws -> Void
    ) rethrows {
        let (head, tail) = NameFolding.split(s.word, count: count)
        var a = 0
        while a < count {
            let b = a < head ? head : (a < tail ? tail : count)
            let ps = a == 0 ? start : s.pos[a]
            let pe = b == count ? end : s.pos[b]
            let part = s.word + a
            if s.mode != .query {
                try emit(UnsafeBufferPointer(start: part, count: b - a), ps, pe, false)
            }
            // A document keys a name only where it is written as one, with a capital: lower-case words outside the
            // dictionary are mostly jargon (ftrace, struct, callback), half of all keys in technical prose; unless
            // the index asks for lower-case names too. The query asks for the spelling too, after its keys, so a
            // lower-case `hezbollah` is still found as written.
            if (s.mode == .document && (s.capital || s.lowerCaseNames)) || s.mode == .query {
                try emitKeys(&s, part, count: b - a, start: ps, end: pe, first: true, emit)
                let r = NameFolding.respelling(part, count: b - a, into: s.respelt)
                if r > 0 { try emitKeys(&s, s.respelt, count: r, start: ps, end: pe, first: false, emit) }
                let j = NameFolding.softRespelling(part, count: b - a, into: s.respelt)
                if j > 0 { try emitKeys(&s, s.respelt, count: j, start: ps, end: pe, first: false, emit) }
                let f = NameFolding.frenchRespelling(part, count: b - a, into: s.respelt)
                if f > 0 { try emitKeys(&s, s.respelt, count: f, start: ps, end: pe, first: false, emit) }
                let m = NameFolding.withoutNominative(part, count: b - a)
                if m > 0 { try emitKeys(&s, part, count: m, start: ps, end: pe, first: false, emit) }
                let t = NameFolding.withoutConstructT(part, count: b - a)
                if t > 0 { try emitKeys(&s, part, count: t, start: ps, end: pe, first: false, emit) }
                // Abdulatif is Abdul-Latif with one l written for two, as Abdurahman is Abdur-Rahman: the name
                // after the particle also gets the key it has with the particle's last consonant. Only after abd or abu:
                // the first name of a compound (Mohammadali) lends the second no letter.
                if a == head, head > 0, b - a >= 3, NameFolding.isVowel(part[0]), !NameFolding.isVowel(part[-1]),
                    s.word[0] == UInt8(ascii: "a"), s.word[1] == UInt8(ascii: "b")
                {
                    try emitKeys(&s, part - 1, count: b - a + 1, start: ps, end: pe, first: false, emit)
                }
                // "Almahdi" is also keyed as "Mahdi", so that it meets "al-Mahdi" and "Mahdi".
                if a == 0, b - a == count, NameFolding.hasGluedArticle(part, count: count) {
                    try emitKeys(&s, part + 2, count: count - 2, start: ps, end: pe, first: false, emit)
                }
                if s.mode == .query { try emit(UnsafeBufferPointer(start: part, count: b - a), ps, pe, true) }
            }
            a = b
        }
    }

    /// Emits the keys of one name part: its key and its coarse key. A lone e as the first or the final vowel
    /// stands for a or i (Mehdi: Mahdi or Mihdi; Zubaide: Zubaida or Zubaidi): a document indexes it as `e`, once,
    /// and a query asks for every reading a document may hold there (`a` → a or e, `i` → i or e, `e` → a, i or e),
    /// so the index stays small and the expansion happens in the short query. All but the first of a query's keys
    /// are colocated, so a query matches a document sharing any of them.
    @inline(__always)
    static func emitKeys(
        _ s: inout Scratch, _ part: UnsafeMutablePointer<UInt8>, count: Int, start: Int, end: Int, first: Bool,
        _ emit: (UnsafeBufferPointer<UInt8>, Int, Int, Bool) throws -> Void
    ) rethrows {
        var second = 0
        let k = NameFolding.key(part, count: count, into: s.key, second: &second)
        if second > 0 { s.key[second] = UInt8(ascii: "e") }
        if s.mode == .document {
            try emit(UnsafeBufferPointer(start: s.key, count: k), start, end, true)
            let c = NameFolding.coarseKey(s.key, count: k, into: s.coarse)
            if c > 0 { try emit(UnsafeBufferPointer(start: s.coarse, count: c), start, end, true) }
            return
        }
        let firstAt = second > 0 ? second : NameFolding.firstMark(s.key, count: k)
        let finalAt = k > 2 && NameFolding.isMark(s.key[k - 1]) && k - 1 != firstAt ? k - 1 : 0
        let firstReadings = readings(of: firstAt > 0 ? s.key[firstAt] : 0)
        let finalReadings = readings(of: finalAt > 0 ? s.key[finalAt] : 0)
        var colocated = !first
        for f in 0..<firstReadings.utf8CodeUnitCount {
            if firstAt > 0 { s.key[firstAt] = firstReadings.utf8Start[f] }
            for l in 0..<finalReadings.utf8CodeUnitCount {
                if finalAt > 0 { s.key[finalAt] = finalReadings.utf8Start[l] }
                try emit(UnsafeBufferPointer(start: s.key, count: k), start, end, colocated)
                colocated = true
                let c = NameFolding.coarseKey(s.key, count: k, into: s.coarse)
                if c > 0 { try emit(UnsafeBufferPointer(start: s.coarse, count: c), start, end, true) }
            }
        }
    }

    /// The vowel marks a document may hold where a query has `mark`: an `e` (either) or the mark itself.
    @inline(__always)
    static func readings(of mark: UInt8) -> StaticString {
        switch mark {
        case UInt8(ascii: "e"): return "aie"
        case UInt8(ascii: "a"): return "ae"
        case UInt8(ascii: "i"): return "ie"
        case UInt8(ascii: "u"): return "u"
        default: return "\u{0}"
        }
    }

    // MARK: - Characters

    enum Kind { case letter, mark, combining, hyphen, space, punct }

    @inline(__always)
    static func isAlnum(_ b: UInt8) -> Bool {
        (b &- UInt8(ascii: "a")) < 26 || (b &- UInt8(ascii: "A")) < 26 || (b &- UInt8(ascii: "0")) < 10
    }

    /// Decodes the UTF-8 character at `i`: (code point, length), or (0xFFFF_FFFF, 1) for an invalid byte.
    @inline(__always)
    static func decode(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (UInt32, Int) {
        let invalid: (UInt32, Int) = (0xFFFF_FFFF, 1)
        let b0 = UInt32(p[i])
        if b0 < 0xC2 { return invalid }
        if b0 < 0xE0 {
            guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return invalid }
            return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2)
        }
        if b0 < 0xF0 {
            guard i + 2 < n, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80 else { return invalid }
            let cp = (b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
            guard cp >= 0x800, cp & 0xF800 != 0xD800 else { return invalid }
            return (cp, 3)
        }
        guard b0 < 0xF5, i + 3 < n, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80, p[i + 3] & 0xC0 == 0x80 else {
            return invalid
        }
        let cp = (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F)
        guard cp >= 0x10000, cp <= 0x10FFFF else { return invalid }
        return (cp, 4)
    }

    /// What a non-ASCII code point does in a word.
    static func kind(_ cp: UInt32) -> Kind {
        switch cp {
        case 0x2019, 0x2018, 0x2BC, 0x2BB, 0x2BF, 0x2BE, 0x2B9, 0x2032, 0xB4: return .mark
        case 0x300...0x36F, 0x200C, 0x200D, 0xFE00...0xFE0F, 0x64B...0x65F, 0x670: return .combining
        case 0x2010, 0x2011: return .hyphen
        case 0xA0, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF: return .space
        case 0x80...0xBF, 0xD7, 0xF7, 0x2000...0x2BFF, 0x2E00...0x2E7F, 0x3001...0x303F, 0xFF01...0xFF0F,
            0xFF1A...0xFF20, 0x60C, 0x61B, 0x61F, 0x66A...0x66D, 0x6D4, 0x1F000...0x1FAFF, 0xFFF0...0xFFFF,
            0xFFFF_FFFF:
            return .punct
        default: return .letter
        }
    }

    /// Letter marks that may begin a word and are dropped there: ʿAli, ʾIbrahim.
    @inline(__always)
    static func isLeadingMark(_ cp: UInt32) -> Bool {
        cp == 0x2BF || cp == 0x2BE || cp == 0x2BB || cp == 0x2BC
    }

    /// True when a letter or digit starts at `i`.
    @inline(__always)
    static func isWordChar(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Bool {
        guard i < n else { return false }
        let b = p[i]
        if b < 0x80 { return isAlnum(b) }
        return kind(decode(p, i, n).0) == .letter
    }

    /// True for the `s` of a possessive `'s` at `i` (followed by no further letter).
    @inline(__always)
    static func isPossessive(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Bool {
        i < n && p[i] | Analyzer.asciiCaseBit == UInt8(ascii: "s") && !isWordChar(p, i + 1, n)
    }

    /// Appends the UTF-8 of a non-Latin letter, lower-cased for Greek and Cyrillic; returns the bytes added.
    static func appendLowered(_ cp: UInt32, at i: Int, into s: inout Scratch, count: Int) -> Int {
        var c = cp
        switch cp {
        case 0x391...0x3A9: c = cp + 0x20
        case 0x410...0x42F: c = cp + 0x20
        case 0x400...0x40F: c = cp + 0x50
        default: break
        }
        let w = s.word + count
        if c < 0x800 {
            w[0] = UInt8(0xC0 | c >> 6)
            w[1] = UInt8(0x80 | c & 0x3F)
            s.pos[count] = i
            s.pos[count + 1] = i
            return 2
        }
        if c < 0x10000 {
            w[0] = UInt8(0xE0 | c >> 12)
            w[1] = UInt8(0x80 | (c >> 6) & 0x3F)
            w[2] = UInt8(0x80 | c & 0x3F)
            for k in 0..<3 { s.pos[count + k] = i }
            return 3
        }
        w[0] = UInt8(0xF0 | c >> 18)
        w[1] = UInt8(0x80 | (c >> 12) & 0x3F)
        w[2] = UInt8(0x80 | (c >> 6) & 0x3F)
        w[3] = UInt8(0x80 | c & 0x3F)
        for k in 0..<4 { s.pos[count + k] = i }
        return 4
    }
}
