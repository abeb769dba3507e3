import Storage

/// Turns the text of one file into a `ParsedDocument`: front matter, furniture removal, title, date, passages.
///
/// The date is taken, in order of trust, from front matter; a dateline opening one of the first paragraphs
/// (`Iran, November 10, 2019—`); a date standing alone near the top (`Published: November 10, 2019`); the
/// latest date the text mentions (a report is no older than the latest event it reports), counting only
/// dates the text itself pins down; and last a copyright year, at year precision. Without any of these
/// the document has no date.
///
/// ```
/// DocumentParser.parse("Iraq: Khamenei desperate\n\nIran, November 10, 2019—Various sources …", fileName: "a.txt")
/// // title "Iraq: Khamenei desperate", date 2019-11-10 (dateline), one passage
/// ```
public enum DocumentParser {
    /// Parses a document's UTF-8 text. `fileName` is used only as a fallback title.
    public static func parse(_ text: String, fileName: String) -> ParsedDocument {
        parse(text, fileName: fileName, referenceYear: nil)
    }

    /// Parses a document's text; `referenceYear` (for instance the year most documents of the collection
    /// carry) places dates written without a year when the document has no year of its own, as in
    /// `Monday, October 7` with no other date: 7 October was a Monday in 2013, 2019 and 2024, and the text
    /// alone cannot choose. A year that is not `firm` (too few documents support it: `CollectionYear`) places
    /// such dates but not a year-less dateline, which then leaves the document undated rather than guessed (from
    /// its copyright year, if it has one).
    public static func parse(_ text: String, fileName: String, referenceYear: Int?, firm: Bool = true) -> ParsedDocument {
        var text = text
        return text.withUTF8 { parse(bytes: $0, fileName: fileName, referenceYear: referenceYear, firm: firm) }
    }

    static let datelineReach = 60
    static let leadParagraphs = 4

    static func parse(bytes b: ByteText.Bytes, fileName: String, referenceYear: Int?, firm: Bool = true) -> ParsedDocument {
        parseKeepingDates(bytes: b, fileName: fileName, referenceYear: referenceYear, firm: firm).document
    }

    /// The document, and the evidence of its dates when the collection's year could settle them
    /// (`needsCollectionYear`), so that the writer's last pass can `resolve` them without parsing again.
    static func parseKeepingDates(bytes b: ByteText.Bytes, fileName: String, referenceYear: Int?, firm: Bool = true)
        -> (document: ParsedDocument, dating: DatingEvidence?) {
        var start = 0
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { start = 3 }
        var fm = FrontMatter.read(b, from: start)
        // A post or a saved mail: its headers are its metadata (title, author, date), never its passages.
        let mail = fm == nil ? MailHeaders.read(b, from: start) : nil
        if let m = mail { fm = (FrontMatter(title: m.subject, date: m.date), m.body) }
        if let f = fm { start = f.body }
        let seg = Segmenter.segment(b, from: start, knownTitle: fm?.0.title)

        // Passages, and every date mention in reading order with the passage it belongs to.
        var passages: [ParsedPassage] = []
        // `term`: the date of a security's or a contract's term (`isTermDate`), read where its words are.
        var mentions: [DatingEvidence.Mention] = []
        // Mentions (by index into `mentions`) that open a lead paragraph as a dateline or stand alone.
        var leads: [DatingEvidence.LeadMention] = []
        if let t = seg.title, fm?.0.title == nil {
            var tt = t
            tt.withUTF8 { tb in for m in DateExtractor.mentions(in: tb, 0..<tb.count) { mentions.append(.init(passage: -1, mention: m, term: false)) } }
        }
        var scratch: [UInt8] = []
        for (p, lines) in seg.paragraphs.enumerated() {
            func emit(_ pb: ByteText.Bytes) {
                for piece in PassageSplitter.split(pb) where ByteText.hasWordCharacter(pb, piece) {
                    let index = passages.count
                    // Columns of figures ("Jul    2185    2190") are not dates of events.
                    let found = DateExtractor.mentions(in: pb, piece).filter { !DateExtractor.isTabular(pb, $0.range, in: piece) }
                    if p < leadParagraphs, let m = found.first, m.range.lowerBound - piece.lowerBound <= datelineReach,
                       let kind = classifyLead(pb, m, paragraph: piece) {
                        leads.append(.init(mention: mentions.count, kind: kind))
                    }
                    // Only a fully dated mention can support a dateline's year, so only those are asked whether they are terms.
                    for m in found { mentions.append(.init(passage: index, mention: m, term: m.year != nil && m.day != nil && isTermDate(m, in: pb))) }
                    passages.append(ParsedPassage(text: ByteText.string(pb, piece)))
                }
            }
            if lines.count == 1 {
                emit(ByteText.Bytes(rebasing: b[lines[0]]))
            } else {
                scratch.removeAll(keepingCapacity: true)
                for (k, r) in lines.enumerated() {
                    if k > 0 { scratch.append(0x20) }
                    scratch.append(contentsOf: ByteText.Bytes(rebasing: b[r]))
                }
                scratch.withUnsafeBufferPointer { emit($0) }
            }
        }

        let evidence = DatingEvidence(frontMatterDate: fm?.0.date, isMail: mail != nil, mentions: mentions, leads: leads,
                                      copyrightYear: seg.copyrightYear, passageCount: passages.count)
        let dates = resolve(evidence, referenceYear: referenceYear, firm: firm)
        for p in passages.indices { passages[p].mentionedDates = dates.passageDates[p] }
        let title = seg.title ?? fallbackTitle(fileName)
        var document = ParsedDocument(title: title, date: dates.date, url: fm?.0.url, passages: passages, dropped: seg.dropped,
                                      author: mail?.from)
        document.needsCollectionYear = dates.needsCollectionYear
        return (document, dates.needsCollectionYear ? evidence : nil)
    }

    /// What the text says about a document's dates, kept apart from its text so that the dates can be resolved
    /// again in the light of the collection's year without reading and parsing the file a second time.
    struct DatingEvidence: Sendable, Equatable {
        /// The date of its front matter or its `Date:` header.
        var frontMatterDate: PartialDate?
        /// A post or a saved mail: dated by its header only.
        var isMail: Bool
        /// Every date mention in reading order: the passage it is in (-1: the title), and whether it is a term
        /// (`isTermDate`), read where its words are.
        var mentions: [Mention]
        /// Mentions (by index into `mentions`) that open a lead paragraph as a dateline or stand alone.
        var leads: [LeadMention]
        /// A copyright footer's year.
        var copyrightYear: Int?
        /// How many passages the document has.
        var passageCount: Int

        /// One date mention of the text.
        struct Mention: Sendable, Equatable {
            var passage: Int
            var mention: DateMention
            var term: Bool
        }

        /// A mention that opens a lead paragraph.
        struct LeadMention: Sendable, Equatable {
            var mention: Int
            var kind: Lead
        }
    }

    /// A document's dates: its own (nil when none), those each passage mentions, and whether the collection's year
    /// could settle them later.
    struct ResolvedDates: Sendable, Equatable {
        var date: DocumentDate?
        var passageDates: [[PartialDate]]
        var needsCollectionYear: Bool
    }

    /// Resolves the dates `e` gives, in `referenceYear` (the collection's) when known: see `parse`.
    static func resolve(_ e: DatingEvidence, referenceYear: Int?, firm: Bool = true) -> ResolvedDates {
        // A year-less dateline ("ZURICH, April 13 -") is the story's own date: its year is the collection's when that is
        // known, else the one the story's other evidence supports (a dated mention on or up to 10 days before the
        // dateline's day, a copyright footer); never the year of whatever dated mention comes first ("maturity is
        // February 4, 1992"). The collection's year wins over a supporting mention because on the wire the mentions
        // nearest a dateline's day are as often maturities and fiscal years ahead ("notes mature on March 26, 1992"
        // under "NEW YORK, March 27") as events just past. A year found without the collection's is settled by it
        // later (`needsCollectionYear`); with no year at all the date waits for it.
        var datelinePending = false
        var datelineGuessed = false
        var datelineAnchor: PartialDate?
        if e.frontMatterDate == nil, let l = e.leads.first(where: { $0.kind == .dateline }), e.mentions[l.mention].mention.year == nil {
            let m = e.mentions[l.mention].mention
            datelineGuessed = referenceYear == nil
            // A year that is not firm means the collection could not settle one: then a single story's supporting
            // mention is no better evidence than it was for the vote (most are maturities and a year-old event).
            let supported = referenceYear == nil ? supportedYear(m, e.mentions.filter { !$0.term }.map(\.mention)) : nil
            if let y = (firm ? referenceYear : nil) ?? supported ?? e.copyrightYear {
                datelineAnchor = PartialDate(year: y, month: m.month, day: m.day.map { min($0, PartialDate.daysIn(month: m.month, year: y)) })
            } else {
                datelinePending = true
            }
        }

        // Resolve years in reading order, starting from the best anchor known before reading.
        var anchor: PartialDate? = e.frontMatterDate ?? datelineAnchor
        var strong = anchor != nil
        if anchor == nil, let m = e.mentions.first(where: { $0.mention.year != nil }) {
            anchor = PartialDate(year: m.mention.year!, month: m.mention.month, day: m.mention.day)
            strong = true
        }
        if anchor == nil, let y = e.copyrightYear ?? referenceYear { anchor = PartialDate(year: y) }
        var passageDates = [[PartialDate]](repeating: [], count: e.passageCount)
        var resolver = DateExtractor.Resolver(anchor: anchor, strong: strong)
        var latest: PartialDate?
        var resolved = [PartialDate?](repeating: nil, count: e.mentions.count)
        let datelineMention = datelineAnchor == nil ? nil : e.leads.first(where: { $0.kind == .dateline })?.mention
        // A report is no older than the latest event it reports, but a maturity or a forecast lies ahead of it: in a
        // collection of known year, dates beyond the next year do not date a story.
        let latestBound = referenceYear.map { $0 + 1 } ?? Int.max
        for (k, m) in e.mentions.enumerated() {
            // The dateline's year was settled above: a dated mention before it (in the headline) does not move it.
            if k == datelineMention, let a = datelineAnchor {
                resolver.anchor = a
                resolver.anchorIsStrong = true
            }
            guard let r = resolver.resolve(m.mention) else { continue }
            resolved[k] = r.date
            if m.passage >= 0 { passageDates[m.passage].append(r.date) }
            if r.strong, r.date.year <= latestBound, latest.map({ $0 < r.date }) ?? true { latest = r.date }
        }

        var date: DocumentDate?
        if let d = e.frontMatterDate {
            date = DocumentDate(date: d, source: e.isMail ? .header : .frontMatter)
        } else if !e.isMail {
            // A post is dated by its Date: header only: a dateline or date line in its body belongs to the story or the
            // message it quotes ("JERUSALEM, December 22 -" of 1924 in a post of 1993).
            for kind in [Lead.dateline, .standalone] where date == nil {
                if let l = e.leads.first(where: { $0.kind == kind && resolved[$0.mention] != nil }) {
                    date = DocumentDate(date: resolved[l.mention]!, source: kind == .dateline ? .dateline : .text)
                }
            }
        }
        if datelinePending { date = nil }
        // A post without a Date: header is not dated by what it mentions: posts argue about 1948 as often as about today.
        if date == nil, !datelinePending, !e.isMail, let d = latest { date = DocumentDate(date: d, source: .latestMention) }
        if date == nil, !datelinePending, !e.isMail, let y = e.copyrightYear { date = DocumentDate(date: PartialDate(year: y), source: .copyright) }
        // Dates far beyond the story's own are not events it reports: price tables, serial numbers, typos.
        if let d = date?.date {
            for p in passageDates.indices { passageDates[p].removeAll { $0.year > d.year + futureBound } }
        }

        // Without a reference year, a missing date and one resting on the latest mention can both be settled by it.
        let needs = referenceYear == nil && !e.isMail && (date == nil || date?.source == .latestMention || datelineGuessed)
        return ResolvedDates(date: date, passageDates: passageDates, needsCollectionYear: needs)
    }


    /// How many years after a document's date a mentioned date may lie and still be kept as a mention.
    static let futureBound = 10

    /// The year in which the year-less dateline `m` falls on or up to 10 days after a fully dated mention of
    /// the story: "WASHINGTON, March 3 - … on February 27, 1987" supports 1987. Nil when no mention supports one.
    static func supportedYear(_ m: DateMention, _ all: [DateMention]) -> Int? {
        guard let day = m.day else { return nil }
        for o in all {
            guard let y = o.year, let od = o.day else { continue }
            let seen = DateExtractor.dayNumber(y, o.month, od)
            for candidate in [y, y + 1] where day <= PartialDate.daysIn(month: m.month, year: candidate) {
                let gap = DateExtractor.dayNumber(candidate, m.month, day) - seen
                if (0...10).contains(gap) { return candidate }
            }
        }
        return nil
    }

    /// Words that make a date a term of a security or a contract rather than an event: "notes due May 31, 1992",
    /// "not redeemable before June 1, 1992", "exercisable until June 16, 1992", "the maturity will be June 19, 1992".
    /// On the wire these fall on the day of issue five or ten years ahead, so they would support the wrong year:
    /// in 2,000 Reuters stories of June 1987 four such dates outvoted the one event of 1987.
    /// Each is a word's beginning, but "due" a whole word ("dues", "duel" are not terms).
    static let termWords: [(letters: [UInt8], wholeWord: Bool)] = [(Array("due".utf8), true)] + ["matur", "redeem", "redemption",
        "until", "expir", "exercisable", "payable", "repay"].map { (Array($0.utf8), false) }

    /// Whether one of `termWords` begins a word among the eight before `o` in its sentence (`b`: the text `o` was
    /// found in).
    static func isTermDate(_ o: DateMention, in b: ByteText.Bytes) -> Bool {
        var i = o.range.lowerBound
        var words = 0
        while i > 0, words < 8 {
            // Back over the gap before a word, stopping at a sentence's end.
            while i > 0, !ByteText.isLetter(b[i - 1]) {
                if b[i - 1] == UInt8(ascii: ".") || b[i - 1] == UInt8(ascii: ";") { return false }
                i -= 1
            }
            let end = i
            while i > 0, ByteText.isLetter(b[i - 1]) { i -= 1 }
            guard i < end else { break }
            words += 1
            let word = (i..<end).map { ByteText.lower(b[$0]) }
            if termWords.contains(where: { word.starts(with: $0.letters) && (!$0.wholeWord || word.count == $0.letters.count) }) {
                return true
            }
        }
        return false
    }

    enum Lead { case dateline, standalone }

    /// Whether a mention near the start of a lead paragraph is a dateline (`Place, date—`) or a date
    /// standing alone (`Posted on November 10, 2019`).
    static func classifyLead(_ b: ByteText.Bytes, _ m: DateMention, paragraph: Range<Int>) -> Lead? {
        let prefix = paragraph.lowerBound..<m.range.lowerBound
        // "Posted on November 10, 2019 by Admin": a labelled short line is a date line whatever follows.
        if paragraph.count <= 120, ["published", "posted", "updated", "date"].contains(where: { label in
            ByteText.hasPrefix(b, paragraph, lowercased: label)
        }) {
            return .standalone
        }
        var after = m.range.upperBound
        while after < paragraph.upperBound { let w = ByteText.spaceWidth(b, after, paragraph.upperBound); if w == 0 { break }; after += w }
        if after >= paragraph.upperBound || (after + 1 == paragraph.upperBound && b[after] == 0x2E) {
            let p = ByteText.trim(b, prefix)
            if p.isEmpty || ByteText.hasPrefix(b, p, lowercased: "published") || ByteText.hasPrefix(b, p, lowercased: "posted")
                || ByteText.hasPrefix(b, p, lowercased: "updated") || ByteText.hasPrefix(b, p, lowercased: "date") {
                return .standalone
            }
            return nil
        }
        // A dateline: a place of a few words ending in a comma (or nothing), then a dash, colon or "(Agency)".
        let p = ByteText.trim(b, prefix)
        if !p.isEmpty {
            // The place ends with a comma, or is a few capitalised words without one ("LAKE SUCCESS, N.Y. March 3 -").
            guard ByteText.wordCount(b, p, limit: 5) <= 5,
                  b[p.upperBound - 1] == 0x2C || Furniture.nameLike(b, p) && ByteText.isUpper(b[p.lowerBound]) else { return nil }
            for i in p where ByteText.isDigit(b[i]) { return nil }
        }
        // "CHICAGO, March 4, - …", "MANILA, April 1, Reuter - …": a comma, and the agency's name, may stand between
        // the date and the dash.
        if b[after] == 0x2C, after + 1 < paragraph.upperBound {
            func skipSpaces() {
                while after < paragraph.upperBound { let w = ByteText.spaceWidth(b, after, paragraph.upperBound); if w == 0 { break }; after += w }
            }
            after += 1
            skipSpaces()
            var w = after
            while w < paragraph.upperBound && ByteText.isLetter(b[w]) { w += 1 }
            if w - after <= 8, w > after, Segmenter.isSignOff(b, after..<w) || ByteText.hasPrefix(b, after..<w, lowercased: "ap") && w - after == 2 {
                after = w
                skipSpaces()
            }
            guard after < paragraph.upperBound else { return nil }
        }
        let c = b[after]
        if c == 0x2D || c == 0x3A || c == 0x28 { return .dateline }
        if c == 0xE2, after + 2 < paragraph.upperBound, b[after + 1] == 0x80, b[after + 2] == 0x94 || b[after + 2] == 0x93 { return .dateline }
        return nil
    }

    /// `000_601c.txt` → `000_601c`.
    static func fallbackTitle(_ fileName: String) -> String? {
        let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        guard let dot = base.lastIndex(of: "."), dot > base.startIndex else { return base.isEmpty ? nil : base }
        return String(base[..<dot])
    }
}
