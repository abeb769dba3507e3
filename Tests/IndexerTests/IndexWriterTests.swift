import Foundation
import Testing
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
