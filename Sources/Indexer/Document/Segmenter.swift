/// Turns the body of a file into a headline and paragraphs: drops page furniture, finds the title among
/// breadcrumbs, captions and ads at the top, and rebuilds paragraphs of hard-wrapped files.
///
/// Decisions the corpus forced, in order:
/// - Furniture lines (see `Furniture`) are removed wherever they are.
/// - At the top (first 12 text lines): a breadcrumb line ending with the headline that follows it is
///   removed; a short first line that repeats a few lines later is an image caption and is removed with
///   its repeats; the first remaining line that reads like a headline is the title and is not repeated in
///   the passages (nor are its later exact repeats at the top).
/// - A short caption-like line (≤ 8 words, no sentence punctuation) standing alone directly under the title
///   is the image caption and is removed; so is the second of two identical consecutive short lines.
/// - Hard-wrapped text (many lines of similar length, often continued on a lower-case line) is rejoined
///   with single spaces; otherwise every non-blank line is a paragraph, as written.
struct Segmenter {
    struct Output {
        var title: String?
        /// Each paragraph as the line ranges that make it up; several lines are joined with one space.
        var paragraphs: [[Range<Int>]]
        /// The year of a copyright footer, weak evidence for the date.
        var copyrightYear: Int?
        /// Furniture removed, in order (the first `maxRemovedKept`), for the tests and for diagnostics.
        var removed: [Furniture]
        /// Every line removed, counted by reason (`"copyright footer": 1`, `"image caption": 1`): `search show` lists it.
        var dropped: [String: Int] = [:]
        var hardWrapped: Bool
    }

    enum State { case text, blank, removed }

    struct Line {
        var r: Range<Int>
        var state: State
    }

    static let topLines = 12
    /// How many removed furniture lines `Output.removed` lists.
    static let maxRemovedKept = 1000
    static let headlineMaxBytes = 250

    /// Segments the text from byte `start`. `knownTitle` (from front matter) replaces the headline search,
    /// and the first line is dropped only when it repeats it.
    static func segment(_ b: ByteText.Bytes, from start: Int, knownTitle: String?) -> Output {
        var lines: [Line] = []
        var reader = LineReader(b, from: start)
        var removed: [Furniture] = []
        var dropped: [String: Int] = [:]
        // The furniture lines that may be taken back, by index in `lines`.
        var furniture: [Int: Furniture] = [:]
        var copyrightYear: Int?
        while let l = reader.next() {
            let t = ByteText.trim(b, l.text)
            // Runs of blank or removed lines are kept as one entry: memory follows the text, not the newlines.
            if t.isEmpty || !ByteText.hasWordCharacter(b, t) && t.count < 4 {
                if lines.last?.state != .blank { lines.append(Line(r: t, state: .blank)) }
            } else if let f = Furniture.classify(b, t) {
                if case .copyright(let y?) = f { copyrightYear = max(copyrightYear ?? y, y) }
                if removed.count < maxRemovedKept { removed.append(f) }
                dropped[f.reason, default: 0] += 1
                // Each furniture line next to text is its own entry, so that a hard-wrapped file can take it back.
                if furniture.count < maxRemovedKept {
                    furniture[lines.count] = f
                    lines.append(Line(r: t, state: .removed))
                } else if lines.last?.state != .removed {
                    lines.append(Line(r: t, state: .removed))
                }
            } else {
                lines.append(Line(r: t, state: .text))
            }
        }
        // A wire story signs off with the agency's name on a line of its own ("Reuter"): metadata, not a sentence of
        // the story. Only the last line, and only the bare name, so "told Reuters" in the text stays.
        if let last = lines.lastIndex(where: { $0.state == .text }), isSignOff(b, lines[last].r),
           lines[..<last].contains(where: { $0.state == .text }) {
            lines[last].state = .removed
            dropped["wire sign-off", default: 0] += 1
        }
        var out = Output(title: nil, paragraphs: [], copyrightYear: copyrightYear, removed: removed, hardWrapped: false)

        func nextText(after i: Int) -> Int? {
            var j = i + 1
            while j < lines.count { if lines[j].state == .text { return j }; j += 1 }
            return nil
        }
        func top() -> [Int] {
            var r: [Int] = []
            var j = 0
            while j < lines.count && r.count < topLines { if lines[j].state == .text { r.append(j) }; j += 1 }
            return r
        }
        func remove(_ i: Int, _ reason: String? = nil) {
            if let reason, lines[i].state == .text { out.dropped[reason, default: 0] += 1 }
            lines[i].state = .removed
        }
        func removeRepeats(of i: Int, _ reason: String) {
            for j in top() where j != i && ByteText.equal(b, lines[j].r, lines[i].r) { remove(j, reason) }
        }
        out.dropped = dropped

        // Breadcrumbs: "Home News General <headline>" above "<headline>".
        for i in top() where lines[i].state == .text {
            let n = nextText(after: i)
            if Furniture.isBreadcrumb(b, lines[i].r, next: n.map { lines[$0].r }) { remove(i, "breadcrumb") }
        }
        // A caption above the headline, repeated under it ("Iraqi protester" in 002).
        if let i = top().first, isCaptionLike(b, lines[i].r),
           top().dropFirst().contains(where: { ByteText.equal(b, lines[$0].r, lines[i].r) }) {
            removeRepeats(of: i, "image caption")
            remove(i, "image caption")
        }
        var titleIndex: Int?
        var titleRange: Range<Int>?
        var twoLineTitle: [Range<Int>]?
        if let known = knownTitle {
            out.title = known
            if let i = top().first, lines[i].r.count == known.utf8.count, ByteText.string(b, lines[i].r) == known {
                titleIndex = i
                titleRange = lines[i].r
                removeRepeats(of: i, "repeated title")
                remove(i)
            }
        } else if let i = top().first {
            // Only a line that directly follows can show the first one was wrapped: a body after a blank line may
            // start in lower case ("BANK OF ENGLAND OFFERS HELP", blank, "the bank said …").
            let n = nextText(after: i)
            let adjacent = n.flatMap { n in lines[(i + 1)..<n].allSatisfy { $0.state == .removed } ? n : nil }
            if let n = adjacent, let joined = wrappedHeadline(b, lines, i, n) {
                // A headline wrapped over two lines, then a blank line and the story: one title.
                out.title = joined
                titleIndex = n
                titleRange = lines[i].r
                remove(i)
                remove(n)
                twoLineTitle = [lines[i].r, lines[n].r]
            } else if isHeadline(b, lines[i].r, next: adjacent.map { lines[$0].r }) || n == nil && isBrief(b, lines[i].r)
                        || adjacent == nil && n.map({ startsWithDateline(b, lines[$0].r) }) == true && isBrief(b, lines[i].r) {
                // (A line standing alone above a dateline is the headline, however it ends: "DELTA GROUP <DLTL.L> YEAR
                // TO JAN 3." over "LONDON, March 25 - …".)
                // A Markdown heading marker is not part of the title.
                var t = lines[i].r
                while !t.isEmpty && b[t.lowerBound] == 0x23 { t = t.dropFirst() }
                t = ByteText.trim(b, t)
                out.title = ByteText.string(b, t.isEmpty ? lines[i].r : t)
                titleIndex = i
                titleRange = t.isEmpty ? lines[i].r : t
                removeRepeats(of: i, "repeated title")
                remove(i)
            }
        }
        // Identical consecutive short lines: a caption printed twice.
        var prev: Int?
        for i in lines.indices where lines[i].state != .removed {
            if lines[i].state == .blank { prev = nil; continue }
            // Only caption-like lines: in a table a row may well repeat the one above ("284.5  1,097.3  278.3").
            if let p = prev, lines[i].r.count <= 200, ByteText.equal(b, lines[p].r, lines[i].r), isCaptionLike(b, lines[i].r) {
                remove(i, "repeated line")
                continue
            }
            prev = i
        }
        // A standalone caption directly under the title ("Iraq demonstrations" in 001).
        if let t = titleIndex, let c = nextText(after: t), isCaptionLike(b, lines[c].r), nextText(after: c) != nil {
            let before = lines[(t + 1)..<c].contains { $0.state == .blank } || c == t + 1
            var after = c + 1
            while after < lines.count && lines[after].state == .removed { after += 1 }
            if before && (after == lines.count || lines[after].state == .blank) { remove(c, "image caption") }
        }

        let wrap = WrapStats(b, lines)
        out.hardWrapped = wrap.isHardWrapped
        // In a hard-wrapped file a line is a piece of a paragraph whatever it says ("McDonnell Douglas said the DC-10
        // will be powered by General" / "Electric CF6 engines"; "advertisements."): furniture there must stand apart,
        // with no text line directly above or below it.
        if wrap.isHardWrapped {
            for (i, f) in furniture.sorted(by: { $0.key < $1.key }) where lines[i].state == .removed {
                let above = i > 0 && lines[i - 1].state == .text
                let below = i + 1 < lines.count && lines[i + 1].state == .text
                guard above || below else { continue }
                lines[i].state = .text
                out.dropped[f.reason, default: 0] -= 1
                if out.dropped[f.reason] == 0 { out.dropped[f.reason] = nil }
                if let k = out.removed.firstIndex(of: f) { out.removed.remove(at: k) }
            }
        }
        if wrap.isHardWrapped {
            out.paragraphs = joinWrapped(b, lines, width: wrap.width)
        } else {
            for l in lines where l.state == .text { out.paragraphs.append([l.r]) }
        }
        // A file that is only a headline ("Soleimani killed in Baghdad strike") keeps it as its one passage too:
        // a document without passages would match a search and never be shown.
        if out.paragraphs.isEmpty, let r = titleRange { out.paragraphs = [twoLineTitle ?? [r]] }
        return out
    }

    /// `Reuter`, `REUTER` or `Reuters` alone on a line.
    static func isSignOff(_ b: ByteText.Bytes, _ r: Range<Int>) -> Bool {
        guard r.count <= 8 else { return false }
        for word: StaticString in ["reuter", "reuters"] where r.count == word.utf8CodeUnitCount && ByteText.hasPrefix(b, r, lowercased: word) {
            return ByteText.isUpper(b[r.lowerBound])
        }
        return false
    }

    /// The title when lines `i` and `n` (adjacent, the first two of the file) are one headline wrapped in two: together
    /// they read like a headline, the first does not end a sentence or a clause, and a blank line and more text follow
    /// the second. "TALKS ON OIL PRICES TO RESUME IN" / "GENEVA NEXT WEEK" → "TALKS ON OIL PRICES TO RESUME IN GENEVA NEXT WEEK".
    static func wrappedHeadline(_ b: ByteText.Bytes, _ lines: [Line], _ i: Int, _ n: Int) -> String? {
        let first = lines[i].r, second = lines[n].r
        // Followed by a blank line and the story, or by nothing at all (a brief: the headline is the whole story).
        let rest = lines[(n + 1)...].contains { $0.state == .text }
        let briefEnd = !rest
        func hasLower(_ r: Range<Int>) -> Bool { r.contains { ByteText.isLower(b[$0]) } }
        let capitals = !hasLower(first) && !hasLower(second)
        guard first.count + second.count + 1 <= headlineMaxBytes, capitals || !ByteText.endsSentence(b, first),
              briefEnd || n + 2 < lines.count && lines[n + 1].state == .blank && rest else { return nil }
        // Both halves in capitals (the wire's headlines), or the second continuing the first in lower case; a file of
        // two lines and nothing else is a headline in two, whatever its case ("… BOOSTS PAYOUT to" / "5-1/4 CTS/SHR …").
        let e = ByteText.skipClosers(b, first)
        if !briefEnd, e > first.lowerBound, b[e - 1] == 0x2C || b[e - 1] == 0x3B || b[e - 1] == 0x3A { return nil }
        guard briefEnd && ByteText.isUpper(b[first.lowerBound]) || capitals
                || ByteText.startsLowercase(b, second) && ByteText.charCount(b, first) <= 80 else { return nil }
        var joined = Array(ByteText.Bytes(rebasing: b[first]))
        joined.append(0x20)
        joined.append(contentsOf: ByteText.Bytes(rebasing: b[second]))
        // Capitals are the wire's headline whatever their punctuation ("… 4.25-4.50" / "DLRS FISCAL 1987.").
        let ok = capitals || joined.withUnsafeBufferPointer { isHeadline($0, 0..<$0.count, next: nil) }
        return ok ? String(decoding: joined, as: UTF8.self) : nil
    }

    /// Short, unpunctuated, a few words: an image caption or a subheading. Bylines and labelled lines
    /// (`By …`, `Posted on …`, `Published: …`) are not captions: they can carry the date.
    static func isCaptionLike(_ b: ByteText.Bytes, _ r: Range<Int>) -> Bool {
        guard r.count <= 80, ByteText.wordCount(b, r, limit: 8) <= 8, !ByteText.endsSentence(b, r), ByteText.hasLetter(b, r),
              !ByteText.hasPrefix(b, r, lowercased: "by "), !ByteText.hasPrefix(b, r, lowercased: "posted"),
              !ByteText.hasPrefix(b, r, lowercased: "published"), !ByteText.hasPrefix(b, r, lowercased: "updated") else { return false }
        for i in r where b[i] == 0x3A { return false }
        // A line opening with a number, month or weekday is a date line ("November 10, 2019"), not a caption.
        if ByteText.isDigit(b[r.lowerBound]) { return false }
        var e = r.lowerBound
        while e < r.upperBound && ByteText.isLetter(b[e]) { e += 1 }
        if e - r.lowerBound >= 3 && e - r.lowerBound <= 9 && DateExtractor.wordCode(b, r.lowerBound..<e) != 0 { return false }
        // Nor is a dateline: "STOCKHOLM, March 13 - Sweden's Nordbanken banking group".
        return !startsWithDateline(b, r)
    }

    /// `PLACE, date …` at the start of `r`: "STOCKHOLM, March 13 - …", "Iran, November 10, 2019—…".
    static func startsWithDateline(_ b: ByteText.Bytes, _ r: Range<Int>) -> Bool {
        guard let m = DateExtractor.mentions(in: b, r).first, m.range.lowerBound - r.lowerBound <= 40 else { return false }
        let before = ByteText.trim(b, r.lowerBound..<m.range.lowerBound)
        return !before.isEmpty && b[before.upperBound - 1] == 0x2C
    }

    /// A file of one line that starts with a capital and is no dateline is its own headline, sentence or not: a
    /// one-sentence brief ("Unilever Plc and Nv combined 1986 pre-tax profit 1.14 billion stg vs 953 mln.").
    static func isBrief(_ b: ByteText.Bytes, _ r: Range<Int>) -> Bool {
        r.count <= headlineMaxBytes && ByteText.isUpper(b[r.lowerBound]) && !startsWithDateline(b, r)
    }

    /// Reads like a headline: not long, has letters, does not end like a sentence or a clause, and is
    /// not continued by the next line (a lower-case start means the line was wrapped).
    static func isHeadline(_ b: ByteText.Bytes, _ r: Range<Int>, next: Range<Int>?) -> Bool {
        guard r.count <= headlineMaxBytes, ByteText.hasLetter(b, r) else { return false }
        let e = ByteText.skipClosers(b, r)
        if e > r.lowerBound {
            let c = b[e - 1]
            if c == 0x2C || c == 0x3B { return false }
            // "… threatens U.S." is a headline; "He said so." is a sentence.
            if c == 0x2E && !(e - 2 >= r.lowerBound && ByteText.isUpper(b[e - 2])) { return false }
        }
        if let n = next, ByteText.startsLowercase(b, n) { return false }
        // A wrapped line can stop anywhere, a headline does not stop on "the" or "of"; but a line with none directly
        // under it was not wrapped ("ROTTERDAM GRAINS - APR 7 Sellers rulling at 1200 local time in", blank, table).
        guard next != nil else { return true }
        var w = r.upperBound
        while w > r.lowerBound && ByteText.isLetter(b[w - 1]) { w -= 1 }
        if r.upperBound - w <= 5, w < r.upperBound, w > r.lowerBound, b[w - 1] == 0x20,
           trailingFunctionWords.contains(DateExtractor.pack(b, w..<r.upperBound)) { return false }
        return true
    }

    static let trailingFunctionWords: Set<UInt64> = Set([
        "the", "a", "an", "of", "to", "in", "and", "or", "for", "with", "on", "at", "by", "from", "that", "as", "is",
        "was", "were", "are", "be", "but", "its", "his", "her", "their", "this", "who", "which",
    ].map(DateExtractor.pack))

    /// Line-length statistics that tell a hard-wrapped file from one with a line per paragraph.
    struct WrapStats {
        var isHardWrapped = false
        /// The wrap width: the 95th percentile of line lengths in characters.
        var width = 0

        init(_ b: ByteText.Bytes, _ lines: [Line]) {
            var hist = [Int](repeating: 0, count: 402)
            var n = 0
            var continued = 0
            var lastText: Int?
            var gap = false
            // Wrapping shows as lines continued in lower case; without two of them nothing else is measured.
            var pairs = 0
            var previous: Int?
            for (i, l) in lines.enumerated() {
                switch l.state {
                case .removed: continue
                case .blank: previous = nil; continue
                case .text: break
                }
                if let p = previous, ByteText.startsLowercase(b, l.r), !ByteText.endsSentence(b, lines[p].r) { pairs += 1; if pairs >= 2 { break } }
                previous = i
            }
            guard pairs >= 2 else { return }
            var lengths: [Int] = []
            lengths.reserveCapacity(lines.count)
            for (i, l) in lines.enumerated() {
                switch l.state {
                case .removed: continue
                case .blank: gap = true; continue
                case .text: break
                }
                let len = min(ByteText.charCount(b, l.r.count > 2000 ? l.r.lowerBound..<(l.r.lowerBound + 2000) : l.r), 401)
                hist[len] += 1
                lengths.append(len)
                n += 1
                if let p = lastText, !gap, !ByteText.endsSentence(b, lines[p].r), ByteText.startsLowercase(b, l.r) { continued += 1 }
                lastText = i
                gap = false
            }
            guard n >= 4 else { return }
            var acc = 0
            var w = 0
            let target = (n * 95 + 99) / 100
            while w < hist.count { acc += hist[w]; if acc >= target { break }; w += 1 }
            width = w
            guard (20...160).contains(w) else { return }
            let long = lengths.reduce(0) { $0 + ($1 * 2 >= w ? 1 : 0) }
            let fits = lengths.reduce(0) { $0 + ($1 <= w + w / 5 ? 1 : 0) }
            isHardWrapped = long * 2 >= n && fits * 10 >= n * 9 && continued >= max(2, n * 15 / 100)
        }
    }

    /// Rebuilds paragraphs of a hard-wrapped file. With blank lines between paragraphs the blocks are
    /// the paragraphs; without them, a paragraph ends at a line ending a sentence when the next line starts
    /// like a paragraph, and a short unpunctuated line between paragraphs is a subheading of its own.
    static func joinWrapped(_ b: ByteText.Bytes, _ lines: [Line], width: Int) -> [[Range<Int>]] {
        var text: [(Range<Int>, afterGap: Bool)] = []
        var gap = false
        for l in lines {
            switch l.state {
            case .removed: continue
            case .blank: gap = true
            case .text: text.append((l.r, gap)); gap = false
            }
        }
        let blocks = 1 + text.dropFirst().filter { $0.afterGap }.count
        let blockMode = blocks >= 2 && blocks * 20 >= text.count
        func startsParagraph(_ r: Range<Int>) -> Bool { !ByteText.startsLowercase(b, r) }
        func isHeading(_ k: Int) -> Bool {
            let r = text[k].0
            guard ByteText.charCount(b, r) * 2 < width, ByteText.wordCount(b, r, limit: 10) <= 10,
                  !ByteText.endsSentence(b, r) else { return false }
            let prevEnds = k == 0 || text[k].afterGap || ByteText.endsSentence(b, text[k - 1].0)
            let nextStarts = k + 1 == text.count || startsParagraph(text[k + 1].0)
            return prevEnds && nextStarts
        }
        var out: [[Range<Int>]] = []
        var cur: [Range<Int>] = []
        for k in text.indices {
            if text[k].afterGap && !cur.isEmpty { out.append(cur); cur = [] }
            if !blockMode && isHeading(k) {
                if !cur.isEmpty { out.append(cur); cur = [] }
                out.append([text[k].0])
                continue
            }
            cur.append(text[k].0)
            if !blockMode, k + 1 < text.count, !text[k + 1].afterGap,
               ByteText.endsSentence(b, text[k].0), startsParagraph(text[k + 1].0) {
                out.append(cur)
                cur = []
            }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }
}
