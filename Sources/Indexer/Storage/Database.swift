import CSQLite

/// One SQLite connection. The only place that opens, closes and reads SQLite error codes.
///
/// Deliberately not `Sendable`: a connection belongs to one task at a time.
public final class Database {
    /// How a connection is opened.
    public enum Access: Sendable {
        /// Searches: the file must exist; nothing can be written through this connection.
        case readOnly
        /// Indexing: the file is created when missing.
        case readWrite
    }

    let handle: OpaquePointer
    /// The file path as the user gave it, for messages.
    public let path: String
    let tokenizerContext: TokenizerContext

    /// Opens (or, for `.readWrite`, creates) the database at `path` and registers the project's FTS5 tokenizer
    /// and functions on it.
    public init(path: String, access: Access, analyzer: Analyzer = Analyzer()) throws(IndexError) {
        self.path = path
        var db: OpaquePointer?
        let flags = access == .readOnly
            ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let reason = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            if rc == SQLITE_CANTOPEN && access == .readOnly { throw .noIndex(path: path) }
            throw .cannotOpen(path: path, reason: Database.plainReason(rc, reason))
        }
        handle = db
        tokenizerContext = TokenizerContext(analyzer: analyzer)
        sqlite3_extended_result_codes(db, 1)
        _ = csqlite_enable_defensive(db)
        do {
            // Reading the schema is the first thing that fails on a file that is not SQLite.
            try execute("PRAGMA schema_version", context: "reading the database header")
            try registerFTS5Extensions()
        } catch {
            sqlite3_close_v2(db)
            throw error
        }
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// The variant-matching mode the tokenizer uses for query terms on this connection (`--exact` switches it).
    public var queryMode: Analyzer.Mode {
        get { tokenizerContext.queryMode }
        set { tokenizerContext.queryMode = newValue }
    }

    /// Waits up to `milliseconds` for another connection's lock before failing with `.busy`.
    public func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Runs one or more statements that take no parameters and return no rows that matter.
    public func execute(_ sql: String, context: String) throws(IndexError) {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        if rc != SQLITE_OK && rc != SQLITE_ROW { throw error(rc, context: context) }
    }

    /// Compiles `sql` into a statement.
    public func prepare(_ sql: String, context: String) throws(IndexError) -> Statement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(rc, context: context) }
        return Statement(handle: stmt, database: self, context: context)
    }

    /// Runs `body` in one transaction (BEGIN IMMEDIATE, so a second writer is told at once), rolling back on error.
    public func transaction<T>(_ context: String, _ body: () throws(IndexError) -> T) throws(IndexError) -> T {
        try execute("BEGIN IMMEDIATE", context: context)
        do {
            let value = try body()
            try execute("COMMIT", context: context)
            return value
        } catch {
            sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
            throw error
        }
    }

    /// The rowid of the last inserted row.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Converts an SQLite result code into an `IndexError` a user can act on; SQLite's own text never reaches the user
    /// except through `.storage`, which names the operation and the code only.
    func error(_ rc: Int32, context: String) -> IndexError {
        switch rc & 0xff {
        case SQLITE_NOTADB: return .notAnIndex(path: path)
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy(path: path, holder: nil)
        case SQLITE_FULL: return .diskFull(path: path)
        case SQLITE_READONLY: return .readOnly(path: path)
        case SQLITE_CORRUPT: return .corrupt(path: path, detail: "while \(context)")
        case SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: "the file or its folder cannot be opened")
        case SQLITE_IOERR:
            // A failed write on a full disk is reported as an I/O error on some file systems.
            return (rc == Database.ioErrWrite || rc == Database.ioErrFsync) ? .diskFull(path: path) : .storage(path: path, code: rc, context: context)
        default: return .storage(path: path, code: rc, context: context)
        }
    }

    /// The last error message SQLite produced on this connection, for logs and FTS5 syntax diagnostics only.
    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }

    // SQLITE_IOERR_WRITE and SQLITE_IOERR_FSYNC are expression macros that Swift does not import.
    private static let ioErrWrite: Int32 = 10 | (3 << 8)
    private static let ioErrFsync: Int32 = 10 | (4 << 8)

    private static func plainReason(_ rc: Int32, _ message: String) -> String {
        switch rc & 0xff {
        case SQLITE_CANTOPEN: return "the file or its folder cannot be opened or created"
        case SQLITE_PERM: return "permission denied"
        case SQLITE_READONLY: return "the location is read-only"
        default: return message
        }
    }
}
