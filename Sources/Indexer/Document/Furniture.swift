/// Page furniture: lines a web page wraps around an article that are not article text.
///
/// Each rule is a pattern over one trimmed line, and only lines of at most `maxLineBytes` are looked at,
/// so a paragraph can never be mistaken for furniture and a huge line costs nothing.
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

    static let maxLineBytes = 300

    /// What kind of furniture the trimmed line `r` is, or nil when it is text.
    static func classify(_ b: ByteText.Bytes, _ r: Range<Int>) -> Furniture? {
        guard !r.isEmpty, r.count <= maxLineBytes else { return nil }
        // Each rule is tried only when the first byte (or one scan for its key phrase) allows it: this
        // runs on most lines of every file.
        let f = ByteText.lower(b[r.lowerBound])
        if ByteText.isDigit(f) || f == 0x61, isAdSize(b, r) { return .adSize }
        if f == 0x74 || f == 0x63 || f == 0x66, isEmptyTags(b, r) { return .emptyTags }
        var reserved = false
        var powered = false
        if r.count <= 200 {
            var i = r.lowerBound
            while i < r.upperBound {
                let c = b[i] | 0x20
                if c == 0x72 && ByteText.hasPrefix(b, i..<r.upperBound, lowercased: "rights reserved") { reserved = true }
                if c == 0x70 && ByteText.hasPrefix(b, i..<r.upperBound, lowercased: "powered by") { powered = true }
                i += 1
            }
        }
        if f == 0x63 || f == 0x28 || f == 0xC2 || reserved, let c = copyright(b, r, reserved: reserved) { return c }
        if powered { return .poweredBy }
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

    /// A line starting with `Copyright`, `©` or `(c)`, or (`reserved`) containing `All rights reserved`.
    static func copyright(_ b: ByteText.Bytes, _ r: Range<Int>, reserved: Bool) -> Furniture? {
        let starts = ByteText.hasPrefix(b, r, lowercased: "copyright") || ByteText.hasPrefix(b, r, lowercased: "(c)")
            || (r.count >= 2 && b[r.lowerBound] == 0xC2 && b[r.lowerBound + 1] == 0xA9)
        guard starts || reserved else { return nil }
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

    /// A breadcrumb trail: a line that is a few section words followed by the next line (the headline),
    /// or that starts with `Home` and separates sections with `»`, `›`, `>`, `/` or `|`.
    /// `Home News General Over 180 Killed…` above `Over 180 Killed…` is one.
    static func isBreadcrumb(_ b: ByteText.Bytes, _ line: Range<Int>, next: Range<Int>?) -> Bool {
        guard line.count <= maxLineBytes else { return false }
        if let n = next, !n.isEmpty, n.count < line.count {
            let prefix = line.lowerBound..<(line.upperBound - n.count)
            if ByteText.equal(b, prefix.upperBound..<line.upperBound, n) {
                let p = ByteText.trim(b, prefix)
                return !p.isEmpty && ByteText.wordCount(b, p, limit: 8) <= 8 && ByteText.isUpper(b[p.lowerBound])
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
