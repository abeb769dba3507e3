import Foundation
import Testing
@testable import Indexer
@testable import Storage
import TestSupport

/// The year a folder's year-less datelines are read in (`CollectionYear`), on real wire text.
struct CollectionYearTests {
    @Test(arguments: [
        ([YearVotes(year: 1986, own: 1, dated: 1)], CollectionYear(year: 1986, firm: false), "one story is no evidence"),
        ([YearVotes(year: 1987, own: 2, dated: 2), YearVotes(year: 1986, own: 1, dated: 1)], CollectionYear(year: 1987, firm: false), "two is not enough"),
        ([YearVotes(year: 1987, own: 3, dated: 3), YearVotes(year: 1986, own: 1, dated: 1)], CollectionYear(year: 1987, firm: true), "three, more than twice the next"),
        ([YearVotes(year: 1987, own: 22, dated: 40), YearVotes(year: 1992, own: 7, dated: 7)], CollectionYear(year: 1987, firm: true), "the whole Reuters folder"),
        ([YearVotes(year: 1987, own: 5, dated: 5), YearVotes(year: 1992, own: 3, dated: 3)], CollectionYear(year: 1987, firm: false), "not twice the next"),
        ([YearVotes(year: 2019, own: 0, dated: 1), YearVotes(year: 2020, own: 0, dated: 4)], CollectionYear(year: 2020, firm: true), "no own dates: every dated one counts"),
        ([YearVotes(year: 2020, own: 0, dated: 2), YearVotes(year: 2019, own: 0, dated: 2)], CollectionYear(year: 2019, firm: false), "a tie: the earlier year, not firm"),
    ] as [([YearVotes], CollectionYear, String)])
    func votesGiveAYear(votes: [YearVotes], expected: CollectionYear, why: String) {
        #expect(CollectionYear.decide(votes) == expected, "\(why)")
    }

    @Test func noDatedDocumentGivesNoYear() {
        #expect(CollectionYear.decide([]) == nil)
    }

    @Test(arguments: [("/a/b/", "/a/"), ("/a/", "/"), ("/", nil)] as [(String, String?)])
    func foldersAreWalkedUpToTheRoot(folder: String, parent: String?) {
        #expect(CollectionYear.parentFolder(folder) == parent)
    }

    @Test(arguments: [("/a/b/c.txt", "/a/b/"), ("/a/wire.jsonl#ag1", "/a/"), ("/c.txt", "/")])
    func aFileBelongsToItsFolder(path: String, folder: String) {
        #expect(CollectionYear.folder(of: path) == folder)
    }

    @Test(arguments: [("/a/", "/a0"), ("/", "0"), ("/a%_/", "/a%_0")])
    func aFolderIsARangeOfPaths(folder: String, end: String) {
        #expect(DocumentStore.pathsAfter(folder) == end)
    }

    /// Relative path → date (nil when undated) of the files under `folders`, indexed into one new index.
    private static func dates(_ folders: [String: String]) throws -> [String: String?] {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (source, target) in folders {
            try FileManager.default.createDirectory(atPath: folder.path + "/root/" + (target as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: packageRoot + "/Tests/Fixtures/" + source, toPath: folder.path + "/root/" + target)
        }
        let db = folder.path + "/i.db"
        _ = try IndexWriter(path: db).index([folder.path + "/root"])
        let database = try Database(path: db, access: .readOnly)
        let statement = try database.prepare("SELECT relpath, date FROM documents", context: "test")
        var out: [String: String?] = [:]
        while try statement.step() { out[statement.text(0)!] = statement.text(1) }
        return out
    }

    @Test func threeStoriesSettleTheirFolderAndOverruleALoneVote() throws {
        let dates = try CollectionYearTests.dates(["collection-year/wire": "wire"])
        #expect(dates.count == 6)
        for (path, date) in dates {
            #expect(date?.hasPrefix("1987-") == true, "\(path): \(String(describing: date))")
        }
        // 371's own mention put it in 1986; the folder's year moves it.
        #expect(dates["wire/00371.txt"] == "1987-03-02")
    }

    @Test func aFolderThatSettlesNoYearLeavesYearLessDatelinesUndated() throws {
        // The twelve stories of 1987 in the news fixtures: one cites a maturity of March 26, 1992 the day before its
        // dateline, the only vote, and every story used to be dated 1992.
        let dates = try CollectionYearTests.dates(["realnews/reuters": "reuters"])
        #expect(dates.count == 12)
        for (path, date) in dates {
            #expect(date == nil || date?.hasPrefix("1987") == true, "\(path): \(String(describing: date))")
            #expect(date?.hasPrefix("1992") != true, "\(path)")
        }
    }

    @Test func aFolderKeepsItsYearBesideAnArchiveOfAnother() throws {
        // Seven AG News items of 2004, dated by their own datelines, outvote three Reuters stories in the index as a
        // whole; the stories' folder settles their year.
        let dates = try CollectionYearTests.dates(["collection-year/wire": "wire", "collection-year/agnews.jsonl": "agnews.jsonl"])
        let wire = dates.filter { $0.key.hasPrefix("wire/") }
        #expect(wire.count == 6)
        for (path, date) in wire {
            #expect(date?.hasPrefix("1987-") == true, "\(path): \(String(describing: date))")
        }
        let archive = dates.filter { $0.key.hasPrefix("agnews.jsonl") }
        #expect(archive.count == 7)
        #expect(archive.values.allSatisfy { $0?.hasPrefix("2004-") == true }, "\(archive)")
    }
}

extension CollectionYearTests {
    @Test(arguments: [
        (1987, true, "1987-03-27", "a firm year dates the dateline"),
        (1987, false, nil, "a year that is not firm leaves it undated"),
    ] as [(Int, Bool, String?, String)])
    func onlyAFirmYearDatesAYearLessDateline(year: Int, firm: Bool, expected: String?, why: String) throws {
        let d = DocumentParser.parse(try realNews("reuters/10437.txt"), fileName: "10437.txt", referenceYear: year, firm: firm)
        #expect(d.date?.date.iso == expected, "\(why)")
    }

    @Test func aYearThatIsNotFirmStillPlacesADateThatNamesItsWeekday() {
        // "Monday, October 7" was a Monday in 2013, 2019 and 2024: the nearest to 2019 is 2019 itself.
        let d = DocumentParser.parse("Crowds\n\nCrowds returned on Monday, October 7 to the square.", fileName: "b.txt",
                                     referenceYear: 2019, firm: false)
        #expect(d.date?.date.iso == "2019-10-07")
    }
}

extension CollectionYearTests {
    /// The writer's last pass resolves kept evidence instead of parsing again: it must give what parsing in the
    /// collection's year gives, on every real story of the fixtures, firm or not, in the right year and a wrong one.
    @Test(arguments: [(1987, true), (1987, false), (1992, true)])
    func keptEvidenceResolvesAsAParseInTheYearDoes(year: Int, firm: Bool) throws {
        let folders = ["realnews/reuters", "collection-year/wire"]
        var checked = 0
        for folder in folders {
            let path = packageRoot + "/Tests/Fixtures/" + folder
            for name in try FileManager.default.contentsOfDirectory(atPath: path).sorted() where name.hasSuffix(".txt") {
                var text = try String(contentsOfFile: path + "/" + name, encoding: .utf8)
                let first = text.withUTF8 { DocumentParser.parseKeepingDates(bytes: $0, fileName: name, referenceYear: nil) }
                guard let evidence = first.dating else { continue }
                let resolved = DocumentParser.resolve(evidence, referenceYear: year, firm: firm)
                let parsed = DocumentParser.parse(text, fileName: name, referenceYear: year, firm: firm)
                #expect(resolved.date == parsed.date, "\(folder)/\(name)")
                #expect(resolved.passageDates == parsed.passages.map(\.mentionedDates), "\(folder)/\(name)")
                checked += 1
            }
        }
        #expect(checked >= 15, "stories waiting for the collection's year: \(checked)")
    }
}

extension CollectionYearTests {
    /// Path → (date, source, the passage dates) of every document of the index at `db`.
    private static func datesOf(_ db: String) throws -> [String: String] {
        let database = try Database(path: db, access: .readOnly)
        let statement = try database.prepare("""
            SELECT d.relpath, coalesce(d.date, '-') || ' ' || coalesce(d.date_source, '-') || ' ' ||
                   coalesce((SELECT group_concat(p.passage || ':' || p.first || '..' || p.last, ',')
                             FROM (SELECT * FROM passage_dates WHERE document = d.id ORDER BY passage, first, last) p), '')
            FROM documents d
            """, context: "test")
        var out: [String: String] = [:]
        while try statement.step() { out[statement.text(0)!] = statement.text(1) }
        return out
    }

    private static func story(_ sentence: String) -> String { "Report\n\n\(sentence) officials met in Baghdad.\n" }

    /// The dates after an update equal a fresh build's of the same files, whatever the collection's year settled
    /// before: the folder's year is voted by the dates the texts give alone, and the documents read in a year the
    /// folder no longer has are read again. Three stories of 2018 and two of 2019 make 2018 (not firm); four
    /// "Tuesday, May 10" stories are read in it as 2016-05-10.
    @Test(arguments: [
        ("a story read in the year after the earlier ones were: theirs 2016 must not vote",
         ["s1.txt": "On Sunday, May 10"], [String]()),
        ("two stories of 2018 gone: 2019 now, where Tuesday, May 10 is 2022, past the year after, so undated",
         [String: String](), ["a1.txt", "a2.txt"]),
        ("both at once", ["s1.txt": "On Sunday, May 10", "b3.txt": "On March 3, 2019,"], ["a1.txt"]),
        ("nothing changed", [String: String](), [String]()),
    ] as [(String, [String: String], [String])])
    func anUpdateDatesAsAFreshBuildDoes(why: String, added: [String: String], removed: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for i in 1...3 { _ = try folder.write("docs/a\(i).txt", Self.story("On March 3, 2018,")) }
        for i in 1...2 { _ = try folder.write("docs/b\(i).txt", Self.story("On March 3, 2019,")) }
        for i in 1...4 { _ = try folder.write("docs/w\(i).txt", Self.story("On Tuesday, May 10")) }
        let updated = folder.path + "/updated.db"
        _ = try IndexWriter(path: updated).index([folder.path + "/docs"])
        #expect(try Self.datesOf(updated)["w1.txt"]?.hasPrefix("2016-05-10 latest-mention") == true, "the premise")
        for (name, sentence) in added { _ = try folder.write("docs/" + name, Self.story(sentence)) }
        for name in removed { try FileManager.default.removeItem(atPath: folder.path + "/docs/" + name) }
        _ = try IndexWriter(path: updated).index([folder.path + "/docs"])
        let fresh = folder.path + "/fresh.db"
        _ = try IndexWriter(path: fresh).index([folder.path + "/docs"])
        let (got, want) = (try Self.datesOf(updated), try Self.datesOf(fresh))
        #expect(got.count == 9 + added.count - removed.count)
        for (path, dates) in want.sorted(by: { $0.key < $1.key }) {
            #expect(got[path] == dates, "\(why): \(path)")
        }
    }

    /// An index of version 5 keeps the documents its killed run left for the last pass: they move to version 6's
    /// table with the date their text gives as their vote, and the next run dates them.
    @Test func anUpgradeKeepsTheDocumentsWaitingForTheLastPass() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for i in 1...3 { _ = try folder.write("docs/a\(i).txt", Self.story("On March 3, 2019,")) }
        _ = try folder.write("docs/w.txt", Self.story("On Monday, October 7"))
        let db = folder.path + "/i.db"
        _ = try IndexWriter(path: db).index([folder.path + "/docs"])
        do {
            let database = try Database(path: db, access: .readWrite, defensive: false)
            try database.leaveUndatedForTheLastPass(relativePath: "w.txt")
            try database.execute("""
                \(Schema.createPendingDates);
                INSERT INTO pending_dates SELECT document FROM collection_dating WHERE read_in IS NULL;
                DROP TABLE collection_dating;
                PRAGMA user_version = 5
                """, context: "test")
        }
        _ = try IndexWriter(path: db).index([folder.path + "/docs"])
        #expect(try Self.datesOf(db)["w.txt"]?.hasPrefix("2019-10-07 latest-mention") == true)
        #expect(try Database(path: db, access: .readOnly).documentsPendingDates() == 0)
    }
}
