import Foundation
import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct IndexRebuilderTests {
    /// Every document that matches `query`, as ids: what a search would see.
    func hits(_ db: String, _ query: String) throws -> [Int64] {
        try IndexReader(path: db).matches(expression: query, limit: 1000).hits.map(\.id).sorted()
    }

    @Test func aLostTokenIndexIsRebuiltFromTheStoredText() throws {
        let index = try DamagedIndex()
        defer { index.folder.remove() }
        let before = try IndexChecker.check(path: index.db)
        let baghdad = try hits(index.db, "baghdad")
        #expect(baghdad.count == 1)
        try index.damage("DELETE FROM documents_fts_data WHERE id > 1")
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
        let database = try Database(path: index.db, access: .readOnly)
        #expect(try database.scalarInt("SELECT count(DISTINCT segid) FROM documents_fts_idx") == 1)
        #expect(try database.scalarInt("SELECT v FROM documents_fts_config WHERE k = 'automerge'") == 4)
    }

    @Test func incompleteDocumentsAreDroppedAndComeBackWithTheNextIndexRun() throws {
        let index = try DamagedIndex()
        defer { index.folder.remove() }
        let before = try IndexChecker.check(path: index.db)
        try index.damage("""
            DELETE FROM documents_fts_content WHERE id = (SELECT min(id) FROM documents_fts_content);
            INSERT INTO documents_fts(rowid, title, body) VALUES (999, 'x', 'stray words');
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

    @Test func aSecondWriterCannotRebuildMeanwhile() throws {
        let index = try DamagedIndex()
        defer { index.folder.remove() }
        do {
            let writer = try IndexWriter(path: index.db)
            #expect(throws: IndexError.busy(path: index.db, holder: "pid \(getpid())")) { try IndexRebuilder.rebuild(path: index.db) }
            _ = writer
        }
    }
}
