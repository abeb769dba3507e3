import Analysis
import Storage

/// A date as written in the text, before its missing year is worked out: `Monday, October 7` has
/// month 10, day 7, weekday Monday and no year.
struct DateMention: Equatable, Sendable {
    /// Byte range of the mention in the text it was found in.
    var range: Range<Int>
    var year: Int?
    var month: Int
    var day: Int?
    /// 0 = Sunday … 6 = Saturday, when the text names the day of the week.
    var weekday: Int?
    /// `October last year` → -1: the year is relative to the year of the context.
    var yearOffset: Int?
}

/// Finds dates in text and resolves the ones written without a year against the document's context.
///
/// Recognised: `1 October 2019`, `1st of October`, `October 1, 2019`, `October 1st`, `Monday, October 7`,
/// `November 2019`, `2019-11-10`, and a bare month after a preposition (`in November`, `since October`,
/// `October last year`). Bare years (`the 2011 Arab Spring`) and numeric forms (`10/11/2019`) are not
/// mentions: the first is rarely the date of an event in the story, the second is ambiguous.
enum DateExtractor {
    // MARK: Scanning

    struct Token {
        enum Kind: UInt8 { case word, number, punct }
        var kind: Kind
        var start: Int
        var end: Int
        /// Number value (capped), or for words: month 1–12, or 100 + weekday.
        var value: Int
        /// Digits in a number; for words, whether the first letter is upper case (1) or not (0).
        var width: Int
        /// A number written with thousands separators or decimals (`15,000`), never a day or year.
        var grouped: Bool = false
    }

    /// Appends the tokens of `r` to `tokens`: ASCII words, digit runs (with ordinal suffixes absorbed),
    /// and one token per punctuation character.
    static func tokenize(_ b: ByteText.Bytes, _ r: Range<Int>, into tokens: inout [Token]) {
        var i = r.lowerBound
        let e = r.upperBound
        while i < e {
            let c = b[i]
            let w = ByteText.spaceWidth(b, i, e)
            if w > 0 { i += w; continue }
            if ByteText.isLetter(c) {
                let s = i
                while i < e && ByteText.isLetter(b[i]) { i += 1 }
                var t = Token(kind: .word, start: s, end: i, value: 0, width: ByteText.isUpper(c) ? 1 : 0)
                if i - s >= 3, i - s <= 9 {
                    // A lower-case word is only ever a month ("NEW YORK, march 2 -"), never a weekday: "sun", "sat", "wed".
                    let code = wordCode(b, s..<i)
                    if t.width == 1 || code <= 12 { t.value = code }
                }
                tokens.append(t)
            } else if ByteText.isDigit(c) {
                let s = i
                var v = 0
                while i < e && ByteText.isDigit(b[i]) { v = min(v * 10 + Int(b[i] - 0x30), 1_000_000); i += 1 }
                var t = Token(kind: .number, start: s, end: i, value: v, width: i - s)
                // 15,000 or 3.5: a quantity, which must not read as "day 15".
                while i + 1 < e && (b[i] == 0x2C || b[i] == 0x2E) && ByteText.isDigit(b[i + 1]) {
                    t.grouped = true
                    i += 1
                    while i < e && ByteText.isDigit(b[i]) { i += 1 }
                }
                if i + 1 < e, !t.grouped {
                    let a = ByteText.lower(b[i]), z = ByteText.lower(b[i + 1])
                    if (a == 0x73 && z == 0x74) || (a == 0x6E && z == 0x64) || (a == 0x72 && z == 0x64) || (a == 0x74 && z == 0x68),
                       i + 2 >= e || !ByteText.isLetter(b[i + 2]) {
                        i += 2
                    }
                }
                t.end = i
                tokens.append(t)
            } else {
                let s = i
                i += 1
                if c >= 0xC0 { while i < e && b[i] & 0xC0 == 0x80 { i += 1 } }
                tokens.append(Token(kind: .punct, start: s, end: i, value: Int(c), width: 0))
            }
        }
    }

    /// Packs up to 9 lower-cased letters into an integer key.
    @inline(__always)
    static func pack(_ b: ByteText.Bytes, _ r: Range<Int>) -> UInt64 {
        var k: UInt64 = 0
        for i in r { k = k << 5 | UInt64(ByteText.lower(b[i]) &- 0x60) }
        return k
    }

    static func pack(_ s: String) -> UInt64 {
        var k: UInt64 = 0
        for c in s.utf8 { k = k << 5 | UInt64(c &- 0x60) }
        return k
    }

    /// Month and weekday names by packed key, in a small open-addressing table: this lookup runs for
    /// every capitalised word of the corpus, where a `Dictionary` and its hashing showed in profiles.
    struct WordTable: Sendable {
        static let size = 128
        var keys = [UInt64](repeating: 0, count: size)
        var codes = [Int](repeating: 0, count: size)

        @inline(__always) static func slot(_ k: UInt64) -> Int { Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> 57) }

        mutating func insert(_ k: UInt64, _ code: Int) {
            var i = WordTable.slot(k)
            while keys[i] != 0 && keys[i] != k { i = (i + 1) & (WordTable.size - 1) }
            keys[i] = k
            codes[i] = code
        }

        @inline(__always) func lookup(_ k: UInt64) -> Int {
            var i = WordTable.slot(k)
            while true {
                let key = keys[i]
                if key == k { return codes[i] }
                if key == 0 { return 0 }
                i = (i + 1) & (WordTable.size - 1)
            }
        }
    }

    static let wordCodes: WordTable = {
        var d = WordTable()
        let months = [["january", "jan"], ["february", "feb"], ["march", "mar"], ["april", "apr"], ["may"],
                      ["june", "jun"], ["july", "jul"], ["august", "aug"], ["september", "sept", "sep"],
                      ["october", "oct"], ["november", "nov"], ["december", "dec"]]
        for (m, names) in months.enumerated() { for n in names { d.insert(pack(n), m + 1) } }
        let days = [["sunday", "sun"], ["monday", "mon"], ["tuesday", "tue", "tues"], ["wednesday", "wed"],
                    ["thursday", "thu", "thur", "thurs"], ["friday", "fri"], ["saturday", "sat"]]
        for (w, names) in days.enumerated() { for n in names { d.insert(pack(n), 100 + w) } }
        return d
    }()

    @inline(__always)
    static func wordCode(_ b: ByteText.Bytes, _ r: Range<Int>) -> Int {
        let c = ByteText.lower(b[r.lowerBound])
        // Only months and weekdays are looked up; their first letters are a, d, f, j, m, n, o, s, t, w.
        switch c {
        case 0x61, 0x64, 0x66, 0x6A, 0x6D, 0x6E, 0x6F, 0x73, 0x74, 0x77: return wordCodes.lookup(pack(b, r))
        default: return 0
        }
    }

    static let monthPrepositions: Set<UInt64> = Set([
        "in", "since", "until", "till", "by", "during", "early", "late", "mid", "of", "from", "before", "after",
        "through", "throughout", "last", "this", "next", "around", "to",
    ].map(pack))

    /// How far around a month name (or an ISO date) the words that complete a date are looked for.
    static let windowReach = 40

    /// The dates mentioned in `r`, in order.
    ///
    /// Most text has no dates, so a first pass only looks for capitalised month names and `YYYY-`; the
    /// words around them (merged windows of `windowReach` bytes) are tokenized and read.
    static func mentions(in b: ByteText.Bytes, _ r: Range<Int>) -> [DateMention] {
        var out: [DateMention] = []
        var tokens: [Token] = []
        var lo = -1, hi = -1
        func flush() {
            guard lo >= 0 else { return }
            // Start and end on word boundaries so no token is cut in half.
            var s = lo, e = hi
            func alnum(_ c: UInt8) -> Bool { ByteText.isLetter(c) || ByteText.isDigit(c) }
            while s > r.lowerBound && s < e && (alnum(b[s - 1]) && alnum(b[s]) || b[s] & 0xC0 == 0x80) { s += 1 }
            while e < r.upperBound && e > s && (alnum(b[e - 1]) && alnum(b[e]) || b[e] & 0xC0 == 0x80) { e -= 1 }
            tokens.removeAll(keepingCapacity: true)
            tokenize(b, s..<e, into: &tokens)
            scan(b, tokens, into: &out)
        }
        func candidate(_ s: Int, _ e: Int) {
            let l = max(r.lowerBound, s - windowReach), h = min(r.upperBound, e + windowReach)
            if lo >= 0 && l <= hi { hi = max(hi, h); return }
            flush()
            lo = l
            hi = h
        }
        var i = r.lowerBound
        let end = r.upperBound
        let raw = UnsafeRawPointer(b.baseAddress)
        while i < end {
            // Eight bytes at a time while they hold no capital letter and no digit (most of any text).
            if let p = raw {
                while i + 8 <= end && !hasCapitalOrDigit(p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
                if i >= end { break }
            }
            let c = b[i]
            if ByteText.isUpper(c) {
                let s = i
                i += 1
                while i < end && ByteText.isLetter(b[i]) { i += 1 }
                if i - s >= 3, i - s <= 9, s == r.lowerBound || !ByteText.isLetter(b[s - 1]),
                   case let code = wordCode(b, s..<i), code >= 1, code <= 12 {
                    candidate(s, i)
                }
            } else if ByteText.isDigit(c) {
                let s = i
                while i < end && ByteText.isDigit(b[i]) { i += 1 }
                if i - s == 4 && i < end && b[i] == 0x2D { candidate(s, i) }
                // A lower-case month before a day ("march 2"): looked for only here, at digits, so the scan stays fast.
                else if i - s <= 2, s - 2 > r.lowerBound, b[s - 1] == 0x20, ByteText.isLower(b[s - 2]) {
                    var w = s - 1
                    while w > r.lowerBound && ByteText.isLetter(b[w - 1]) { w -= 1 }
                    if (3...9).contains(s - 1 - w), ByteText.isLower(b[w]), case let code = wordCode(b, w..<(s - 1)), code >= 1, code <= 12 {
                        candidate(w, i)
                    }
                }
            } else {
                i += 1
            }
        }
        flush()
        return out
    }

    /// Whether one of the eight bytes is in `A`…`Z` or `0`…`9` (bytes ≥ 0x80 never count): the classic
    /// "has a byte between m and n" word trick, applied twice.
    @inline(__always)
    static func hasCapitalOrDigit(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let low7 = x & (ones &* 127)
        func between(_ m: UInt64, _ n: UInt64) -> UInt64 {
            ((ones &* (127 + n)) &- low7) & ~x & (low7 &+ ones &* (127 - m)) & high
        }
        return between(0x40, 0x5B) | between(0x2F, 0x3A) != 0
    }

    /// Reads the dates in a run of tokens.
    static func scan(_ b: ByteText.Bytes, _ tokens: [Token], into out: inout [DateMention]) {
        let n = tokens.count
        func isDay(_ k: Int, month: Int) -> Int? {
            guard k >= 0, k < n else { return nil }
            let t = tokens[k]
            guard t.kind == .number, !t.grouped, t.width <= 2, t.value >= 1,
                  t.value <= PartialDate.daysIn(month: month, year: 2000) else { return nil }
            return t.value
        }
        func isYear(_ k: Int) -> Int? {
            guard k < n else { return nil }
            let t = tokens[k]
            guard t.kind == .number, !t.grouped, t.width == 4, t.end - t.start == 4, (1800...2199).contains(t.value) else { return nil }
            return t.value
        }
        func isPunct(_ k: Int, _ c: UInt8) -> Bool { k >= 0 && k < n && tokens[k].kind == .punct && tokens[k].value == Int(c) }
        func isWord(_ k: Int, _ w: StaticString) -> Bool {
            guard k >= 0, k < n, tokens[k].kind == .word else { return false }
            let t = tokens[k]
            return t.end - t.start == w.utf8CodeUnitCount && ByteText.hasPrefix(b, t.start..<t.end, lowercased: w)
        }
        func weekday(before k: Int) -> (Int, Int)? {
            var p = k
            if isPunct(p, 0x2C) { p -= 1 }
            guard p >= 0, tokens[p].kind == .word, tokens[p].value >= 100 else { return nil }
            return (tokens[p].value - 100, tokens[p].start)
        }
        var k = 0
        while k < n {
            let t = tokens[k]
            defer { k += 1 }
            if t.kind == .number, t.width == 4, !t.grouped, let y = isYear(k), k + 4 < n,
               isPunct(k + 1, 0x2D), tokens[k + 1].start == t.end, tokens[k + 2].start == tokens[k + 1].end,
               tokens[k + 2].kind == .number, tokens[k + 2].width == 2, (1...12).contains(tokens[k + 2].value),
               isPunct(k + 3, 0x2D), tokens[k + 3].start == tokens[k + 2].end, tokens[k + 4].start == tokens[k + 3].end,
               tokens[k + 4].kind == .number, tokens[k + 4].width == 2 {
                let m = tokens[k + 2].value, d = tokens[k + 4].value
                if d >= 1 && d <= PartialDate.daysIn(month: m, year: y) {
                    out.append(DateMention(range: t.start..<tokens[k + 4].end, year: y, month: m, day: d))
                }
                continue
            }
            guard t.kind == .word, t.value >= 1, t.value <= 12 else { continue }
            let month = t.value
            // A lower-case month is a date only right before its day, and "may" and "march" (verbs too) only after a
            // comma, as in a dateline: "NEW YORK, march 2 -".
            if t.width == 0 {
                guard isDay(k + 1, month: month) != nil else { continue }
                if month == 5 || month == 3, !isPunct(k - 1, 0x2C) { continue }
            }
            var s = t.start, e = t.end
            var q = k + 1
            if isPunct(q, 0x2E) && tokens[q].start == t.end && t.end - t.start <= 4 { e = tokens[q].end; q += 1 }
            var day: Int?
            var wd: Int?
            // 7 October, 1st of October, Monday, 7 October
            if isWord(k - 1, "of"), let d = isDay(k - 2, month: month) {
                day = d; s = tokens[k - 2].start
                if let w = weekday(before: k - 3) { wd = w.0; s = w.1 }
            } else if let d = isDay(k - 1, month: month) {
                day = d; s = tokens[k - 1].start
                if let w = weekday(before: k - 2) { wd = w.0; s = w.1 }
            } else if let d = isDay(q, month: month), tokens[q].start > e {
                // October 7, Monday, October 7 (never "JUL7", a futures month in a price table)
                day = d; e = tokens[q].end; q += 1
                if let w = weekday(before: k - 1) { wd = w.0; s = w.1 }
            }
            var r = q
            if isPunct(r, 0x2C) { r += 1 }
            var year: Int?
            if let y = isYear(r) { year = y; e = tokens[r].end }
            var offset: Int?
            if day == nil && year == nil {
                // A bare month is a date only after a preposition, and May/March only with a day or year.
                guard month != 5 && month != 3, t.end - t.start >= 4 || e > t.end,
                      k >= 1, tokens[k - 1].kind == .word,
                      monthPrepositions.contains(pack(b, tokens[k - 1].start..<tokens[k - 1].end)) ||
                        (isPunct(k - 1, 0x2D) && isWord(k - 2, "mid")) else { continue }
                if isWord(q + 1, "year") {
                    if isWord(q, "last") { offset = -1 } else if isWord(q, "next") { offset = 1 } else if isWord(q, "this") { offset = 0 }
                    if offset != nil { e = tokens[q + 1].end }
                }
            }
            if let d = day, let y = year, d > PartialDate.daysIn(month: month, year: y) { continue }
            out.append(DateMention(range: s..<e, year: year, month: month, day: day, weekday: wd, yearOffset: offset))
            k = max(k, r - 1)
        }
    }

    /// Whether the mention at `m` stands in a row of a table (columns aligned with runs of spaces) within the passage
    /// `r`: a date read there ("Jul    2185    2190") is a price or a column head, not an event. Hard-wrapped lines
    /// are joined with one space, so the prose around a table keeps its dates.
    static func isTabular(_ b: ByteText.Bytes, _ m: Range<Int>, in r: Range<Int>) -> Bool {
        let lo = max(r.lowerBound, m.lowerBound - 24), hi = min(r.upperBound, m.upperBound + 24)
        var gaps = 0, run = 0
        for i in lo..<hi {
            if b[i] == 0x20 || b[i] == 0x09 { run += b[i] == 0x09 ? 3 : 1; continue }
            if run >= 3 || run >= 2 && i > m.lowerBound && i < m.upperBound { gaps += 1 }
            run = 0
        }
        return gaps >= 1
    }

    /// Parses a date value from metadata: ISO (`2019-11-10`, `2019-11`, `2019`, `2019-11-10T08:00:00Z`) or
    /// English with a year (`November 10, 2019`). `"someday"` → nil.
    static func parseDate(_ s: String) -> PartialDate? {
        let t = s.trimmingSpaces()
        // ISO when it starts with four digits or dashes: the leading run of them, alone or before a time (`T08:00`,
        // ` 08:00`); anything else there is no date (not read as English).
        if t.utf8.count >= 4, t.utf8.prefix(4).allSatisfy({ ByteText.isDigit($0) || $0 == UInt8(ascii: "-") }) {
            return PartialDate.leadingISO(t, timeMarks: [UInt8(ascii: "T"), UInt8(ascii: " ")])
        }
        var copy = t
        return copy.withUTF8 { b in
            mentions(in: b, 0..<b.count).first(where: { $0.year != nil }).map {
                PartialDate(year: $0.year!, month: $0.month, day: $0.day)
            }
        }
    }

    // MARK: Calendar

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func dayNumber(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// 0 = Sunday … 6 = Saturday.
    static func weekday(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let n = dayNumber(y, m, d)
        return ((n % 7) + 11) % 7
    }

    /// Day numbers of the first and last day a partial date covers.
    static func span(_ p: PartialDate) -> ClosedRange<Int> {
        let m1 = p.month ?? 1, m2 = p.month ?? 12
        return dayNumber(p.year, m1, p.day ?? 1)...dayNumber(p.year, m2, p.day ?? PartialDate.daysIn(month: m2, year: p.year))
    }

    /// Distance in days between the spans of two partial dates (0 when they overlap).
    static func distance(_ a: PartialDate, _ b: PartialDate) -> Int {
        let x = span(a), y = span(b)
        if x.upperBound < y.lowerBound { return y.lowerBound - x.upperBound }
        if y.upperBound < x.lowerBound { return x.lowerBound - y.upperBound }
        return 0
    }

    // MARK: Resolution

    /// Gives year-less mentions a year, reading the document in order: each date is placed in the year
    /// that puts it nearest to the date the story last mentioned (so `3 January` after `28 December 2019`
    /// is 2020), and a weekday picks the nearby year in which that day fell on it.
    struct Resolver {
        /// The date the story is at, and whether it came from the text itself (strong) or only from a
        /// copyright year or the caller's reference year (weak).
        var anchor: PartialDate?
        var anchorIsStrong: Bool

        /// `anchor` is the best starting point known before reading: front matter, else the first date with
        /// a year in the text, else the copyright year or a reference year (weak).
        init(anchor: PartialDate?, strong: Bool) {
            self.anchor = anchor
            self.anchorIsStrong = strong
        }

        /// The mention's date and whether it is backed by the text (not only by a weak anchor).
        mutating func resolve(_ m: DateMention) -> (date: PartialDate, strong: Bool)? {
            if let y = m.year {
                let d = PartialDate(year: y, month: m.month, day: m.day)
                anchor = d
                anchorIsStrong = true
                return (d, true)
            }
            guard let a = anchor else { return nil }
            var best: PartialDate?
            var strong = anchorIsStrong
            if let wd = m.weekday, let day = m.day {
                // Weekdays repeat every 5, 6 or 11 years: the nearest match within 7 years of the anchor.
                var bestDistance = Int.max
                for y in (a.year - 7)...(a.year + 7) where day <= PartialDate.daysIn(month: m.month, year: y)
                    && DateExtractor.weekday(y, m.month, day) == wd {
                    let c = PartialDate(year: y, month: m.month, day: day)
                    let dist = DateExtractor.distance(c, a)
                    if dist < bestDistance { bestDistance = dist; best = c }
                }
                strong = best != nil
            }
            if best == nil, let off = m.yearOffset {
                let y = a.year + off
                if m.day.map({ $0 <= PartialDate.daysIn(month: m.month, year: y) }) ?? true {
                    best = PartialDate(year: y, month: m.month, day: m.day)
                }
            }
            if best == nil {
                var bestDistance = Int.max
                for y in (a.year - 1)...(a.year + 1) where m.day.map({ $0 <= PartialDate.daysIn(month: m.month, year: y) }) ?? true {
                    let c = PartialDate(year: y, month: m.month, day: m.day)
                    let dist = DateExtractor.distance(c, a)
                    if dist < bestDistance { bestDistance = dist; best = c }
                }
            }
            guard let d = best else { return nil }
            if strong || !anchorIsStrong {
                anchor = d
                anchorIsStrong = strong
            }
            return (d, strong)
        }
    }
}
