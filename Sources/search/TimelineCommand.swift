import Glibc
import ArgumentParser
import FoundationEssentials
import Searcher
import Storage
import Rendering

/// `search timeline QUERY`: how many matching documents each year, month, week or day has, as a bar chart.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Show when a query was in the news: matching documents per year, month, week or day, as a bar chart.",
        discussion: """
        Documents are counted by their own date (the one results show). Periods without a match are drawn empty, \
        so gaps show. Undated documents are counted apart, and so are documents dated less precisely than the \
        period (a document dated only 2020 in a chart by month). --since and --until choose the documents by date \
        as for a query, and also bound the chart; --mentions-since and --mentions-until keep the documents with a \
        passage that mentions a date in the range.

        The chart is drawn with Unicode blocks to the terminal's width ($COLUMNS, else the terminal's, else 80), \
        the bars in colour on a terminal (as elsewhere: --color, NO_COLOR, TERM=dumb). --format json and csv are \
        for scripts (one row per period: period, first_day, last_day, documents); --format svg writes a chart \
        file.

        Examples:
          search timeline Soleimani
          search timeline 'Abu Mahdi' --by month --since 2019-10 --until 2020-03
          search timeline Iran --by week --format csv > iran-weeks.csv
          search timeline Khamenei --by month --format svg > khamenei.svg
        """)

    /// The length of a period.
    enum Period: String, ExpressibleByArgument, CaseIterable, Encodable { case year, month, week, day }
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv, svg }

    @OptionGroup var database: DatabaseOption

    @Argument(help: ArgumentHelp("The query (quote it in the shell).", valueName: "QUERY"))
    var words: [String]

    @Option(help: "The length of a bar's period: year, month, week (ISO weeks, from Monday) or day.")
    var by: Period = .year

    @OptionGroup var dates: DateFilters<TimelineWording>

    @OptionGroup var pathFilter: PathFilter<TimelineWording>

    @OptionGroup var matching: ExactOption

    @Option(help: "Output format: text (a bar chart), json, csv or svg.")
    var format: Format = .text

    @Option(help: "Colour the bars: auto (on a terminal, unless NO_COLOR is set or TERM is dumb), always or never.")
    var color: ColorChoice = .auto

    @Option(help: ArgumentHelp("Width of the text chart in columns (default: the terminal's).", valueName: "COLUMNS"))
    var width: Int?

    mutating func validate() throws {
        try dates.resolve()
        if let width, width < 20 { throw ValidationError("--width must be at least 20 columns") }
        try pathFilter.resolve()
    }

    func run() throws {
        var request = SearchRequest(query: words.joined(separator: " "))
        dates.apply(to: &request)
        request.exact = matching.exact
        request.limit = Int.max
        request.pathGlob = pathFilter.glob
        let searcher = try IndexSearcher(path: database.resolved.path)
        let (documents, total) = try searcher.listing(request)
        let timeline = try Timeline(query: request.query, by: by, dates: documents.map(\.date), total: total,
                                since: request.since, until: request.until)
        switch format {
        case .text:
            Output.write(timeline.chart(columns: width ?? Output.terminalColumns, color: Output.useColor(color)))
        case .json:
            let encoder = JSONOutput.encoder(pretty: Output.stdoutIsTerminal)
            Output.write(bytes: Array(try encoder.encode(timeline)) + [0x0A])
        case .csv:
            Output.write(timeline.csv())
        case .svg:
            Output.write(timeline.svg())
        }
        if total == 0 { throw ExitCode(1) }
    }
}

/// Matching documents counted per period, with the periods between the first and the last filled in.
struct Timeline: Encodable {
    /// One bar.
    struct Bucket: Encodable, Equatable {
        var period: String
        var firstDay: String
        var lastDay: String
        var documents: Int
        enum CodingKeys: String, CodingKey { case period, firstDay = "first_day", lastDay = "last_day", documents }
    }

    var query: String
    var by: TimelineCommand.Period
    var total: Int
    var periods: [Bucket] = []
    /// Matching documents without a date.
    var undated = 0
    /// Matching documents dated less precisely than a period (a year-only date in a chart by month).
    var imprecise = 0

    enum CodingKeys: String, CodingKey { case query, by, total, periods, undated, imprecise }

    /// The most periods a chart may have: a day chart of three centuries (stray dates, or --since 1700) would be
    /// a hundred thousand lines.
    static let maximumPeriods = 20_000

    /// Counts `dates` (one per matching document) by period; throws when the span has more than `maximumPeriods`.
    init(query: String, by: TimelineCommand.Period, dates: [String?], total: Int, since: PartialDate? = nil, until: PartialDate? = nil) throws {
        self.query = query
        self.by = by
        self.total = total
        var counts: [Int: Int] = [:]
        for date in dates {
            guard let date, let parsed = PartialDate(iso: date) else { undated += 1; continue }
            guard let key = Timeline.key(of: parsed, by: by) else { imprecise += 1; continue }
            counts[key, default: 0] += 1
        }
        // The chart spans the matches, widened to the date filters when they are given.
        var keys = Array(counts.keys)
        if let since, let first = PartialDate(iso: since.firstDay).flatMap({ Timeline.key(of: $0, by: by) }) { keys.append(first) }
        if let until, let last = PartialDate(iso: until.lastDay).flatMap({ Timeline.key(of: $0, by: by) }) { keys.append(last) }
        guard let low = keys.min(), let high = keys.max() else { return }
        let count = (high - low) / (by == .week ? 7 : 1) + 1
        guard count <= Timeline.maximumPeriods else {
            let (first, _, _) = Timeline.describe(low, by: by), (last, _, _) = Timeline.describe(high, by: by)
            throw CommandFailure(description: "a chart by \(by.rawValue) from \(first) to \(last) has \(count) periods, more than \(Timeline.maximumPeriods); narrow it with --since and --until, or choose a longer --by")
        }
        var key = low
        while key <= high {
            let (label, first, last) = Timeline.describe(key, by: by)
            periods.append(Bucket(period: label, firstDay: first, lastDay: last, documents: counts[key] ?? 0))
            key = Timeline.next(key, by: by)
        }
    }

    // MARK: periods as numbers: a year, months since year 0, or days since 1970 (a week by its Monday).

    static func key(of date: PartialDate, by: TimelineCommand.Period) -> Int? {
        switch by {
        case .year: return date.year
        case .month: return date.month.map { date.year * 12 + ($0 - 1) }
        case .day: return date.day.map { days(year: date.year, month: date.month ?? 1, day: $0) }
        case .week:
            guard let day = date.day else { return nil }
            let n = days(year: date.year, month: date.month ?? 1, day: day)
            return n - weekday(n)
        }
    }

    static func next(_ key: Int, by: TimelineCommand.Period) -> Int {
        switch by {
        case .year, .month, .day: return key + 1
        case .week: return key + 7
        }
    }

    /// The label, first day and last day of period `key`.
    static func describe(_ key: Int, by: TimelineCommand.Period) -> (String, String, String) {
        switch by {
        case .year:
            return (String(key), iso(key, 1, 1), iso(key, 12, 31))
        case .month:
            let year = key / 12, month = key % 12 + 1
            let first = PartialDate(year: year, month: month)
            return (first.iso, first.firstDay, first.lastDay)
        case .day:
            let (y, m, d) = civil(key)
            return (iso(y, m, d), iso(y, m, d), iso(y, m, d))
        case .week:
            // ISO 8601: the week belongs to the year of its Thursday.
            let (ty, _, _) = civil(key + 3)
            let week = (key + 3 - days(year: ty, month: 1, day: 1)) / 7 + 1
            let (y1, m1, d1) = civil(key), (y2, m2, d2) = civil(key + 6)
            return ("\(ty)-W" + (week < 10 ? "0" : "") + "\(week)", iso(y1, m1, d1), iso(y2, m2, d2))
        }
    }

    static func iso(_ y: Int, _ m: Int, _ d: Int) -> String { PartialDate(year: y, month: m, day: d).iso }

    /// Monday 0 … Sunday 6 of day `n` since 1970-01-01 (a Thursday).
    static func weekday(_ n: Int) -> Int { ((n % 7) + 7 + 3) % 7 }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of day `n` since 1970-01-01 (civil_from_days).
    static func civil(_ n: Int) -> (Int, Int, Int) {
        let z = n + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    // MARK: rendering

    /// Horizontal bars, one line per period, in eighths of a column, fitted to `columns`.
    func chart(columns: Int, color: Bool) -> String {
        let query = Output.escaped(self.query)
        let dated = periods.reduce(0) { $0 + $1.documents }
        var out = "\(query): \(total) document\(total == 1 ? "" : "s")"
        if let first = periods.first, let last = periods.last {
            out += (dated == total ? "" : " (\(dated) charted)") + ", by \(by.rawValue) from \(first.period) to \(last.period)"
        }
        out += "\n"
        let labelWidth = periods.map(\.period.count).max() ?? 0
        let peak = periods.map(\.documents).max() ?? 0
        let countWidth = String(peak).count
        let barWidth = max(1, columns - labelWidth - countWidth - 3)
        let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        let (open, close) = color ? ("\u{1B}[36m", "\u{1B}[0m") : ("", "")
        for bucket in periods {
            // Any match gets at least an eighth, so a small count is never drawn as none.
            let units = peak == 0 ? 0 : max(bucket.documents > 0 ? 1 : 0, Int((Double(bucket.documents) / Double(peak) * Double(barWidth * 8)).rounded()))
            let bar = String(repeating: "█", count: units / 8) + eighths[units % 8]
            let label = bucket.period + String(repeating: " ", count: labelWidth - bucket.period.count)
            let count = String(repeating: " ", count: countWidth - String(bucket.documents).count) + String(bucket.documents)
            out += "\(label) \(count)" + (bar.isEmpty ? "" : " \(open)\(bar)\(close)") + "\n"
        }
        if periods.count > 120 && by != .year {
            // A few stray dates far from the rest make a long, mostly empty chart: say how to narrow it.
            out += "\(periods.count) periods: --since and --until narrow the chart, --by year shortens it\n"
        }
        if undated > 0 { out += "\(undated) undated document\(undated == 1 ? "" : "s") not charted\n" }
        if imprecise > 0 { out += "\(imprecise) document\(imprecise == 1 ? "" : "s") dated less precisely than a \(by.rawValue) not charted\n" }
        return out
    }

    /// A header row, then one row per period (RFC 4180; no field needs quoting).
    func csv() -> String {
        "period,first_day,last_day,documents\r\n" + periods.map { "\($0.period),\($0.firstDay),\($0.lastDay),\($0.documents)\r\n" }.joined()
    }

    /// A standalone SVG bar chart: vertical bars, the period under each (every few when they are many).
    func svg() -> String {
        let bar = periods.count > 60 ? 6 : (periods.count > 24 ? 12 : 28)
        let gap = max(1, bar / 4)
        let left = 48, top = 40, height = 240, bottom = 70
        let width = left + max(1, periods.count) * (bar + gap) + 20
        let peak = max(1, periods.map(\.documents).max() ?? 0)
        let every = max(1, Int((14.0 / Double(bar + gap)).rounded(.up)))
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(top + height + bottom)" viewBox="0 0 \(width) \(top + height + bottom)" font-family="sans-serif" font-size="11">
        <title>\(Timeline.xml(query)) by \(by.rawValue)</title>
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(left)" y="20" font-size="14">\(Timeline.xml(query)): \(total) document\(total == 1 ? "" : "s") by \(by.rawValue)</text>
        <line x1="\(left)" y1="\(top + height)" x2="\(width - 10)" y2="\(top + height)" stroke="#444"/>
        <text x="\(left - 6)" y="\(top + 4)" text-anchor="end">\(peak)</text>
        <text x="\(left - 6)" y="\(top + height)" text-anchor="end">0</text>

        """
        for (i, bucket) in periods.enumerated() {
            let x = left + i * (bar + gap)
            let h = Int((Double(bucket.documents) / Double(peak) * Double(height)).rounded())
            out += "<rect x=\"\(x)\" y=\"\(top + height - h)\" width=\"\(bar)\" height=\"\(h)\" fill=\"#2a7ab0\"><title>\(bucket.period): \(bucket.documents)</title></rect>\n"
            if i % every == 0 {
                let cx = x + bar / 2, cy = top + height + 12
                out += "<text x=\"\(cx)\" y=\"\(cy)\" text-anchor=\"end\" transform=\"rotate(-45 \(cx) \(cy))\">\(bucket.period)</text>\n"
            }
        }
        var notes: [String] = []
        if undated > 0 { notes.append("\(undated) undated") }
        if imprecise > 0 { notes.append("\(imprecise) dated less precisely than a \(by.rawValue)") }
        if !notes.isEmpty {
            out += "<text x=\"\(left)\" y=\"\(top + height + bottom - 6)\">not charted: \(notes.joined(separator: ", "))</text>\n"
        }
        return out + "</svg>\n"
    }

    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in Output.escaped(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
