import Analysis
/// What `search check` found: the index's size, a digest of its content, and every problem as data.
public struct IndexHealth: Sendable, Equatable, Codable {
    /// The layout version stored in the file (`PRAGMA user_version`).
    public var schemaVersion: Int
    /// Documents in the index.
    public var documents: Int
    /// Passages of all documents.
    public var passages: Int
    /// A hash of every document's path, content hash, text, passages and date, in path order: two indexes of the same files
    /// have the same digest whatever order or how many runs built them.
    public var digest: String
    /// What is wrong, one problem each; empty when the index is healthy. The front ends word them.
    public var problems: [IndexProblem]
    /// True when no problem was found.
    public var healthy: Bool { problems.isEmpty }

    /// Findings as given; `IndexChecker.check` makes them.
    public init(schemaVersion: Int = 0, documents: Int = 0, passages: Int = 0, digest: String = "", problems: [IndexProblem] = []) {
        self.schemaVersion = schemaVersion
        self.documents = documents
        self.passages = passages
        self.digest = digest
        self.problems = problems
    }
}

/// One thing `search check` found wrong, as data: the front ends word it and name the command that repairs it.
public enum IndexProblem: Sendable, Equatable, Codable {
    /// The layout version is newer than this program's: only a newer program can check it.
    case newerLayout(found: Int, supported: Int)
    /// The layout version is older than this program's: a rebuild upgrades it.
    case olderLayout(found: Int, supported: Int)
    /// SQLite's page-level check failed; `messages` are its own lines (at most 20).
    case damagedFile(messages: [String])
    /// The page-level check itself could not run; `reason` is the failure's gist.
    case unreadableFile(reason: String)
    /// FTS5's check needs to write and this user cannot write the index.
    case fullTextNotCheckable
    /// The token index of `path` does not match the stored passages (a rebuild repairs it).
    case fullTextMismatch(path: String, reason: String)
    /// Documents and passages could not be compared; `reason` is the failure's gist.
    case notCompared(reason: String)
    /// `count` documents of `path` have no indexed text; `examples` are the first three paths.
    case textsMissing(path: String, count: Int, examples: [String])
    /// `count` documents of `path` have passages outside their text; `examples` are the first three paths.
    case passagesMisplaced(path: String, count: Int, examples: [String])
    /// `count` indexed texts of `path` belong to no document.
    case orphanTexts(path: String, count: Int)
    /// `count` passage dates of `path` belong to no passage.
    case orphanDates(path: String, count: Int)
}

/// Verifies an index: SQLite's page-level check, FTS5's token-index check, the layout version, and that documents and
/// passages agree (every document has exactly its passages, no passage or date belongs to nobody).
///
/// FTS5's check is an `INSERT` command, so the file is opened writable, but nothing is changed. The writer lock is
/// taken when possible so the check sees no half-written run; on a read-only location it checks without it.
public enum IndexChecker {
    /// Checks the index at `path`. Throws only when the file is missing or is not an index at all.
    public static func check(path: String, wait: Double = 0) throws(IndexError) -> IndexHealth {
        _ = try DatabaseFile.identity(of: path) // a device, a FIFO, a dangling link or a hard link is refused first
        guard Database.fileExists(path) else { throw .noIndex(path: path) }
        var lock: WriterLock?
        do {
            lock = try WriterLock(database: path, wait: wait)
        } catch {
            if case .busy = error { throw error }
        }
        defer { _ = lock }
        let database: Database
        do {
            database = try Database(path: path, access: .readWriteExisting)
        } catch .readOnly {
            database = try Database(path: path, access: .readOnly)
        }
        database.setBusyTimeout(milliseconds: 5_000)
        return try check(database)
    }

    static func check(_ database: Database) throws(IndexError) -> IndexHealth {
        var health = IndexHealth()
        let objects = try database.scalarInt("SELECT count(*) FROM sqlite_schema")
        let appID = try database.scalarInt("PRAGMA application_id")
        if objects == 0 && appID == 0 { throw .noIndex(path: database.path) }
        guard appID == Schema.applicationID else { throw .foreignDatabase(path: database.path) }
        health.schemaVersion = Int(try database.scalarInt("PRAGMA user_version"))
        if health.schemaVersion > Schema.version {
            health.problems.append(.newerLayout(found: health.schemaVersion, supported: Schema.version))
            return health
        }
        if health.schemaVersion < Schema.version {
            health.problems.append(.olderLayout(found: health.schemaVersion, supported: Schema.version))
        }

        // FTS5's integrity check re-tokenizes every row: with the choices the index was built with.
        if let settings = try? IndexSettings.read(database) { database.settings = settings }

        // 1. Pages, b-trees and SQL indexes.
        do {
            let statement = try database.prepare("PRAGMA integrity_check(20)", context: "checking the database file")
            var messages: [String] = []
            while try statement.step() { messages.append(statement.text(0) ?? "") }
            if messages != ["ok"] {
                health.problems.append(.damagedFile(messages: messages))
            }
        } catch {
            health.problems.append(.unreadableFile(reason: error.shortReason))
            return health
        }

        // 2. The token index against the stored passage text (FTS5 re-tokenizes every row to compare).
        do {
            try database.execute("INSERT INTO \(Schema.Table.fts)(\(Schema.Table.fts)) VALUES('integrity-check')", context: "checking the full-text index")
        } catch .readOnly {
            health.problems.append(.fullTextNotCheckable)
        } catch {
            health.problems.append(.fullTextMismatch(path: database.path, reason: error.shortReason))
        }

        // 3. Documents against passages.
        do {
            try checkConsistency(database, into: &health)
        } catch {
            health.problems.append(.notCompared(reason: error.shortReason))
        }
        return health
    }

    private static func checkConsistency(_ database: Database, into health: inout IndexHealth) throws(IndexError) {
        health.documents = Int(try database.scalarInt("SELECT count(*) FROM \(Schema.Table.documents)"))
        health.passages = Int(try database.scalarInt("SELECT coalesce(sum(\(PassageRanges.countSQL("passages"))), 0) FROM \(Schema.Table.documents)"))

        // Every document has its text row, and its passages lie in order inside that text.
        let rows = try database.prepare("""
            SELECT d.relpath, d.passages, length(CAST(c.c1 AS BLOB)) FROM \(Schema.Table.documents) d
            LEFT JOIN \(Schema.Table.ftsContent) c ON c.id = d.id ORDER BY d.relpath
            """, context: "comparing documents with their text")
        var missing: [String] = []
        var misplaced: [String] = []
        while try rows.step() {
            let name = rows.text(0) ?? "?"
            if rows.isNull(2) { missing.append(name); continue }
            let length = Int(rows.int(2))
            var previousEnd = 0
            for range in PassageRanges.unpack(rows.blob(1)) {
                if range.lowerBound < previousEnd || range.upperBound > length { misplaced.append(name); break }
                previousEnd = range.upperBound
            }
        }
        if !missing.isEmpty {
            health.problems.append(.textsMissing(path: database.path, count: missing.count, examples: Array(missing.prefix(3))))
        }
        if !misplaced.isEmpty {
            health.problems.append(.passagesMisplaced(path: database.path, count: misplaced.count, examples: Array(misplaced.prefix(3))))
        }
        let orphans = try database.scalarInt("SELECT count(*) FROM \(Schema.Table.ftsContent) WHERE id NOT IN (SELECT id FROM \(Schema.Table.documents))")
        if orphans > 0 {
            health.problems.append(.orphanTexts(path: database.path, count: Int(orphans)))
        }
        let orphanDates = try database.scalarInt("""
            SELECT count(*) FROM \(Schema.Table.passageDates) p LEFT JOIN \(Schema.Table.documents) d ON d.id = p.document
            WHERE d.id IS NULL OR p.passage >= \(PassageRanges.countSQL("d.passages"))
            """)
        if orphanDates > 0 {
            health.problems.append(.orphanDates(path: database.path, count: Int(orphanDates)))
        }
        health.digest = try digest(database)
    }

    /// FNV-1a over every document's path, content hash, title, text and passage ranges, in path order.
    private static func digest(_ database: Database) throws(IndexError) -> String {
        let rows = try database.prepare("""
            SELECT d.path, d.hash, c.c0, c.c1, hex(d.passages), d.date, d.date_source
            FROM \(Schema.Table.documents) d LEFT JOIN \(Schema.Table.ftsContent) c ON c.id = d.id
            ORDER BY d.path
            """, context: "computing the content digest")
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            hash = (hash ^ 0xFF) &* 0x0000_0100_0000_01B3 // a separator no UTF-8 text contains
        }
        while try rows.step() {
            for column in Int32(0)..<7 { mix(rows.text(column) ?? "") }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension IndexError {
    /// The error's gist for a sentence of `search check`, without the path and the advice of the CLI's message.
    var shortReason: String {
        switch self {
        case .corrupt: return "the file is damaged"
        case .diskFull: return "disk full"
        case .busy: return "the index is busy"
        case let .storage(_, code, context): return "\(context) failed: \(IndexError.words(forSQLiteCode: code))"
        case .readOnly: return "the location is read-only"
        case .notAnIndex: return "not a database file"
        case let .cannotOpen(_, reason): return reason
        case let .unusable(_, detail): return detail
        default: return "an unexpected storage failure"
        }
    }
}
