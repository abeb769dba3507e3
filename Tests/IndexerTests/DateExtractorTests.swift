import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct DateExtractorTests {
    func mentions(_ s: String) -> [DateMention] {
        withBytes(s) { DateExtractor.mentions(in: $0, 0..<$0.count) }
    }

    @Test(arguments: [
        ("began on 1 October 2019.", "1 October 2019", 2019, 10, 1, nil),
        ("on October 1, 2019 they", "October 1, 2019", 2019, 10, 1, nil),
        ("erupted on October 1st and", "October 1st", nil, 10, 1, nil),
        ("the 1st of October", "1st of October", nil, 10, 1, nil),
        ("on Monday, October 7 after", "Monday, October 7", nil, 10, 7, 1),
        ("on Tuesday 1 October", "Tuesday 1 October", nil, 10, 1, 2),
        ("Iraq - November 2019", "November 2019", 2019, 11, nil, nil),
        ("Iran, Nov. 10, 2019—Various", "Nov. 10, 2019", 2019, 11, 10, nil),
        ("stamp 2019-11-10T08:00", "2019-11-10", 2019, 11, 10, nil),
        ("In November, following", "November", nil, 11, nil, nil),
        ("of October last year, the", "October last year", nil, 10, nil, nil),
        ("On 3 November, Iraqi", "3 November", nil, 11, 3, nil),
    ] as [(String, String, Int?, Int, Int?, Int?)])
    func forms(text: String, matched: String, year: Int?, month: Int, day: Int?, weekday: Int?) throws {
        let ms = mentions(text)
        let m = try #require(ms.count == 1 ? ms.first : nil)
        #expect(String(text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: m.range.lowerBound)..<text.utf8.index(text.utf8.startIndex, offsetBy: m.range.upperBound)]) == matched)
        #expect(m.year == year)
        #expect(m.month == month)
        #expect(m.day == day)
        #expect(m.weekday == weekday)
    }

    @Test(arguments: [
        "the October Revolution", "May God help", "in May", "15,000 in November 2,000", "the 2011 Arab Spring",
        "on 31 February", "a march in March", "he may go", "October 2019000", "Saturday evening Baghdad",
        "10/11/2019", "30 November 2019 ", "",
    ])
    func nonMentions(text: String) {
        let ms = mentions(text)
        if text.hasPrefix("30 November") {
            #expect(ms.count == 1)
        } else if text.hasPrefix("15,000") {
            #expect(ms.map(\.day) == [nil])
        } else {
            #expect(ms.isEmpty)
        }
    }

    @Test(arguments: [
        // Weekday resolution: the nearby year in which the day fell on that weekday.
        ("2019-06-01", "Monday, October 7", "2019-10-07"),
        ("2016", "Monday, October 7", "2013-10-07"),
        ("2022", "Monday, October 7", "2024-10-07"),
        // Rollover: the year that puts the date nearest the previous one.
        ("2019-12-28", "3 January", "2020-01-03"),
        ("2020-01-02", "28 December", "2019-12-28"),
        ("2019-11-10", "October 1st", "2019-10-01"),
        ("2020", "of October last year", "2019-10"),
        ("2019-10-01", "In November", "2019-11"),
    ])
    func resolution(anchor: String, text: String, expected: String) throws {
        var r = DateExtractor.Resolver(anchor: PartialDate(iso: anchor), strong: true)
        let m = try #require(mentions(text).first)
        #expect(r.resolve(m)?.date.iso == expected)
    }

    @Test func resolutionCarriesTheStoryForward() {
        var r = DateExtractor.Resolver(anchor: PartialDate(iso: "2019-10-01"), strong: true)
        let got = mentions("on 28 November, 6 December, 31 December, 1 January, 31 December, 3 January").compactMap { r.resolve($0)?.date.iso }
        #expect(got == ["2019-11-28", "2019-12-06", "2019-12-31", "2020-01-01", "2019-12-31", "2020-01-03"])
    }

    @Test func weakAnchorStaysWeakUnlessWeekdayOrYear() {
        var r = DateExtractor.Resolver(anchor: PartialDate(year: 2020), strong: false)
        #expect(r.resolve(mentions("in October").first!)?.strong == false)
        #expect(r.resolve(mentions("on Monday, October 5").first!).map { ($0.date.iso, $0.strong) } ?? ("", false) == ("2020-10-05", true))
        var none = DateExtractor.Resolver(anchor: nil, strong: false)
        #expect(none.resolve(mentions("on Monday, October 7").first!) == nil)
    }

    @Test(arguments: [
        ("2019-11-10", "2019-11-10"), ("2019-11", "2019-11"), ("2019", "2019"), (" 2019-11-10T08:00:00Z ", "2019-11-10"),
        ("November 10, 2019", "2019-11-10"), ("10 Nov 2019", "2019-11-10"), ("2019-02-30", nil), ("soon", nil), ("20190", nil),
    ] as [(String, String?)])
    func parseDate(text: String, iso: String?) {
        #expect(DateExtractor.parseDate(text)?.iso == iso)
    }

    @Test(arguments: [(1970, 1, 1, 4), (2019, 10, 7, 1), (2019, 10, 1, 2), (2000, 2, 29, 2), (1969, 12, 31, 3)])
    func weekdays(y: Int, m: Int, d: Int, wd: Int) {
        #expect(DateExtractor.weekday(y, m, d) == wd)
    }
}

extension DateExtractorTests {
    /// Windows around month names must not cut words, numbers or characters, wherever the text starts.
    @Test(arguments: [0, 1, 7, 33, 39, 40, 41, 45, 60])
    func windowsKeepWordsWhole(padding: Int) {
        let pad = String(repeating: "é", count: padding / 2) + String(repeating: "x", count: padding % 2)
        let text = pad + " 12345678901234567890123456789012345678901234567890 (Monday, October 7, 2019) and —November 3rd 2,000"
        let ms = mentions(text)
        #expect(ms.map { "\($0.year ?? 0)-\($0.month)-\($0.day ?? 0)-\($0.weekday ?? -1)" } == ["2019-10-7-1", "0-11-3--1"])
    }
}

extension DateExtractorTests {
    /// The eight-byte skip must see every capital and digit, wherever it sits, and nothing else.
    @Test(arguments: Array(0..<8))
    func wordTrickFindsEveryCapitalAndDigit(position: Int) {
        for c in UInt8(0)...UInt8(255) {
            var bytes = [UInt8](repeating: 0x61, count: 8)
            bytes[position] = c
            let x = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            let expected = (0x41...0x5A).contains(c) || (0x30...0x39).contains(c)
            #expect(DateExtractor.hasCapitalOrDigit(x) == expected, "byte \(c) at \(position)")
        }
    }
}
