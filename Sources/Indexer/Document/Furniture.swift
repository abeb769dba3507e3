/// Page furniture: lines a web page or a wire wraps around an article that are not article text.
///
/// A line is furniture only when the whole trimmed line has the shape of a footer, a credit, an ad slot or a
/// navigation phrase, and only lines of at most `maxLineBytes` are looked at: a paragraph that mentions copyright,
/// "powered by" or "all rights reserved" in its prose is text, and a huge line costs nothing. What is removed is
/// counted per document by `reason`, so `search show` can say what went and why.
enum Furniture: Equatable, Sendable {
    /// An advertisement slot size: `728 x 90`, `300×250`, `Advertisement 160 x 600`.
    case adSize
    /// A tag or category line with no tags left: `Tags: , , ,`.
    case emptyTags
    /// A copyright footer, with its (last) year when it has one: `Copyright © 2020 All Rights Reserved`.
    case copyright(year: Int?)
    /// A credit line: `Social media & sharing icons powered by UltimatelySocial`.
    case poweredBy
    /// A site-chrome phrase such as `Exit mobile version`, `Skip to content`, `Share this:`.
    case siteChrome

    /// Furniture lines are short; a longer line is always text.
    static let maxLineBytes = 160
    /// A footer has few words: `Copyright © 2012–2019 Example News Network Ltd. All Rights Reserved | Sitemap`.
    static let maxFooterWords = 16

    /// The reason shown for a removed line, as `search show` prints it.
    var reason: String {
        switch self {
        case .adSize: return "ad size"
        case .emptyTags: return "empty tag line"
        case .copyright: return "copyright footer"
        case .poweredBy: return "credit line"
        case .siteChrome: return "site chrome"
        }
    }

    /// What kind of furniture the trimmed line `r` is, or nil when it is text.
    static func classify(_ b: ByteText.Bytes, _ r: Range<Int>) -> Furniture? {
        guard !r.isEmpty, r.count <= maxLineBytes else { return nil }
        // Each rule is tried only when the first byte (or one scan for its key phrase) allows it: this
        // runs on most lines of every file.
        let f = ByteText.lower(b[r.lowerBound])
        if ByteText.isDigit(f) || f == 0x61, isAdSize(b, r) { return .adSize }
        if f == 0x74 || f == 0x63 || f == 0x66, isEmptyTags(b, r) { return .emptyTags }
        var reserved: Int?
        var powered: Int?
        var i = r.lowerBound
        while i < r.upperBound {
            let c = b[i] | 0x20
            if c == 0x72, reserved == nil, ByteText.hasPrefix(b, i..<r.upperBound, lowercased: "rights reserved") { reserved = i }
            if c == 0x70, powered == nil, ByteText.hasPrefix(b, i..<r.upperBound, lowercased: "powered by") { powered = i }
            i += 1
        }
        if f == 0x63 || f == 0x28 || f == 0xC2 || reserved != nil, let c = copyright(b, r, reserved: reserved) { return c }
        if let p = powered, isCredit(b, r, phrase: p) { return .poweredBy }
        if r.count <= 40, isSiteChrome(b, r) { return .siteChrome }
        return nil
    }

    /// `D{2,4} x D{2,4}` with an optional `ad`/`advertisement` word and `px`, nothing else.
    static func isAdSize(_ b: ByteText.Bytes, _ r: Range<Int>) -> Bool {
        var i = r.lowerBound
        let e = r.upperBound
        func skipSpaces() { while i < e { let w = ByteText.spaceWidth(b, i, e); if w == 0 { break }; i += w } }
        func digits() -> Int { let s = i; while i < e && ByteText.isDigit(b[i]) { i += 1 }; return i - s }
        if ByteText.hasPrefix(b, i..<e, lowercased: "advertisement") { i += 13 } else if ByteText.hasPrefix(b, i..<e, lowercased: "ad ") { i += 3 }
        skipSpaces()
        guard (2...4).contains(digits()) else { return false }
        skipSpaces()
        if i < e && (b[i] == 0x78 || b[i] == 0x58) { i += 1 } else if i + 1 < e && b[i] == 0xC3 && b[i + 1] == 0x97 { i += 2 } else { return false }
        skipSpaces()
        guard (2...4).contains(digits()) else { return false }
        skipSpaces()
        if ByteText.hasPrefix(b, i..<e, lowercased: "px") { i += 2 }
        skipSpaces()
        return i == e
    }

    /// `Tags:`, `Tagged:`, `Categories:`, `Filed under:` followed only by separators.
    static func isEmptyTags(_ b: ByteText.Bytes, _ r: Range<Int>) -> Bool {
        var i = r.lowerBound
        for label: StaticString in ["tags", "tagged with", "tagged", "categories", "category", "filed under"]
        where ByteText.hasPrefix(b, r, lowercased: label) {
            i += label.utf8CodeUnitCount
            break
        }
        guard i > r.lowerBound else { return false }
        while i < r.upperBound {
            let c = b[i]
            if c == 0x3A || c == 0x2C || c == 0x3B || c == 0x7C || c == 0x2F { i += 1; continue }
            let w = ByteText.spaceWidth(b, i, r.upperBound)
            if w == 0 { return false }
            i += w
        }
        return true
    }

    /// A footer line: it starts with `Copyright`, `©` or `(c)` followed by a year, a symbol or a name (not by prose:
    /// "Copyright law was changed" is text), or it ends with `All rights reserved` after a few name-like words or a
    /// year; either way it is short and has few words.
    static func copyright(_ b: ByteText.Bytes, _ r: Range<Int>, reserved: Int?) -> Furniture? {
        guard ByteText.wordCount(b, r, limit: maxFooterWords + 1) <= maxFooterWords else { return nil }
        var after = r.lowerBound
        if ByteText.hasPrefix(b, r, lowercased: "copyright") { after += 9 } else if ByteText.hasPrefix(b, r, lowercased: "(c)") { after += 3 }
        else if r.count >= 2 && b[r.lowerBound] == 0xC2 && b[r.lowerBound + 1] == 0xA9 { after += 2 }
        var footer = false
        if after > r.lowerBound {
            // What follows the mark is names, years and symbols ("© 2012–2019 Example News", "Copyright 1987 Reuters
            // Ltd."), or anything when the line reserves rights; prose ("Copyright law was changed") is text.
            footer = reserved != nil || nameLike(b, after..<r.upperBound)
        }
        if !footer, let at = reserved {
            // "Example Ltd. All rights reserved.": the phrase ends the line, and what precedes it is a few names or years.
            var end = at + 15
            while end < r.upperBound && (b[end] == 0x2E || b[end] == 0x20) { end += 1 }
            let before = ByteText.trim(b, r.lowerBound..<at)
            var lead = before
            if lead.count >= 3, ByteText.hasPrefix(b, (lead.upperBound - 3)..<lead.upperBound, lowercased: "all") {
                lead = ByteText.trim(b, lead.lowerBound..<(lead.upperBound - 3))
            }
            if end == r.upperBound, ByteText.wordCount(b, lead, limit: 9) <= 8, nameLike(b, lead) { footer = true }
        }
        guard footer else { return nil }
        var year: Int?
        var i = r.lowerBound
        while i < r.upperBound {
            guard ByteText.isDigit(b[i]) else { i += 1; continue }
            var v = 0
            let s = i
            while i < r.upperBound && ByteText.isDigit(b[i]) { v = min(v * 10 + Int(b[i] - 0x30), 100_000); i += 1 }
            if i - s == 4 && (1900...2199).contains(v) { year = v }
        }
        return .copyright(year: year)
    }

    /// Every word starts with a capital, a digit or a symbol, apart from a few joining words (`Example Ltd.`,
    /// `© 2020 by The Example Press |`): names, not prose.
    static func nameLike(_ b: ByteText.Bytes, _ r: Range<Int>) -> Bool {
        var i = r.lowerBound
        while i < r.upperBound {
            let w = ByteText.spaceWidth(b, i, r.upperBound)
            if w > 0 { i += w; continue }
            let s = i
            while i < r.upperBound && ByteText.spaceWidth(b, i, r.upperBound) == 0 { i += 1 }
            if ByteText.isLower(b[s]) && !joiningWords.contains(DateExtractor.pack(b, s..<min(i, s + 9))) { return false }
        }
        return true
    }

    static let joiningWords: Set<UInt64> = Set(["by", "of", "and", "the", "for", "de", "inc", "ltd"].map(DateExtractor.pack))

    /// A credit: `… powered by Name`, short, with one to three capitalised words after the phrase and no sentence end.
    static func isCredit(_ b: ByteText.Bytes, _ r: Range<Int>, phrase: Int) -> Bool {
        guard r.count <= 100, ByteText.wordCount(b, r, limit: 13) <= 12, !ByteText.endsSentence(b, r) else { return false }
        let rest = ByteText.trim(b, (phrase + 10)..<r.upperBound)
        guard !rest.isEmpty, ByteText.wordCount(b, rest, limit: 4) <= 3 else { return false }
        return nameLike(b, rest)
    }

    /// Phrases that navigation, sharing and mobile themes print between or after articles.
    static func isSiteChrome(_ b: ByteText.Bytes, _ r: Range<Int>) -> Bool {
        guard r.count <= 40 else { return false }
        // Letters only, lower-cased, words joined by one space, so "Share this :" matches "share this".
        var key: [UInt8] = []
        key.reserveCapacity(r.count)
        for i in r {
            let c = b[i]
            if ByteText.isLetter(c) { key.append(ByteText.lower(c)) } else if c == 0x20, key.last != 0x20, !key.isEmpty { key.append(0x20) }
        }
        if key.last == 0x20 { key.removeLast() }
        return chromePhrases.contains(key)
    }

    static let chromePhrases: Set<[UInt8]> = Set([
        "exit mobile version", "skip to content", "skip to main content", "toggle navigation", "advertisement",
        "advertisements", "share this", "like this", "loading", "back to top", "scroll to top", "leave a reply",
        "leave a comment", "print this page", "print friendly", "click to print", "click to share on facebook",
        "click to share on twitter", "share on facebook", "share on twitter", "go to mobile version",
        "view desktop version", "mobile version",
    ].map { Array($0.utf8) })

    /// Whether `r` holds a run of three spaces or a tab, as the columns of a table do ("Reserve    nil    nil").
    static func hasColumnGap(_ b: ByteText.Bytes, _ r: Range<Int>) -> Bool {
        var run = 0
        for i in r {
            if b[i] == 0x09 { return true }
            if b[i] == 0x20 { run += 1; if run >= 3 { return true } } else { run = 0 }
        }
        return false
    }

    /// A breadcrumb trail: a line that is a few section words followed by the next line (the headline),
    /// or that starts with `Home` and separates sections with `»`, `›`, `>`, `/` or `|`.
    /// `Home News General Over 180 Killed…` above `Over 180 Killed…` is one.
    static func isBreadcrumb(_ b: ByteText.Bytes, _ line: Range<Int>, next: Range<Int>?) -> Bool {
        guard line.count <= maxLineBytes else { return false }
        if let n = next, !n.isEmpty, n.count < line.count {
            let prefix = line.lowerBound..<(line.upperBound - n.count)
            if ByteText.equal(b, prefix.upperBound..<line.upperBound, n) {
                let p = ByteText.trim(b, prefix)
                // Section words before a headline that starts a word: "Wheat 2.55 2.40 IV 4.65" over "V 4.65" is a
                // table, not a breadcrumb.
                guard !p.isEmpty, p.upperBound < prefix.upperBound, !p.contains(where: { ByteText.isDigit(b[$0]) }),
                      !hasColumnGap(b, line) else { return false }
                return ByteText.wordCount(b, p, limit: 8) <= 8 && ByteText.isUpper(b[p.lowerBound])
                    && !ByteText.endsSentence(b, p)
            }
        }
        guard ByteText.hasPrefix(b, line, lowercased: "home") else { return false }
        var i = line.lowerBound + 4
        while i < line.upperBound {
            let c = b[i]
            if c == 0x3E || c == 0x2F || c == 0x7C { return true }
            if c == 0xC2, i + 1 < line.upperBound, b[i + 1] == 0xBB { return true }
            if c == 0xE2, i + 2 < line.upperBound, b[i + 1] == 0x80, b[i + 2] == 0xBA { return true }
            if c != 0x20 { return false }
            i += 1
        }
        return false
    }
}
