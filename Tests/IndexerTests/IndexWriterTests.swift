import Foundation
import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct IndexWriterTests {
    /// Rows in a table of the real database file.
    func count(_ db: String, _ sql: String) throws -> Int64 {
        let database = try Database(path: db, access: .readOnly)
        return try database.scalarInt(sql)
    }

    @Test func incrementalRunsAddUpdateSkipAndRemove() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let db = folder.path + "/index.db"
        try folder.write("docs/a.txt", "Alpha headline\n\nSoleimani visited Baghdad.\n\nA second paragraph.")
        try folder.write("docs/b.txt", "Beta headline\n\nKata'ib Hezbollah attacked.")
        try folder.write("docs/c.md", "Gamma headline\n\nTahrir Square filled.")

        var summary = try IndexWriter(path: db).index([folder.path + "/docs"])
        #expect((summary.added, summary.updated, summary.unchanged, summary.removed) == (3, 0, 0, 0))
        #expect(try count(db, "SELECT count(*) FROM documents") == 3)
        #expect(try count(db, "SELECT count(*) FROM documents_fts") == 3)
        #expect(try count(db, "SELECT sum(length(passages)) / 8 FROM documents") == Int64(summary.passages))

        summary = try IndexWriter(path: db).index([folder.path + "/docs"])
        #expect((summary.added, summary.updated, summary.unchanged, summary.removed) == (0, 0, 3, 0))

        // A changed file, a deleted file, a new file; and one touched without a change.
        try folder.write("docs/a.txt", "Alpha headline\n\nSuleimani left Baghdad.")
        try FileManager.default.removeItem(atPath: folder.path + "/docs/b.txt")
        try folder.write("docs/d.txt", "Delta headline\n\nNajaf.")
        try folder.write("docs/c.md", "Gamma headline\n\nTahrir Square filled.")
        summary = try IndexWriter(path: db).index([folder.path + "/docs"])
        #expect((summary.added, summary.updated, summary.unchanged, summary.removed) == (1, 1, 1, 1))
        #expect(try count(db, "SELECT count(*) FROM documents") == 3)
        #expect(try count(db, "SELECT count(*) FROM documents WHERE relpath = 'b.txt'") == 0)
        // No text survives its document, none is stored twice.
        #expect(try count(db, "SELECT count(*) FROM documents_fts WHERE rowid NOT IN (SELECT id FROM documents)") == 0)
        #expect(try count(db, "SELECT count(*) FROM documents_fts") == 3)
        #expect(try count(db, "SELECT count(*) FROM passage_dates WHERE document NOT IN (SELECT id FROM documents)") == 0)
        #expect(try count(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'baghdad'") == 1)
    }

    /// Segments of the full-text index: each has rows in FTS5's `_idx` table.
    func segments(_ db: String) throws -> Int64 {
        try count(db, "SELECT count(DISTINCT segid) FROM documents_fts_idx")
    }

    @Test func aFirstBuildEndsAsOneSegmentAndLaterRunsMergeAsUsual() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let db = folder.path + "/index.db"
        // 1,200 files are three batches of 500: three commits, three segments, unless the build merges them.
        for i in 0..<1_200 {
            try folder.write("docs/\(i / 100)/\(i).txt", "Headline \(i)\n\nSoleimani visited Baghdad on day \(i), word\(i) and word\(i * 7).")
        }
        _ = try IndexWriter(path: db).index([folder.path + "/docs"])
        #expect(try segments(db) == 1)
        #expect(try count(db, "SELECT v FROM documents_fts_config WHERE k = 'automerge'") == 4)
        #expect(try count(db, "SELECT v FROM documents_fts_config WHERE k = 'crisismerge'") == 16)
        #expect(try count(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'word77'") == 2)

        // An update adds a segment of its own; FTS5's default merging takes over from there.
        try folder.write("docs/new.txt", "Another headline\n\nword77 again.")
        _ = try IndexWriter(path: db).index([folder.path + "/docs"])
        #expect(try segments(db) == 2)
        #expect(try count(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'word77'") == 3)
    }

    @Test func badFilesAreCountedAndTheRestIndexed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("docs/good.txt", "Good\n\nText.")
        try folder.write("docs/empty.txt", "")
        try folder.write("docs/binary.txt", bytes: [0x41, 0x00, 0x42])
        try folder.write("docs/latin1.txt", bytes: Array("Caf".utf8) + [0xE9])
        try folder.write("docs/photo.jpg", "jpg")
        let summary = try IndexWriter(path: folder.path + "/i.db").index([folder.path + "/docs"])
        #expect(summary.added == 2)
        #expect(Set(summary.failed.map { ($0.path as NSString).lastPathComponent }) == ["empty.txt", "binary.txt"])
        #expect(summary.warnings.map { ($0.path as NSString).lastPathComponent } == ["latin1.txt"])
        #expect(summary.otherFiles == 1)
    }

    @Test func refusesFilesThatAreNotIndexes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let junk = try folder.write("junk.db", String(repeating: "not a database ", count: 100))
        #expect(throws: IndexError.notAnIndex(path: junk)) { try IndexWriter(path: junk) }
        #expect(try String(contentsOfFile: junk, encoding: .utf8).hasPrefix("not a database"))

        // Another program's SQLite file.
        let foreign = folder.path + "/other.db"
        do {
            let database = try Database(path: foreign, access: .readWrite)
            try database.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1)", context: "test")
        }
        #expect(throws: IndexError.foreignDatabase(path: foreign)) { try IndexWriter(path: foreign) }

        // A newer version of ours.
        let newer = folder.path + "/newer.db"
        _ = try IndexWriter(path: newer).index([])
        do {
            let database = try Database(path: newer, access: .readWrite)
            try database.execute("PRAGMA user_version = 99", context: "test")
        }
        #expect(throws: IndexError.newerSchema(path: newer, found: 99, supported: Schema.version)) { try IndexWriter(path: newer) }
        #expect(throws: IndexError.noIndex(path: folder.path + "/none.db")) { try IndexReader(path: folder.path + "/none.db") }
    }

    @Test func aSecondWriterIsToldWhoHoldsTheLock() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let db = folder.path + "/i.db"
        // The first writer must be gone before the folder is removed: SQLite keeps per-inode lock state, and a
        // deleted file's inode reused by another test's database would confuse it.
        do {
            let first = try IndexWriter(path: db)
            #expect(throws: IndexError.busy(path: db, holder: "pid \(getpid())")) { try IndexWriter(path: db) }
            withExtendedLifetime(first) {}
        }
    }
}

struct CollectionDatingTests {
    @Test func yearLessDatesAreReadInTheLightOfTheCollection() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.copyItem(atPath: packageRoot + "/corpus", toPath: folder.path + "/corpus")
        let db = folder.path + "/i.db"
        _ = try IndexWriter(path: db).index([folder.path + "/corpus"])
        let database = try Database(path: db, access: .readOnly)
        let statement = try database.prepare("SELECT relpath, date, date_source FROM documents ORDER BY relpath", context: "test")
        var dates: [String: String] = [:]
        while try statement.step() {
            dates[String(statement.text(0)!.prefix(3))] = (statement.text(1) ?? "none") + " " + (statement.text(2) ?? "")
        }
        #expect(dates == [
            "000": "2019-10-07 latest-mention",   // "Monday, October 7": the collection is about 2019–20
            "001": "none ",
            "002": "2020 copyright",
            "003": "2020-01-03 latest-mention",
            "004": "2019-11-10 dateline",
        ])
    }
}

extension IndexWriterTests {
    @Test func anArchiveIsManyDocumentsAndAChangedArchiveReplacesThem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let db = folder.path + "/index.db"
        let line1 = #"{"id": "a", "title": "Soleimani killed", "date": "2020-01-03", "text": "A drone strike in Baghdad."}"#
        let line2 = #"{"id": "b", "title": "Vote on troops", "text": "Parliament voted."}"#
        let line3 = #"{"id": "c", "title": "Missiles", "text": "Ain al-Asad was hit."}"#
        try folder.write("docs/wire.jsonl", [line1, line2, "{broken", line3].joined(separator: "\n"))
        try folder.write("docs/page.html", "<title>Page</title><p>Tahrir Square.</p>")
        var summary = try IndexWriter(path: db).index([folder.path + "/docs"])
        #expect((summary.added, summary.updated, summary.unchanged, summary.removed) == (4, 0, 0, 0))
        #expect(summary.failed.map(\.path) == [folder.path + "/docs/wire.jsonl:3"])
        #expect(summary.files == 2)
        let paths = try rows(db, "SELECT relpath FROM documents ORDER BY relpath")
        #expect(paths == ["page.html", "wire.jsonl#a", "wire.jsonl#b", "wire.jsonl#c"])
        let idOfA = try count(db, "SELECT id FROM documents WHERE relpath = 'wire.jsonl#a'")

        summary = try IndexWriter(path: db).index([folder.path + "/docs"])
        #expect((summary.added, summary.updated, summary.unchanged, summary.removed) == (0, 0, 4, 0))

        // One article changed, one gone, one new, one as it was.
        let changed2 = #"{"id": "b", "title": "Vote on troops", "text": "Parliament voted to expel foreign troops."}"#
        let line4 = #"{"id": "d", "title": "Protests", "text": "Tahrir again."}"#
        try folder.write("docs/wire.jsonl", [line1, changed2, line4].joined(separator: "\n"))
        summary = try IndexWriter(path: db).index([folder.path + "/docs"])
        #expect((summary.added, summary.updated, summary.unchanged, summary.removed) == (1, 1, 2, 1))
        #expect(try rows(db, "SELECT relpath FROM documents ORDER BY relpath") == ["page.html", "wire.jsonl#a", "wire.jsonl#b", "wire.jsonl#d"])
        #expect(try count(db, "SELECT id FROM documents WHERE relpath = 'wire.jsonl#a'") == idOfA, "ids are stable")
        #expect(try count(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'expel'") == 1)
        #expect(try count(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'asad'") == 0)
        #expect(try count(db, "SELECT count(*) FROM documents_fts WHERE rowid NOT IN (SELECT id FROM documents)") == 0)
        #expect(try count(db, "SELECT count(*) FROM documents_fts") == 4)

        // Naming the archive itself updates it; deleting it from the folder removes its articles.
        try folder.write("docs/wire.jsonl", line1)
        summary = try IndexWriter(path: db).index([folder.path + "/docs/wire.jsonl"])
        #expect((summary.added, summary.updated, summary.unchanged, summary.removed) == (0, 0, 1, 2))
        try FileManager.default.removeItem(atPath: folder.path + "/docs/wire.jsonl")
        summary = try IndexWriter(path: db).index([folder.path + "/docs"])
        #expect(summary.removed == 1)
        #expect(try rows(db, "SELECT relpath FROM documents") == ["page.html"])
    }

    @Test func progressIsReportedBeforeEachFileAndAtTheEnd() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("docs/a.txt", "A\n\nOne.")
        try folder.write("docs/b.txt", "B\n\nTwo two.")
        var reports: [IndexProgress] = []
        _ = try IndexWriter(path: folder.path + "/i.db").index([folder.path + "/docs"]) { reports.append($0) }
        #expect(reports.map(\.currentFile) == ["a.txt", "b.txt", ""])
        #expect(reports.map(\.filesDone) == [0, 1, 2])
        #expect(reports.last?.bytesDone == reports.last?.bytesTotal)
        #expect(reports.allSatisfy { $0.filesTotal == 2 })
    }

    func rows(_ db: String, _ sql: String) throws -> [String] {
        let database = try Database(path: db, access: .readOnly)
        let statement = try database.prepare(sql, context: "test")
        var out: [String] = []
        while try statement.step() { out.append(statement.text(0) ?? "") }
        return out
    }
}

/// Hostile files in a folder: each is named with a reason, counted, and the rest of the folder is indexed.
struct HostileFileTests {
    enum Expected: Sendable { case indexedWithWarning(String), failed(SkipReason), skippedAsOther, indexed }

    /// Writes the hostile entry `name` into `folder`; returns false when this machine cannot make it.
    static func make(_ name: String, in folder: TemporaryFolder) throws -> Bool {
        let path = folder.path + "/docs/" + name
        switch name {
        case "latin1.txt": try folder.write("docs/" + name, bytes: Array("Caf".utf8) + [0xE9, 0x20] + Array("Baghdad".utf8))
        case "utf16.txt": try folder.write("docs/" + name, bytes: [0xFF, 0xFE] + Array("Najaf\n\nUTF-16 text".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        case "binary.txt": try folder.write("docs/" + name, bytes: [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02])
        case "empty.txt": try folder.write("docs/" + name, "")
        case "big.txt": try folder.write("docs/" + name, String(repeating: "Soleimani ", count: 300_000)) // 3 MB, one line
        case "loop": try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: ".")
        case "self.txt": try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "self.txt")
        case "fifo.txt": guard mkfifo(path, 0o644) == 0 else { return false }
        case "secret.txt":
            // Root reads any file whatever its mode; /proc/sys/vm/drop_caches is write-only even for root.
            if geteuid() == 0 {
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/proc/sys/vm/drop_caches")
            } else {
                try folder.write("docs/" + name, "Secret")
                chmod(path, 0)
            }
            let fd = open(path, O_RDONLY | O_NONBLOCK)
            if fd >= 0 { close(fd); return false }
        default: break
        }
        return true
    }

    static let cases: [(String, Expected)] = [
        ("latin1.txt", .indexedWithWarning("not valid UTF-8; read as Windows-1252")),
        ("utf16.txt", .indexed),
        ("binary.txt", .failed(.file(.binary))),
        ("empty.txt", .failed(.file(.empty))),
        ("big.txt", .failed(.file(.tooLarge(size: 3_000_000, limit: 1_048_576)))),
        ("loop", .failed(.other("symbolic link loop"))),
        ("self.txt", .failed(.other("broken or looping symbolic link"))),
        ("fifo.txt", .skippedAsOther),
        ("secret.txt", .failed(.file(.unreadable("Permission denied")))),
    ]

    @Test(arguments: cases)
    func aHostileFileIsNamedCountedAndTheRestIndexed(name: String, expected: Expected) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("docs/good.txt", "Good\n\nTahrir Square.")
        try folder.write("docs/sub/other.txt", "Other\n\nBasra.")
        guard try HostileFileTests.make(name, in: folder) else {
            print("HostileFileTests: \(name) cannot be made on this machine; case not run")
            return
        }
        var options = IndexOptions()
        options.maxFileSize = 1_048_576
        // As root, secret.txt is a link to /proc, out of the folder: followed only when asked.
        options.walk.followLinks = true
        let summary = try IndexWriter(path: folder.path + "/i.db", options: options).index([folder.path + "/docs"])
        let named = { (list: [SkippedFile]) in list.filter { $0.path.hasSuffix("/" + name) } }
        switch expected {
        case .indexed:
            #expect(summary.added == 3 && summary.failed.isEmpty && summary.warnings.isEmpty, "\(summary)")
        case .indexedWithWarning(let reason):
            #expect(summary.added == 3, "\(summary)")
            #expect(named(summary.warnings).map(\.reason) == [.other(reason)])
        case .failed(let reason):
            #expect(summary.added == 2, "\(summary)")
            #expect(named(summary.failed).count == 1, "\(summary.failed)")
            // A reason worded by the library is matched by its words, one of data by its values.
            let found = named(summary.failed).first?.reason
            if case .other(let words) = reason {
                #expect(found?.words?.contains(words) == true, "\(summary.failed)")
            } else {
                #expect(found == reason, "\(summary.failed)")
            }
        case .skippedAsOther:
            #expect(summary.added == 2 && summary.otherFiles == 1 && summary.failed.isEmpty, "\(summary)")
        }
        #expect(try IndexReader(path: folder.path + "/i.db").matches(expression: "basra", limit: 10).hits.count == 1, "the rest of the folder is indexed")
    }

    @Test func aFileDeletedAfterTheWalkIsReportedAsVanishedWithWhatItHeld() throws {
        // The walk listed c.txt, then it disappeared before the preparing thread read it.
        let path = "/nonexistent-\(getpid())/c.txt"
        let found = FoundFile(path: path, relativePath: "c.txt", size: 10, modified: 1)
        let stored = StoredFile(id: 7, hash: "x", size: 9, modified: 0)
        let preparer = FilePreparer(files: [found], previous: [path: [path: stored]], maxFileSize: 1 << 20,
                                    fields: JSONLinesFields(), analyzer: Analyzer())
        guard case let .vanished(file, reason, previous) = preparer.next() else {
            Issue.record("a vanished file was not reported as such")
            return
        }
        #expect(file == found)
        #expect(reason == .file(.vanished))
        #expect(previous == [path: stored])
        #expect(preparer.next() == nil)
    }

    @Test func aMissingPathIsCountedAndTakesNothingAway() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("one/a.txt", "A\n\nBaghdad.")
        try folder.write("two/b.txt", "B\n\nBasra.")
        let db = folder.path + "/i.db"
        _ = try IndexWriter(path: db).index([folder.path + "/one", folder.path + "/two"])
        try FileManager.default.moveItem(atPath: folder.path + "/one", toPath: folder.path + "/gone")
        let summary = try IndexWriter(path: db).index([folder.path + "/one", folder.path + "/two"])
        #expect(summary.failed == [SkippedFile(path: folder.path + "/one", reason: .other("no such file or folder"))])
        #expect(summary.removed == 0 && summary.unchanged == 1)
        #expect(try IndexChecker.check(path: db).documents == 2, "a folder that is not there is not an empty folder")
    }
}
