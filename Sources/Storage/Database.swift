import Analysis
import CSQLite
import Glibc

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
        /// Checks and repairs: writable, but the file must already exist (a typo never creates an empty index).
        case readWriteExisting
    }

    let handle: OpaquePointer
    /// The file path as the user gave it, for messages.
    public let path: String
    let tokenizerContext: TokenizerContext
    /// The analyzer this connection tokenizes with (the index's own once its settings are read).
    package var analyzer: Analyzer { tokenizerContext.analyzer }

    /// The choices of the index in this file, once a writer's `Schema.prepare` (or `IndexChecker`) has read or
    /// written them; the tokenizer's analyzer follows them, so FTS5 re-tokenizes (rebuild, upgrade, check) as the
    /// index was built.
    var settings = IndexSettings() {
        didSet { tokenizerContext.analyzer = settings.applied(to: tokenizerContext.analyzer) }
    }

    /// Opens (or, for `.readWrite`, creates) the database at `path` and registers the project's FTS5 tokenizer
    /// and functions on it.
    /// `defensive: false` lets tests damage shadow tables on purpose; the program never turns it off.
    public init(path: String, access: Access, analyzer: Analyzer = Analyzer(), defensive: Bool = true) throws(IndexError) {
        self.path = path
        // Before SQLite creates anything beside it: a device, a FIFO, a dangling link or a hard-linked file is refused.
        _ = try DatabaseFile.identity(of: path)
        let flags = switch access {
        case .readOnly: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
        case .readWrite: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        case .readWriteExisting: SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        }
        var (rc, stage, db) = Database.connect(path, flags: flags)
        if rc != SQLITE_OK && access == .readOnly && Database.folderIsReadOnly(path) && Database.walIsEmpty(path)
            && (rc & 0xff == SQLITE_READONLY || rc & 0xff == SQLITE_CANTOPEN) && Database.fileExists(path) {
            // A WAL index in a folder this user cannot write: SQLite cannot create the -shm file it reads through.
            // With no -wal content nobody is writing (a writer needs that folder too), so the file is read as is.
            sqlite3_close_v2(db)
            (rc, stage, db) = Database.connect(Database.immutableURI(path), flags: flags | SQLITE_OPEN_URI)
        }
        if rc != SQLITE_OK && access == .readOnly && Database.sharedMemoryFailed(rc) && Database.fileExists(path) {
            // No room for the -shm file a WAL reader maps (a full disk). With an empty log (every finished update
            // merges and empties it) nothing is being written, so the file is read as is. A log still holding
            // commits cannot be read without that file: SQLite has no reader that keeps it in memory.
            sqlite3_close_v2(db)
            guard Database.walIsEmpty(path) else {
                throw .cannotOpen(path: path, reason: "the disk is full and the last update's log (\(path)-wal) is not merged into the index yet; free some space on that disk (32 KB is enough) and search again")
            }
            (rc, stage, db) = Database.connect(Database.immutableURI(path), flags: flags | SQLITE_OPEN_URI)
        }
        guard rc == SQLITE_OK, let db else {
            sqlite3_close_v2(db)
            if rc & 0xff == SQLITE_CANTOPEN && access != .readWrite && !Database.fileExists(path) { throw .noIndex(path: path) }
            if access == .readOnly && rc & 0xff == SQLITE_READONLY {
                throw .updateInProgress(path: path)
            }
            if stage == .open { throw .cannotOpen(path: path, reason: Database.plainReason(rc)) }
            // A damaged header or layout (a truncated or overwritten file): rebuild opens it the same way and cannot help.
            if rc & 0xff == SQLITE_CORRUPT { throw .unusable(path: path, detail: "its header or layout is damaged") }
            throw Database.error(rc, path: path, context: "reading the database header")
        }
        if let (expected, actual) = DatabaseFile.truncation(of: db, path: path) {
            // SQLite reads the missing pages as damage only when a query reaches them, and rebuild cannot make them.
            sqlite3_close_v2(db)
            throw .unusable(path: path, detail: "the file is cut short: \(actual) of its \(expected) bytes")
        }
        handle = db
        if access == .readOnly {
            // A small page cache for one-shot readers: SQLite's default 2 MB gives every page read a fresh heap page,
            // a page fault each; 128 KiB recycles them, and the pages read again come from the OS's cache, not disk.
            // A hint, so a failure is not worth refusing the index for.
            _ = sqlite3_exec(db, "PRAGMA cache_size = -128", nil, nil, nil)
        }
        tokenizerContext = TokenizerContext(analyzer: analyzer)
        if defensive { _ = csqlite_enable_defensive(db) }
        do {
            try registerFTS5Extensions()
        } catch {
            sqlite3_close_v2(db)
            throw error
        }
    }

    private enum Stage { case open, header }

    /// SQLite's process-wide settings, applied once before the first connection (a global is initialised once).
    private static let processSettings: Void = {
        _ = csqlite_disable_memory_statistics()
        preparePageCache()
    }()

    /// Page-cache slots for the read-only connections' 128 KiB cache (`PRAGMA cache_size = -128`), mapped with their
    /// memory already in place: SQLite's own cache takes each page's buffer from the heap as the query first reads
    /// it, one page fault each (about 35 per query on this machine's VMs, at ~10 µs apiece), where one `mmap` with
    /// MAP_POPULATE provides them all at once. A writer's larger cache takes what does not fit from the heap, as before.
    private static func preparePageCache() {
        var header: Int32 = 0
        guard csqlite_page_cache_header_size(&header) == SQLITE_OK, header > 0 else { return }
        // The slot holds a page of the default 4,096 bytes and SQLite's header for it, rounded to 8 bytes.
        let slotSize = (4096 + Int(header) + 7) & ~7
        let slots = 40
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE | MAP_ANON
        #endif
        guard let buffer = mmap(nil, slotSize * slots, PROT_READ | PROT_WRITE, flags, -1, 0), buffer != MAP_FAILED else { return }
        // SQLite keeps the buffer for the life of the process; it is never unmapped.
        if csqlite_page_cache(buffer, Int32(slotSize), Int32(slots)) != SQLITE_OK { munmap(buffer, slotSize * slots) }
    }

    /// Opens `target` and reads the header: the first read is what fails on a file that is not SQLite.
    private static func connect(_ target: String, flags: Int32) -> (Int32, Stage, OpaquePointer?) {
        _ = Database.processSettings
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(target, &db, flags, nil)
        guard rc == SQLITE_OK, let db else { return (rc, .open, db) }
        sqlite3_extended_result_codes(db, 1)
        // Before the first read: a reader that opens while a writer checkpoints must wait, not fail with "busy".
        sqlite3_busy_timeout(db, Database.defaultBusyMilliseconds)
        if sqlite3_exec(db, "PRAGMA schema_version", nil, nil, nil) != SQLITE_OK { return (sqlite3_extended_errcode(db), .header, db) }
        return (SQLITE_OK, .header, db)
    }

    private static func folderIsReadOnly(_ path: String) -> Bool {
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        return access(folder.isEmpty ? "/" : folder, W_OK) != 0
    }

    /// SQLITE_IOERR_SHMOPEN, _SHMSIZE and _SHMMAP (expression macros Swift does not import): the -shm file a WAL
    /// reader maps could not be made.
    private static func sharedMemoryFailed(_ rc: Int32) -> Bool {
        rc == 10 | (18 << 8) || rc == 10 | (19 << 8) || rc == 10 | (21 << 8)
    }

    private static func walIsEmpty(_ path: String) -> Bool {
        var info = stat()
        return stat(path + "-wal", &info) != 0 || info.st_size == 0
    }

    /// `file:` URI of `path` with `immutable=1`; every byte outside the unreserved set is percent-encoded.
    private static func immutableURI(_ path: String) -> String {
        var uri = "file:"
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                uri.append(Character(Unicode.Scalar(byte)))
            default:
                uri += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return uri + "?immutable=1"
    }

    deinit {
        // Finalized before the connection closes (the cache holds the only references once no caller runs them).
        cachedStatements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs `body` with the tokenizer reading query terms in `mode`, the mode restored when it returns: FTS5 reads a
    /// MATCH expression's terms when a statement is first stepped, so a reader call steps its statements inside.
    /// No mode stays set on the connection between calls.
    func withQueryMode<T>(_ mode: Analyzer.Mode, _ body: () throws(IndexError) -> T) throws(IndexError) -> T {
        let saved = tokenizerContext.queryMode
        tokenizerContext.queryMode = mode
        defer { tokenizerContext.queryMode = saved }
        return try body()
    }

    /// Token recordings for the next insert's texts, in column order (see `TokenRecording`).
    var pendingRecordings: [TokenRecording] {
        get { tokenizerContext.recordings }
        set { tokenizerContext.recordings = newValue }
    }

    /// How long every connection waits for another's lock unless told otherwise.
    static let defaultBusyMilliseconds: Int32 = 5_000

    /// Waits up to `milliseconds` for another connection's lock before failing with `.busy`.
    public func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Runs one or more statements that take no parameters and return no rows that matter.
    func execute(_ sql: String, context: String) throws(IndexError) {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        if rc != SQLITE_OK && rc != SQLITE_ROW { throw error(rc, context: context) }
    }

    /// Compiles `sql` into a statement.
    func prepare(_ sql: String, context: String) throws(IndexError) -> Statement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(rc, context: context) }
        return Statement(handle: stmt, database: self, context: context)
    }

    /// Statements run more than once on this connection and their SQL (as GRDB keeps them): preparing one parses
    /// the SQL and reads the schema every time. Two arrays searched in order, not a dictionary: a dozen entries at
    /// most, and a dictionary of a new type costs a one-shot process the runtime's conformance scan.
    private var cachedSQL: [String] = []
    private var cachedStatements: [Statement] = []

    /// Runs `body` with the statement for `sql`: the cached one, else a new one that the cache keeps. A statement
    /// reaches `body` with no bindings and is reset when `body` returns, so it holds no read lock between uses.
    /// When the cached statement is still running (a nested use of the same SQL, say while its rows are stepped
    /// through), `body` gets a freshly prepared one instead, finalized afterwards.
    func withStatement<T>(_ sql: String, context: String,
                          _ body: (Statement) throws(IndexError) -> T) throws(IndexError) -> T {
        let statement: Statement
        if let index = cachedSQL.firstIndex(of: sql) {
            if cachedStatements[index].inUse {
                statement = try prepare(sql, context: context)
            } else {
                statement = cachedStatements[index]
                statement.context = context
            }
        } else {
            statement = try prepare(sql, context: context)
            cachedSQL.append(sql)
            cachedStatements.append(statement)
        }
        statement.inUse = true
        defer {
            statement.reset()
            statement.inUse = false
        }
        return try body(statement)
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
        Database.error(rc, path: path, context: context)
    }

    private static func error(_ rc: Int32, path: String, context: String) -> IndexError {
        switch rc & 0xff {
        case SQLITE_NOTADB: return .notAnIndex(path: path)
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy(path: path, holder: nil)
        case SQLITE_FULL: return .diskFull(path: path)
        case SQLITE_READONLY: return .readOnly(path: path)
        case SQLITE_CORRUPT: return .corrupt(path: path, detail: "while \(context)")
        case SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: "the file or its folder cannot be opened")
        case SQLITE_IOERR:
            // A failed write on a full disk is reported as an I/O error on some file systems; so is a -shm file
            // that cannot grow.
            return (rc == Database.ioErrWrite || rc == Database.ioErrFsync || sharedMemoryFailed(rc))
                ? .diskFull(path: path) : .storage(path: path, code: rc, context: context)
        default: return .storage(path: path, code: rc, context: context)
        }
    }

    // SQLITE_IOERR_WRITE and SQLITE_IOERR_FSYNC are expression macros that Swift does not import.
    private static let ioErrWrite: Int32 = 10 | (3 << 8)
    private static let ioErrFsync: Int32 = 10 | (4 << 8)

    static func fileExists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The words for a failed open: SQLite's own message never reaches the user.
    private static func plainReason(_ rc: Int32) -> String {
        switch rc & 0xff {
        case SQLITE_CANTOPEN: return "the file or its folder cannot be opened or created"
        case SQLITE_PERM: return "permission denied"
        case SQLITE_READONLY: return "the location is read-only"
        default: return IndexError.words(forSQLiteCode: rc)
        }
    }
}
