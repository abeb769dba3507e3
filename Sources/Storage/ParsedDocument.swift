/// A calendar date with the precision it was known to: `2019`, `2019-11` or `2019-11-10`.
public struct PartialDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// How much of the date is known.
    public enum Precision: String, Sendable, Codable { case year, month, day }
    /// The year, e.g. 2019.
    public var year: Int
    /// 1–12, or nil at year precision.
    public var month: Int?
    /// 1–31, or nil at year or month precision.
    public var day: Int?

    /// Creates a date; pass nil for the parts that are not known.
    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = month == nil ? nil : day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` and checks the calendar; nil when it is not such a date.
    /// `"2019-02-30"` → nil.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let y = Int(parts[0]), y > 0 else { return nil }
        var m: Int?
        var d: Int?
        if parts.count >= 2 {
            guard parts[1].count == 2, let v = Int(parts[1]), (1...12).contains(v) else { return nil }
            m = v
        }
        if parts.count == 3 {
            guard parts[2].count == 2, let v = Int(parts[2]), v >= 1, v <= PartialDate.daysIn(month: m!, year: y) else { return nil }
            d = v
        }
        self.init(year: y, month: m, day: d)
    }

    /// The precision implied by which parts are known.
    public var precision: Precision { day != nil ? .day : (month != nil ? .month : .year) }

    /// ISO 8601 at the date's own precision: `2019`, `2019-11`, `2019-11-10`.
    public var iso: String {
        var s = String(year)
        while s.count < 4 { s = "0" + s }
        if let m = month { s += "-" + (m < 10 ? "0" : "") + String(m) }
        if let d = day { s += "-" + (d < 10 ? "0" : "") + String(d) }
        return s
    }

    /// The first day the date covers, as `YYYY-MM-DD`: `2019-11` → `2019-11-01`.
    public var firstDay: String { PartialDate(year: year, month: month ?? 1, day: day ?? 1).iso }

    /// The last day the date covers, as `YYYY-MM-DD`: `2019-02` → `2019-02-28`.
    public var lastDay: String {
        let m = month ?? 12
        return PartialDate(year: year, month: m, day: day ?? PartialDate.daysIn(month: m, year: year)).iso
    }

    /// The ISO form, as `iso`.
    public var description: String { iso }

    /// Earlier first day first, then earlier last day: `2019-01-01` < `2019-01` < `2019` < `2019-02`.
    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        // Same order as comparing `firstDay` then `lastDay` strings, without building them.
        let af = (a.year, a.month ?? 1, a.day ?? 1), bf = (b.year, b.month ?? 1, b.day ?? 1)
        if af != bf { return af < bf }
        let am = a.month ?? 12, bm = b.month ?? 12
        let al = (am, a.day ?? daysIn(month: am, year: a.year)), bl = (bm, b.day ?? daysIn(month: bm, year: b.year))
        return al < bl
    }

    /// The ISO date a text starts with (after any spaces): its leading run of digits and dashes, when that run is
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` and the text ends there or goes on with one of `timeMarks` (where a time
    /// starts). `2019-12-29T10:15:00+03:00` → 2019-12-29, `2019-12` → 2019-12, `2019-12-291` → nil. The one reader
    /// of a leading date: metadata timestamps take the default marks, `DateExtractor.parseDate` only `T` and space.
    package static func leadingISO(_ text: String, timeMarks: [UInt8] = [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")]) -> PartialDate? {
        let bytes = text.utf8.drop { $0 == UInt8(ascii: " ") }
        let run = bytes.prefix { ($0 &- UInt8(ascii: "0")) < 10 || $0 == UInt8(ascii: "-") }
        if let next = bytes.dropFirst(run.count).first, !timeMarks.contains(next) { return nil }
        return PartialDate(iso: String(Substring(run)))
    }

    /// Days in a month of the Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Where a document's date was found; front matter is trusted most, a copyright year least.
public enum DateSource: String, Sendable, Codable {
    // frontMatter: a `date:` line; dateline: `Iran, November 10, 2019—`; text: a date line near the top
    // (`Published: November 10, 2019`); latestMention: the latest date the text pins down; copyright: a
    // footer's year.
    case frontMatter = "front-matter"
    /// The `Date:` header of a mail or news post.
    case header
    case dateline
    case text
    case latestMention = "latest-mention"
    case copyright
}

/// A document's date with its provenance.
public struct DocumentDate: Sendable, Equatable, Codable {
    /// The date, at the precision it was found.
    public var date: PartialDate
    /// Where it was found.
    public var source: DateSource
    /// Creates a dated provenance.
    public init(date: PartialDate, source: DateSource) {
        self.date = date
        self.source = source
    }
}

/// One passage of a document: a paragraph (or part of a long one) as written, and the dates it mentions.
public struct ParsedPassage: Sendable, Equatable {
    /// The passage text, exactly as written except that hard-wrapped lines are joined with a space.
    public var text: String
    /// Dates the passage mentions, resolved against the document's context. "On 6 December" → 2019-12-06.
    public var mentionedDates: [PartialDate]
    /// Creates a passage.
    public init(text: String, mentionedDates: [PartialDate] = []) {
        self.text = text
        self.mentionedDates = mentionedDates
    }
}

/// What the document stage makes of one file: metadata and passages, with page furniture removed.
public struct ParsedDocument: Sendable, Equatable {
    /// The headline (front matter first), else the file name without extension.
    public var title: String?
    /// The document's date and where it came from; nil when the text gives no evidence.
    public var date: DocumentDate?
    /// The `url:` of the front matter.
    public var url: String?
    /// Body passages in reading order; the title is not repeated here.
    public var passages: [ParsedPassage]
    /// Lines left out of the passages, counted by reason (`"copyright footer": 1`, `"wire sign-off": 1`); never article text.
    public var dropped: [String: Int]
    /// The author, from a mail or news `From:` header.
    public var author: String?
    /// Whether the date is missing or rests only on the latest mention, so that the collection's year (known once a
    /// run has read all its files) may settle it: the writer reads such a document again with that year.
    public var needsCollectionYear = false
    /// Creates a parsed document.
    public init(title: String?, date: DocumentDate?, url: String?, passages: [ParsedPassage], dropped: [String: Int] = [:],
                author: String? = nil) {
        self.title = title
        self.date = date
        self.url = url
        self.passages = passages
        self.dropped = dropped
        self.author = author
    }

    /// `dropped` as one line for the index: `copyright footer 1; wire sign-off 1`, reasons in order; nil when nothing was.
    public var droppedSummary: String? {
        dropped.isEmpty ? nil : dropped.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "; ")
    }
}
