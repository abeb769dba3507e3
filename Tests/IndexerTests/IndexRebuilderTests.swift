import Foundation
import Testing
@testable import Indexer

struct IndexRebuilderTests {
    /// Every passage that matches `query`, as rowids: what a search would see.
    func hits(_ db: String, _ query: String) throws -> [Int64] {
        try IndexReader(path: db).matches(expression: query).hits.map(\.rowid).sorted()
    }

    @Test func aLostTokenIndexIsRebuiltFromTheStoredText() throws {
        let index = try DamagedIndex()
        defer { index.folder.remove() }
        let before = try IndexChecker.check(path: index.db)
        let baghdad = try hits(index.db, "baghdad")
        #expect(baghdad.count == 1)
        try index.damage("DELETE FROM passages_fts_data WHERE id > 1")
        #expect(!(try IndexChecker.check(path: index.db).healthy))

        let summary = try IndexRebuilder.rebuild(path: index.db)
        #expect(summary == {
            var s = RebuildSummary()
            s.documents = 3
            s.passages = 6
            return s
        }())
        let after = try IndexChecker.check(path: index.db)
        #expect(after.healthy, "\(after.problems)")
        #expect(after.digest == before.digest)
        #expect(try hits(index.db, "baghdad") == baghdad)
    }

    @Test func incompleteDocumentsAreDroppedAndComeBackWithTheNextIndexRun() throws {
        let index = try DamagedIndex()
        defer { index.folder.remove() }
        let before = try IndexChecker.check(path: index.db)
        try index.damage("""
            DELETE FROM passages_fts_content WHERE id = (SELECT min(id) FROM passages_fts_content);
            INSERT INTO passages_fts(rowid, title, body) VALUES (999 << 20, 'x', 'stray words');
            """)
        let summary = try IndexRebuilder.rebuild(path: index.db)
        #expect(summary.droppedDocuments == [index.folder.path + "/docs/a.txt"])
        #expect(summary.orphanPassages == 1)
        #expect(try IndexChecker.check(path: index.db).healthy)
        #expect(try hits(index.db, "stray").isEmpty)

        let rerun = try IndexWriter(path: index.db).index([index.folder.path + "/docs"])
        #expect(rerun.added == 1)
        #expect(try IndexChecker.check(path: index.db).digest == before.digest)
    }

    @Test func anOlderLayoutIsUpgradedByItsStepsAndRefusedBySearches() throws {
        let index = try DamagedIndex()
        defer { index.folder.remove() }
        try index.damage("PRAGMA user_version = \(Schema.version - 1)")
        #expect(throws: IndexError.olderSchema(path: index.db, found: Schema.version - 1, supported: Schema.version)) {
            try IndexReader(path: index.db)
        }
        // The hook: a SQL step and a re-tokenize step, applied in one transaction.
        let database = try Database(path: index.db, access: .readWrite)
        try Schema.migrate(database, from: Schema.version - 1, to: Schema.version + 1,
                           steps: [Schema.version - 1: .sql("CREATE TABLE upgraded(x)"), Schema.version: .retokenize])
        #expect(try database.scalarInt("PRAGMA user_version") == Int64(Schema.version + 1))
        #expect(try database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'upgraded'") == 1)
        #expect(try database.scalarInt("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'baghdad'") == 1)

        // A missing step leaves the file as it was and says so.
        try database.execute("PRAGMA user_version = 0", context: "test")
        #expect(throws: IndexError.olderSchema(path: index.db, found: 0, supported: 3)) {
            try Schema.migrate(database, from: 0, to: 3, steps: [0: .sql("CREATE TABLE step0(x)")])
        }
        #expect(try database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'step0'") == 0)
    }

    @Test func aSecondWriterCannotRebuildMeanwhile() throws {
        let index = try DamagedIndex()
        defer { index.folder.remove() }
        let writer = try IndexWriter(path: index.db)
        #expect(throws: IndexError.busy(path: index.db, holder: "pid \(getpid())")) { try IndexRebuilder.rebuild(path: index.db) }
        _ = writer
    }
}
