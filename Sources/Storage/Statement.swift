import CSQLite

/// A compiled SQL statement: binds values (never splices them) and steps through rows.
final class Statement {
    let handle: OpaquePointer
    unowned let database: Database
    /// What the statement does, for messages: set again by each caller of a cached statement.
    var context: String
    /// True while a caller of `Database.withStatement` runs it, so that a nested use of the same SQL gets its own.
    var inUse = false

    init(handle: OpaquePointer, database: Database, context: String) {
        self.handle = handle
        self.database = database
        self.context = context
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds an integer to the 1-based parameter `index`.
    func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    /// Binds an integer to the 1-based parameter `index`.
    func bind(_ value: Int, at index: Int32) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    /// Binds text (copied by SQLite), or NULL for nil.
    func bind(_ value: String?, at index: Int32) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        var copy = value
        copy.withUTF8 { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress ?? Statement.emptyText.utf8Start).assumingMemoryBound(to: CChar.self)
            _ = sqlite3_bind_text(handle, index, base, Int32(buffer.count), csqlite_transient())
        }
    }

    // A static NUL-terminated empty string: an empty Swift string may have no buffer at all.
    private static let emptyText: StaticString = ""

    /// Binds a real number.
    func bind(_ value: Double, at index: Int32) {
        sqlite3_bind_double(handle, index, value)
    }

    /// Binds bytes as a BLOB (copied by SQLite).
    func bind(blob: [UInt8], at index: Int32) {
        blob.withUnsafeBytes { raw in
            _ = sqlite3_bind_blob(handle, index, raw.baseAddress ?? UnsafeRawPointer(Statement.emptyText.utf8Start), Int32(raw.count), csqlite_transient())
        }
    }

    /// Binds NULL.
    func bindNull(at index: Int32) {
        sqlite3_bind_null(handle, index)
    }

    /// Advances to the next row; false when the statement is done.
    @discardableResult
    func step() throws(IndexError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw database.error(sqlite3_extended_errcode(database.handle), context: context)
    }

    /// Steps to completion, then resets and clears bindings so the statement can run again.
    func run() throws(IndexError) {
        defer { reset() }
        while try step() {}
    }

    /// Makes the statement ready to run again with new bindings.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// The integer in column `index` (0-based) of the current row.
    func int(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    /// The real number in column `index`.
    func double(_ index: Int32) -> Double { sqlite3_column_double(handle, index) }

    /// True when column `index` is NULL.
    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

    /// The text in column `index`, or nil for NULL.
    func text(_ index: Int32) -> String? {
        guard let p = sqlite3_column_text(handle, index) else { return nil }
        let n = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    /// The bytes of a BLOB column, or empty.
    func blob(_ index: Int32) -> [UInt8] {
        guard let p = sqlite3_column_blob(handle, index) else { return [] }
        let n = Int(sqlite3_column_bytes(handle, index))
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }
}
