import Testing
@testable import Storage

/// `Database.configureForBuilding` and `configureForUpdating`: the journal each writer gets, on a real file, with the
/// connection's defensive guard (which silently ignores `journal_mode = OFF`) still up afterwards.
struct WriteModesTests {
    @Test(arguments: [
        // (a new build?, the journal mode SQLite reports afterwards)
        (true, "off"),   // a failed build is thrown away whole: no journal written at every commit
        (false, "wal"),  // an update is read while it runs
    ])
    func eachWriterGetsItsJournalAndKeepsTheGuard(building: Bool, expected: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = try Database(path: folder.path + "/w.db", access: .readWrite)
        try Schema.prepare(database, create: true, settings: IndexSettings())
        if building { try database.configureForBuilding() } else { try database.configureForUpdating() }
        let mode = try database.withStatement("PRAGMA journal_mode", context: "test") { s throws(IndexError) in
            try s.step() ? s.text(0) : nil
        }
        #expect(mode == expected)
        // Defensive again: FTS5's shadow tables cannot be written directly.
        #expect(throws: IndexError.self) {
            try database.execute("DELETE FROM \(Schema.Table.fts)_data", context: "test")
        }
    }
}
