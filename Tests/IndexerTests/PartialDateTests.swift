import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct PartialDateTests {
    @Test(arguments: [
        ("2019", "2019-01-01", "2019-12-31"),
        ("2019-02", "2019-02-01", "2019-02-28"),
        ("2020-02", "2020-02-01", "2020-02-29"),
        ("2019-11-10", "2019-11-10", "2019-11-10"),
    ])
    func spans(iso: String, first: String, last: String) throws {
        let d = try #require(PartialDate(iso: iso))
        #expect(d.iso == iso)
        #expect(d.firstDay == first)
        #expect(d.lastDay == last)
    }

    @Test(arguments: ["", "19", "2019-13", "2019-02-30", "2019-1-05", "abcd", "2019-11-10-1"])
    func rejects(iso: String) {
        #expect(PartialDate(iso: iso) == nil)
    }
}

extension PartialDateTests {
    @Test(arguments: [
        ("2019", "2019-01-01", false), ("2019-01-01", "2019-01", true), ("2019-01", "2019", true), ("2019-01", "2019-02", true),
        ("2019-12-31", "2020", true), ("2019-02", "2019", false), ("2019", "2019", false), ("2018-12", "2019", true),
    ])
    func order(a: String, b: String, less: Bool) throws {
        let x = try #require(PartialDate(iso: a)), y = try #require(PartialDate(iso: b))
        #expect((x < y) == less)
        #expect((x < y) == (x.firstDay < y.firstDay || (x.firstDay == y.firstDay && x.lastDay < y.lastDay)))
    }
}
