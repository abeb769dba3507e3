/// The database layout and its version: the one place that knows the tables.
///
/// Passages are the unit of search. A passage's rowid packs its document and ordinal
/// (`document id << 20 | ordinal`), so grouping results by document and deleting a document's passages need no join.
public enum Schema {
    /// The layout version this program writes and reads (`PRAGMA user_version`).
    public static let version = 1
    /// Marks the file as ours (`PRAGMA application_id`, "SRCH"), so another program's SQLite file is never touched.
    public static let applicationID: Int64 = 0x5352_4348
    /// Bits of a passage rowid that hold the ordinal: at most 1,048,576 passages per document.
    public static let ordinalBits: Int64 = 20

    /// The rowid of passage `ordinal` of document `document`.
    public static func passageRowID(document: Int64, ordinal: Int) -> Int64 { document << ordinalBits | Int64(ordinal) }
    /// The document a passage rowid belongs to.
    public static func document(ofPassage rowid: Int64) -> Int64 { rowid >> ordinalBits }
    /// The ordinal of a passage rowid within its document.
    public static func ordinal(ofPassage rowid: Int64) -> Int { Int(rowid & ((1 << ordinalBits) - 1)) }

    static let create = """
    PRAGMA application_id = \(applicationID);
    CREATE TABLE documents(
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,      -- absolute path of the file
        relpath TEXT NOT NULL,          -- path relative to the folder that was indexed
        hash TEXT NOT NULL,             -- content hash, to skip unchanged files
        size INTEGER NOT NULL,
        mtime INTEGER NOT NULL,         -- nanoseconds since 1970
        title TEXT,
        date TEXT,                      -- ISO 8601 at its precision: 2019, 2019-11 or 2019-11-10
        date_first TEXT,                -- first and last day the date covers, for range filters
        date_last TEXT,
        date_source TEXT,
        url TEXT,
        passages INTEGER NOT NULL
    );
    CREATE INDEX documents_date ON documents(date_first, date_last);
    CREATE TABLE passage_dates(
        passage INTEGER NOT NULL,       -- passage rowid
        first TEXT NOT NULL,
        last TEXT NOT NULL
    );
    CREATE INDEX passage_dates_passage ON passage_dates(passage);
    CREATE INDEX passage_dates_range ON passage_dates(first, last);
    \(createFTS);
    PRAGMA user_version = \(version);
    """

    /// The full-text table. It stores its own copy of the passage text (`passages_fts_content`), which is what
    /// `IndexRebuilder` re-tokenizes from.
    static let createFTS = "CREATE VIRTUAL TABLE passages_fts USING fts5(title, body, tokenize = '\(tokenizerName)')"

    /// One step that brings an index from one layout version to the next.
    enum Migration {
        /// Statements run inside the upgrade's transaction.
        case sql(String)
        /// The tokens changed (a new analyzer): re-tokenize every stored passage.
        case retokenize
    }

    /// The upgrade steps, keyed by the version they upgrade from. A writer applies them in order, in one
    /// transaction, so a crash leaves the old version intact. Version 1 is the first layout: nothing to upgrade yet.
    /// When the analyzer's tokens change, bump `version` and add `[old: .retokenize]`.
    static let migrations: [Int: Migration] = [:]

    /// Checks that `database` is one of ours at a version we read; creates the schema in an empty file when `create`,
    /// and upgrades an older layout when `upgrade` (writers only).
    static func prepare(_ database: Database, create: Bool, upgrade: Bool? = nil) throws(IndexError) {
        let appID = try database.scalarInt("PRAGMA application_id")
        let userVersion = try database.scalarInt("PRAGMA user_version")
        let objects = try database.scalarInt("SELECT count(*) FROM sqlite_schema")
        if objects == 0 && appID == 0 {
            guard create else { throw .noIndex(path: database.path) }
            try database.transaction("creating the index") { () throws(IndexError) in
                try database.execute(Schema.create, context: "creating the index")
            }
            return
        }
        guard appID == applicationID else { throw .foreignDatabase(path: database.path) }
        if userVersion > version { throw .newerSchema(path: database.path, found: Int(userVersion), supported: version) }
        if userVersion < version {
            // A search opens read-only and cannot upgrade; it tells the user what will.
            guard upgrade ?? create else { throw .olderSchema(path: database.path, found: Int(userVersion), supported: version) }
            try migrate(database, from: Int(userVersion), to: version, steps: migrations)
        }
    }

    /// Upgrades `database` from layout `from` to `to` with `steps`, all in one transaction. With no path of steps
    /// the index cannot be upgraded in place and `.olderSchema` says so (the files must be indexed again).
    static func migrate(_ database: Database, from: Int, to: Int, steps: [Int: Migration]) throws(IndexError) {
        guard (from..<to).allSatisfy({ steps[$0] != nil }) else {
            throw .olderSchema(path: database.path, found: from, supported: to)
        }
        try database.transaction("upgrading the index") { () throws(IndexError) in
            for version in from..<to {
                switch steps[version]! {
                case .sql(let sql): try database.execute(sql, context: "upgrading the index from version \(version)")
                case .retokenize: _ = try IndexRebuilder.retokenize(database)
                }
            }
            try database.execute("PRAGMA user_version = \(to)", context: "upgrading the index")
        }
    }
}

extension Database {
    /// The integer in the first column of the first row of `sql`.
    func scalarInt(_ sql: String) throws(IndexError) -> Int64 {
        let statement = try prepare(sql, context: "reading the index header")
        guard try statement.step() else { return 0 }
        return statement.int(0)
    }
}
