import Foundation
import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

/// A real index of a few documents, and a connection that may damage it on purpose (defensive mode off).
struct DamagedIndex {
    let folder: TemporaryFolder
    let db: String

    init() throws {
        folder = try TemporaryFolder()
        db = folder.path + "/index.db"
        try folder.write("docs/a.txt", "Alpha\n\nSoleimani visited Baghdad.\n\nProtesters gathered in Tahrir Square.\n\nNews on 2019-12-01.")
        try folder.write("docs/b.txt", "Beta\n\nKata'ib Hezbollah attacked the embassy.")
        try folder.write("docs/c.txt", "Gamma\n\nBasra was quiet.\n\nNajaf too.")
        _ = try IndexWriter(path: db).index([folder.path + "/docs"])
    }

    /// Runs SQL on a connection that can write shadow tables, as a disk fault or a foreign tool might.
    func damage(_ sql: String) throws {
        let database = try Database(path: db, access: .readWrite, defensive: false)
        try database.execute(sql, context: "damaging the index for a test")
    }
}

struct IndexCheckerTests {
    @Test func aFreshIndexIsHealthyAndCounted() throws {
        let index = try DamagedIndex()
        defer { index.folder.remove() }
        let health = try IndexChecker.check(path: index.db)
        #expect(health.healthy, "\(health.problems)")
        #expect(health.schemaVersion == Schema.version)
        #expect(health.documents == 3)
        #expect(health.passages == 6)
        #expect(health.digest.count == 16)
    }

    @Test func theDigestDependsOnContentNotOnHowTheIndexWasBuilt() throws {
        let index = try DamagedIndex()
        defer { index.folder.remove() }
        let first = try IndexChecker.check(path: index.db).digest
        // The same files indexed in two runs, the second with a file re-added, give the same digest.
        let other = index.folder.path + "/other.db"
        try FileManager.default.moveItem(atPath: index.folder.path + "/docs/b.txt", toPath: index.folder.path + "/b.txt")
        _ = try IndexWriter(path: other).index([index.folder.path + "/docs"])
        try FileManager.default.moveItem(atPath: index.folder.path + "/b.txt", toPath: index.folder.path + "/docs/b.txt")
        _ = try IndexWriter(path: other).index([index.folder.path + "/docs"])
        #expect(try IndexChecker.check(path: other).digest == first)
        try index.folder.write("docs/c.txt", "Gamma\n\nBasra was loud.\n\nNajaf too.")
        _ = try IndexWriter(path: other).index([index.folder.path + "/docs"])
        #expect(try IndexChecker.check(path: other).digest != first)
    }

    // The problems are data; their sentences (which these cases once matched as text) are Rendering's, tested in
    // searchTests' ErrorMessagesTests.
    @Test(arguments: [
        ("a lost token segment", "DELETE FROM documents_fts_data WHERE id > 1", { @Sendable (problem: IndexProblem) -> Bool in
            if case .fullTextMismatch = problem { return true } else { return false } }),
        ("a lost text", "DELETE FROM documents_fts_content WHERE id = (SELECT max(id) FROM documents_fts_content)", { @Sendable (problem: IndexProblem) -> Bool in
            if case .textsMissing(_, 1, _) = problem { return true } else { return false } }),
        ("a text of no document", "INSERT INTO documents_fts(rowid, title, body) VALUES (999, 'x', 'stray words')", { @Sendable (problem: IndexProblem) -> Bool in
            if case .orphanTexts(_, 1) = problem { return true } else { return false } }),
        ("a stray passage date", "INSERT INTO passage_dates VALUES (12345, 0, '2019-01-01', '2019-01-01')", { @Sendable (problem: IndexProblem) -> Bool in
            if case .orphanDates(_, 1) = problem { return true } else { return false } }),
        ("passages beyond the text", "UPDATE documents SET passages = X'0000000000001000' WHERE relpath = 'b.txt'", { @Sendable (problem: IndexProblem) -> Bool in
            if case .passagesMisplaced(_, 1, ["b.txt"]) = problem { return true } else { return false } }),
        ("an older layout", "PRAGMA user_version = 0", { @Sendable (problem: IndexProblem) -> Bool in
            problem == .olderLayout(found: 0, supported: Schema.version) }),
        ("a newer layout", "PRAGMA user_version = 99", { @Sendable (problem: IndexProblem) -> Bool in
            problem == .newerLayout(found: 99, supported: Schema.version) }),
    ] as [(String, String, @Sendable (IndexProblem) -> Bool)])
    func damageIsFoundAndNamed(name: String, sql: String, expected: @Sendable (IndexProblem) -> Bool) throws {
        let index = try DamagedIndex()
        defer { index.folder.remove() }
        try index.damage(sql)
        let health = try IndexChecker.check(path: index.db)
        #expect(!health.healthy, "\(name) went unnoticed")
        let found = health.problems.contains(where: expected)
        #expect(found, "\(name): \(health.problems)")
        #expect(!"\(health.problems)".lowercased().contains("sqlite error"), "\(health.problems)")
    }

    @Test func aDamagedPageIsReportedNotThrown() throws {
        let index = try DamagedIndex()
        defer { index.folder.remove() }
        // Overwrite one page past the header with garbage, as a disk fault would (the WAL was checkpointed on close).
        let handle = try #require(FileHandle(forUpdatingAtPath: index.db))
        let size = try handle.seekToEnd()
        #expect(size >= 4 * 4096)
        try handle.seek(toOffset: 2 * 4096)
        handle.write(Data(repeating: 0xA5, count: 4096))
        try handle.close()
        let health = try IndexChecker.check(path: index.db)
        #expect(!health.healthy)
        let damaged: Bool
        switch health.problems.first {
        case .damagedFile?, .unreadableFile?: damaged = true
        default: damaged = false
        }
        #expect(damaged, "\(health.problems)")
    }

    @Test func whatIsNotAnIndexIsRefusedUntouched() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let junk = try folder.write("junk.db", String(repeating: "not a database ", count: 400))
        let before = try Data(contentsOf: URL(fileURLWithPath: junk))
        #expect(throws: IndexError.notAnIndex(path: junk)) { try IndexChecker.check(path: junk) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: junk)) == before)
        #expect(throws: IndexError.noIndex(path: folder.path + "/none.db")) { try IndexChecker.check(path: folder.path + "/none.db") }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/none.db"), "a check never creates an index")
    }
}
