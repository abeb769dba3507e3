import Foundation
import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct SchemaTests {
    @Test func anOlderLayoutIsUpgradedByItsStepsAndRefusedBySearches() throws {
        let index = try DamagedIndex()
        defer { index.folder.remove() }
        try index.damage("PRAGMA user_version = \(Schema.version - 1)")
        #expect(throws: IndexError.olderSchema(path: index.db, found: Schema.version - 1, supported: Schema.version)) {
            try IndexReader(path: index.db)
        }
        do {
            // The hook: a SQL step and a re-tokenize step, applied in one transaction.
            let database = try Database(path: index.db, access: .readWrite)
            try Schema.migrate(database, from: Schema.version - 1, to: Schema.version + 1,
                               steps: [Schema.version - 1: .sql("CREATE TABLE upgraded(x)"), Schema.version: .retokenize])
            #expect(try database.scalarInt("PRAGMA user_version") == Int64(Schema.version + 1))
            #expect(try database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'upgraded'") == 1)
            #expect(try database.scalarInt("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'baghdad'") == 1)

            // A missing step leaves the file as it was and says so.
            try database.execute("PRAGMA user_version = 0", context: "test")
            #expect(throws: IndexError.olderSchema(path: index.db, found: 0, supported: 3)) {
                try Schema.migrate(database, from: 0, to: 3, steps: [0: .sql("CREATE TABLE step0(x)")])
            }
            #expect(try database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'step0'") == 0)
        }
    }

    @Test func everyOlderVersionHasAPathOfShippedSteps() throws {
        let index = try DamagedIndex()
        defer { index.folder.remove() }
        for old in 1..<Schema.version {
            try index.damage("PRAGMA user_version = \(old)")
            // Version 2 and older had no passage_positions column (renamed away: SQLite's DROP COLUMN trips over the
            // comments in the table's definition).
            if old <= 2 { try index.damage("ALTER TABLE documents RENAME COLUMN passage_positions TO v\(old)_unused") }
            // Version 3 and older had no settings table.
            if old <= 3 { try index.damage("DROP TABLE IF EXISTS settings") }
            // Version 5 had pending_dates where 6 has collection_dating; version 4 and older had neither.
            try index.damage("DROP TABLE IF EXISTS collection_dating")
            if old == 5 { try index.damage(Schema.createPendingDates) } else { try index.damage("DROP TABLE IF EXISTS pending_dates") }
            // Version 4 and older had no name_spellings table.
            try index.damage("DROP TABLE IF EXISTS name_spellings")
            let database = try Database(path: index.db, access: .readWrite)
            try Schema.migrate(database, from: old, to: Schema.version, steps: Schema.migrations)
            #expect(try database.scalarInt("PRAGMA user_version") == Int64(Schema.version))
            #expect(try database.scalarInt("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'baghdad'") == 1)
            #expect(try database.scalarInt("SELECT count(*) FROM documents WHERE passage_positions IS NULL") == 0)
            #expect(try IndexSettings.read(database) == IndexSettings())
            #expect(try database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'settings'") == 1)
            #expect(try database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'collection_dating'") == 1)
            #expect(try database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'pending_dates'") == 0)
        }
    }
}
