import Foundation
import Indexer
import Testing
@testable import Analysis
@testable import Storage
@testable import Searcher
import Rendering

/// Issue 15 on real SQLite files: damaged passage ranges, the dating mark, --rehash, the start-over, names of one
/// file, `--db` that is not a file, bounded queries, and SQLite codes in words.
struct ReliabilityTests {
    /// Two documents, one with letters outside ASCII (so a range can cut a character), one dated only by the
    /// collection's year (a dateline without a year).
    private static let documents = [
        "a.txt": "Alpha\n\nSoleimani visited Baghdad on October 7, 2019.\n\nKāẓim met protesters in Tahrir Square.",
        "b.txt": "Beta\n\nCrowds returned on Monday, October 7 to the square where Soleimani spoke.",
    ]

    private static func passages(_ database: String, _ relpath: String) throws -> [Range<Int>] {
        let reader = try IndexReader(path: database)
        return try reader.documents(path: "/nonexistent", relativePath: relpath).first?.passages ?? []
    }

    @Test(arguments: ["past the end of the text", "out of order", "through a character"])
    func damagedPassageRangesAreReportedAsDamageAndRebuildRepairsThem(damage: String) throws {
        let index = try SmallIndex(ReliabilityTests.documents)
        let original = try ReliabilityTests.passages(index.database, "a.txt")
        #expect(original.count == 2)
        let before = try index.search("Soleimani Tahrir")
        let reader = try IndexReader(path: index.database)
        let id = try reader.documents(path: "/nonexistent", relativePath: "a.txt")[0].id
        let body = Array(try reader.text(of: id)!.body.utf8)
        let inside = body.firstIndex(of: 0x81)! // the second byte of ā (C4 81) in Kāẓim
        let ranges: [Range<Int>] = switch damage {
        case "past the end of the text": [0..<(body.count + 1_000)]
        case "out of order": [original[1].lowerBound..<body.count, 0..<original[0].upperBound]
        default: [0..<original[0].upperBound, inside..<body.count]
        }
        let database = try Database(path: index.database, access: .readWrite, defensive: false)
        try database.overwritePassages(relativePath: "a.txt", with: ranges)
        // Before: "Array index is out of range" (a trap) in IndexSearcher.search and show.
        do {
            _ = try index.search("Soleimani Tahrir")
            Issue.record("\(damage): the search did not report the damage")
        } catch let error as IndexError {
            guard case .corrupt(_, let detail) = error else { Issue.record("\(damage): \(error)"); return }
            #expect(detail.contains("a.txt"), "\(detail)")
        }
        #expect(throws: IndexError.self, "\(damage): show") { try IndexSearcher(path: index.database).show("a.txt") }
        let summary = try IndexRebuilder.rebuild(path: index.database)
        #expect(summary.repairedPassages == [index.folder.path + "/docs/a.txt"], "\(damage)")
        #expect(try ReliabilityTests.passages(index.database, "a.txt") == original, "\(damage): re-cut at the blank lines")
        let after = try index.search("Soleimani Tahrir")
        #expect(after.results.map(\.text) == before.results.map(\.text), "\(damage)")
        #expect(try IndexChecker.check(path: index.database).healthy, "\(damage)")
    }

    @Test func aDocumentLeftMarkedForDatingIsDatedByTheNextRun() throws {
        // A run killed after its batches and before its last pass leaves b.txt stored, undated and marked.
        let index = try SmallIndex(ReliabilityTests.documents)
        let fresh = try index.search("Crowds").results.first?.date
        #expect(fresh == "2019-10-07", "the collection's year dates b.txt")
        let database = try Database(path: index.database, access: .readWrite, defensive: false)
        try database.leaveUndatedForTheLastPass(relativePath: "b.txt")
        #expect(try index.search("Crowds").results.first?.date == nil)
        let summary = try IndexWriter(path: index.database).index([index.folder.path + "/docs"])
        #expect(summary.unchanged == 2, "nothing changed on disk")
        #expect(try index.search("Crowds").results.first?.date == fresh, "the re-run dates it as a fresh build does")
        #expect(try Database(path: index.database, access: .readOnly).documentsPendingDates() == 0, "the mark is cleared with the date")
    }

    @Test func rehashFindsAChangeThatKeptSizeAndTime() throws {
        let index = try SmallIndex(["a.txt": "Alpha\n\nSoleimani visited Basra."])
        let file = index.folder.path + "/docs/a.txt"
        var kept = stat()
        #expect(stat(file, &kept) == 0)
        try Data("Alpha\n\nSoleimani visited Najaf.".utf8).write(to: URL(fileURLWithPath: file)) // same size
        var times = [kept.st_atim, kept.st_mtim]                                                  // as cp -p
        #expect(utimensat(AT_FDCWD, file, &times, 0) == 0)
        let plain = try IndexWriter(path: index.database).index([index.folder.path + "/docs"])
        #expect(plain.updated == 0 && plain.unchanged == 1, "size and time say unchanged")
        #expect(try index.search("Najaf").total == 0)
        var options = IndexOptions()
        options.rehash = true
        let rehashed = try IndexWriter(path: index.database, options: options).index([index.folder.path + "/docs"])
        #expect(rehashed.updated == 1, "\(rehashed)")
        #expect(try index.search("Najaf").total == 1)
        let again = try IndexWriter(path: index.database, options: options).index([index.folder.path + "/docs"])
        #expect(again.updated == 0 && again.unchanged == 1, "an unchanged file is read and left alone")
    }

    @Test func aLeftoverLogOfADeletedIndexIsNotReplayedOntoTheNewOne() throws {
        let index = try SmallIndex(ReliabilityTests.documents)
        // While a writer is open after an update its log holds the commits; keep a copy of it, as a kill would.
        try index.folder.write("docs/c.txt", "Gamma\n\nBasra was quiet.\n\n" + String(repeating: "Najaf protesters gathered. ", count: 400))
        let log = try { () throws -> Data in
            let writer = try IndexWriter(path: index.database)
            _ = try writer.index([index.folder.path + "/docs"])
            return try Data(contentsOf: URL(fileURLWithPath: index.database + "-wal"))
        }()
        #expect(log.count > 0)
        try FileManager.default.removeItem(atPath: index.database)
        try log.write(to: URL(fileURLWithPath: index.database + "-wal"))
        _ = try IndexWriter(path: index.database).index([index.folder.path + "/docs"])
        let health = try IndexChecker.check(path: index.database)
        #expect(health.healthy, "\(health.problems)")
        #expect(health.documents == 3)
    }

    @Test func theWriterLockFollowsTheFileNotTheName() throws {
        let index = try SmallIndex(ReliabilityTests.documents)
        let link = index.folder.path + "/link.db"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: index.database)
        let first = try IndexWriter(path: link)
        #expect(FileManager.default.fileExists(atPath: index.database + ".lock"), "beside the file itself")
        #expect(throws: IndexError.busy(path: index.database, holder: "pid \(getpid())")) { try IndexWriter(path: index.database) }
        _ = first
    }

    @Test(arguments: ["/dev/null", "fifo", "dangling", "folder", "hard link"])
    func aDbThatIsNotOneRegularFileIsRefusedBeforeAnythingIsCreated(kind: String) throws {
        let index = try SmallIndex(ReliabilityTests.documents)
        let target: String
        switch kind {
        case "fifo": target = index.folder.path + "/fifo.db"; #expect(mkfifo(target, 0o644) == 0)
        case "dangling":
            target = index.folder.path + "/dangling.db"
            try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: index.folder.path + "/nowhere.db")
        case "folder": target = index.folder.path + "/docs"
        case "hard link": target = index.folder.path + "/hard.db"; #expect(link(index.database, target) == 0)
        default: target = kind
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: index.folder.path).sorted()
        for open in [{ _ = try IndexWriter(path: target) }, { _ = try IndexSearcher(path: target) }, { _ = try IndexRebuilder.rebuild(path: target) }] as [() throws -> Void] {
            do {
                try open()
                Issue.record("\(kind): opened")
            } catch let error as IndexError {
                switch error {
                case .notAFile, .hardLinked: break
                default: Issue.record("\(kind): \(error)")
                }
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: index.folder.path).sorted() == before, "\(kind): nothing created")
        #expect(!FileManager.default.fileExists(atPath: "/dev/null-wal") && !FileManager.default.fileExists(atPath: "/dev/null.lock"))
    }

    @Test(arguments: [
        ("war war war", "war"),
        (Array(repeating: "Baghdad", count: 1_000).joined(separator: " "), "Baghdad"),
        ("Basra OR Basra OR Najaf OR Basra", "Basra OR Najaf"),
        ("\"Tahrir Square\" \"Tahrir Square\" protest", "\"Tahrir Square\" protest"),
    ])
    func repeatedTermsCollapse(query: String, same: String) throws {
        #expect(try QueryCompiler.expression(for: query, lexicon: .shipped) == QueryCompiler.expression(for: same, lexicon: .shipped))
    }

    @Test(arguments: [(QueryCompiler.maxTerms, true), (QueryCompiler.maxTerms + 1, false), (1_000, false)])
    func aQueryOfTooManyTermsIsRefusedWithTheReason(count: Int, accepted: Bool) throws {
        let query = (0..<count).map { "word\($0)" }.joined(separator: " ")
        if accepted {
            _ = try QueryCompiler.expression(for: query, lexicon: .shipped)
        } else {
            #expect(throws: SearchError.tooComplex(terms: count, limit: QueryCompiler.maxTerms)) {
                try QueryCompiler.expression(for: query, lexicon: .shipped)
            }
            #expect(SearchError.tooComplex(terms: count, limit: QueryCompiler.maxTerms).description.contains("query too long"))
        }
    }

    @Test(arguments: [Int32(4874), 4618, 5386, 10, 11, 13, 14, 26, 266, 1034, 99])
    func sqliteCodesReachTheUserAsWords(code: Int32) {
        let message = IndexError.storage(path: "i.db", code: code, context: "searching").description
        #expect(!message.contains("SQLite") && !message.contains("\(code)"), "\(message)")
    }
}
