/// The database layout and its version: the one place that knows the tables.
///
/// A document is one FTS5 row (title and body, rowid = document id), as in a plain FTS5 index: ranking, AND across the
/// whole article and phrase matching work on documents, and a frequent word costs one bm25 per document, not per
/// passage. Passages are byte ranges of the body (`documents.passages`), so the best passages of the top documents are
/// chosen after ranking, from the match offsets of those few documents only.
public enum Schema {
    /// The layout version this program writes and reads (`PRAGMA user_version`).
    public static let version = 6
    /// Marks the file as ours (`PRAGMA application_id`, "SRCH"), so another program's SQLite file is never touched.
    public static let applicationID: Int64 = 0x5352_4348
    /// Separator between passages in the stored body: passages never contain a blank line of their own.
    public static let passageSeparator = "\n\n"

    static let create = """
    PRAGMA application_id = \(applicationID);
    CREATE TABLE documents(
        id INTEGER PRIMARY KEY,         -- also the rowid of the document's row in documents_fts
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
        passages BLOB NOT NULL,         -- passage byte ranges in the body: little-endian UInt32 start, end pairs
        passage_positions BLOB,         -- token position each passage starts at (PassagePositions), UInt32s
        -- schema 5 (news): what the document stage left out and who wrote it
        dropped TEXT,                   -- lines left out of the passages, by reason: "copyright footer 1; wire sign-off 1"
        author TEXT                     -- a mail or news post's From: header
    );
    CREATE INDEX documents_date ON documents(date_first, date_last);
    CREATE TABLE passage_dates(
        document INTEGER NOT NULL,
        passage INTEGER NOT NULL,       -- ordinal within the document
        first TEXT NOT NULL,            -- first and last day of a date the passage mentions
        last TEXT NOT NULL
    );
    CREATE INDEX passage_dates_document ON passage_dates(document, first, last);
    \(createCollectionDating);
    \(createDatingDue);
    \(createSettings);
    \(createNameSpellings);
    \(createFTS);
    PRAGMA user_version = \(version);
    """

    // --- Version 5 (reliability): documents waiting for the writer's last pass; replaced in version 6. ---
    /// The version 5 table of plain-text documents stored without a date, which version 6 folds into
    /// `createCollectionDating`; kept to upgrade from 4 through 5.
    static let createPendingDates = "CREATE TABLE IF NOT EXISTS pending_dates(document INTEGER PRIMARY KEY)"

    // --- Version 6: what the collection's year decides, kept apart from what a document's text decides. ---
    /// The plain-text documents whose dates wait for their folder's year, or came from it (`IndexWriter`'s last
    /// pass, `CollectionYear`). `vote_year` and `vote_own` are the date the text gives alone, what the document votes
    /// with: a date read in the collection's year never votes for it, so the vote, and every date it settles, is the
    /// same after any sequence of runs as in a fresh build. `read_in` is the year the dates were last read in (0:
    /// none, the text's own dates stand; NULL: not read yet, as a run killed before its last pass leaves it) and
    /// `read_firm` whether that year was firm; when the folder's year moves, the documents read in the old one are
    /// read again. A row is written in the transaction that stores its document and updated in the one that dates it.
    static let createCollectionDating = """
        CREATE TABLE IF NOT EXISTS collection_dating(
            document INTEGER PRIMARY KEY,
            vote_year INTEGER,
            vote_own INTEGER NOT NULL,
            read_in INTEGER,
            read_firm INTEGER
        )
        """

    /// One row (`due` = 1) while documents were stored or removed since the writer's last pass: any change can move a
    /// folder's year, so the pass runs then, also after a run killed before it; a run that changed nothing skips it.
    static let createDatingDue = "CREATE TABLE IF NOT EXISTS dating_due(due INTEGER PRIMARY KEY)"

    /// Schema 5 (names, issue 13): every spelling of a name the index holds, under each key it is indexed with, filled
    /// as documents are tokenized. A query scores its name against the spellings sharing its keys (`NameSimilarity`)
    /// and asks only for those it accepts; `search names` lists them. Entries are never removed: a spelling whose
    /// documents are gone matches nothing.
    static let createNameSpellings = """
        CREATE TABLE IF NOT EXISTS name_spellings(key TEXT NOT NULL, spelling TEXT NOT NULL, PRIMARY KEY (key, spelling)) WITHOUT ROWID
        """

    /// Choices the index was built with (`IndexSettings`), as name and value.
    static let createSettings = "CREATE TABLE settings(name TEXT PRIMARY KEY, value TEXT NOT NULL)"

    /// The full-text table: one row per document (rowid = document id). It stores its own copy of the text
    /// (`documents_fts_content`), which is what `IndexRebuilder` re-tokenizes from.
    static let createFTS =
        "CREATE VIRTUAL TABLE \(Table.fts) USING fts5(\(FTS5Column.title.name), \(FTS5Column.body.name), tokenize = '\(tokenizerName)')"

    /// FTS5 settings while an empty full-text table is filled (a first build, a rebuild). FTS5 writes a small segment
    /// every megabyte of tokens and by default merges them four at a time as they come, rewriting each byte about
    /// five times over a 100 MB build; here small segments are folded only 64 at a time, and `bulkLoadFinish` merges
    /// all into one.
    package static let bulkLoadStart = """
        INSERT INTO \(Table.fts)(\(Table.fts), rank) VALUES('automerge', 0);
        INSERT INTO \(Table.fts)(\(Table.fts), rank) VALUES('crisismerge', 64);
        """

    /// Ends a bulk load: one segment, so a query looks each term up once rather than once per segment (a name query
    /// asks for a dozen readings), then FTS5's default merging back for the small updates that follow.
    package static let bulkLoadFinish = """
        INSERT INTO \(Table.fts)(\(Table.fts)) VALUES('optimize');
        INSERT INTO \(Table.fts)(\(Table.fts), rank) VALUES('automerge', 4);
        INSERT INTO \(Table.fts)(\(Table.fts), rank) VALUES('crisismerge', 16);
        """

    /// The names of the tables, for the SQL built from them (the CREATE statements above spell them out once).
    enum Table {
        /// One row per document: its path, dates, passages (`PassageRanges`) and their positions.
        static let documents = "documents"
        /// The FTS5 table: one row per document, rowid = `documents.id`, columns `FTS5Column`.
        static let fts = "documents_fts"
        /// FTS5's copy of the text it indexes (columns c0 = title, c1 = body), what a rebuild re-tokenizes from.
        static let ftsContent = "documents_fts_content"
        /// FTS5's shadow tables of the token index, which a rebuild empties before filling the table again.
        static let ftsIndexShadows = ["documents_fts_data", "documents_fts_idx", "documents_fts_docsize"]
        /// The dates each passage mentions.
        static let passageDates = "passage_dates"
        /// Name spellings under their keys (schema 5).
        static let nameSpellings = "name_spellings"
        /// Plain-text documents dated, or waiting to be dated, from their folder's year (schema 6).
        static let collectionDating = "collection_dating"
        /// Whether documents changed since the writer's last pass (schema 6).
        static let datingDue = "dating_due"
    }

    /// Packs passage byte ranges for `documents.passages` (`PassageRanges.pack`; the name DocumentStore calls).
    static func packPassages(_ ranges: [Range<Int>]) -> [UInt8] { PassageRanges.pack(ranges) }

    /// True when `ranges` are in order, do not overlap and lie inside a body of `length` bytes: what a stored
    /// document's passages must be before any is sliced out of its text.
    public static func passagesFit(_ ranges: [Range<Int>], length: Int) -> Bool {
        var end = 0
        for range in ranges {
            guard range.lowerBound >= end, range.upperBound <= length else { return false }
            end = range.upperBound
        }
        return true
    }

    /// One step that brings an index from one layout version to the next.
    enum Migration {
        /// Statements run inside the upgrade's transaction.
        case sql(String)
        /// The tokens changed (a new analyzer): re-tokenize every stored passage.
        case retokenize
        /// A column added to a table, unless it is there already.
        case addColumn(table: String, column: String, type: String)
        /// Several steps in order.
        case sequence([Migration])
    }

    /// The upgrade steps, keyed by the version they upgrade from. A writer applies them in order, in one
    /// transaction, so a crash leaves the old version intact. When the analyzer's tokens change, bump `version` and
    /// add `[old: .retokenize]`. 1 → 2: name keys keep the class of the final vowel, and g/c-as-j and -os/-as/-us
    /// readings were added. 2 → 3: only capitalised names get keys in documents; Slavic -ich endings, German dsch/tsch,
    /// a final -que, the din particle and glued Persian compounds are keyed; documents store where their passages
    /// start in token positions. 3 → 4: an i or e before an a after a name's first consonant is keyed as i + y + a
    /// (Ziad = Ziyad, apart from Zaid); a `settings` table keeps the choices the index is built with.
    static let migrations: [Int: Migration] = [
        1: .retokenize,
        2: .sequence([.addColumn(table: "documents", column: "passage_positions", type: "BLOB"), .retokenize]),
        3: .sequence([.sql(createSettings), .retokenize]),
        // 4 → 5. Reliability: the pending_dates table (documents an older version left undated stay undated until
        // their files change, as they would have). News (issue 14): per-document counts of lines left out as
        // furniture, and the author of mail and news posts. Names (issue 13): English proper nouns of the dictionary
        // (Sachs, Czech, June, Monday) and acronyms in documents (SETT, CIT) get no name keys, and a compound in -allah
        // stays one word (Hezbollah); the table of the index's name spellings is created and filled by re-tokenizing.
        4: .sequence([.sql(createPendingDates), .sql(createNameSpellings),
                      .addColumn(table: "documents", column: "dropped", type: "TEXT"),
                      .addColumn(table: "documents", column: "author", type: "TEXT"), .retokenize]),
        // 5 → 6. Dates that no longer depend on the order of runs: the documents still waiting for the last pass move
        // to collection_dating with the date their text gives (still the stored one, as nothing dated them yet).
        // Documents a version 5 run already dated from the collection's year are not known as such and keep their
        // dates and votes until their files change; a fresh index has none of that history.
        5: .sequence([.sql(createCollectionDating), .sql(createDatingDue), .sql("INSERT OR IGNORE INTO dating_due VALUES (1)"), .sql("""
            INSERT OR IGNORE INTO collection_dating(document, vote_year, vote_own)
                SELECT d.id, CAST(substr(d.date, 1, 4) AS INTEGER), coalesce(d.date_source IN \(ownDateSources), 0)
                FROM pending_dates p JOIN documents d ON d.id = p.document;
            DROP TABLE pending_dates
            """)]),
    ]

    /// The date sources that are a document's own date (its dateline, front matter or date line), which count as
    /// `own` votes for its folder's year (`CollectionYear`), as an SQL list.
    package static let ownDateSources = "('dateline', 'front-matter', 'text')"

    /// Checks that `database` is one of ours at a version we read; creates the schema in an empty file when `create`,
    /// and upgrades an older layout when `upgrade` (writers only). A writer's analyzer then follows the index's
    /// settings: `settings` on a new index, the stored ones on an existing index, where asking for other `settings`
    /// is an error (`search rebuild` changes them).
    package static func prepare(
        _ database: Database, create: Bool, upgrade: Bool? = nil, settings: IndexSettings? = nil
    ) throws(IndexError) {
        let appID = try database.scalarInt("PRAGMA application_id")
        let userVersion = try database.scalarInt("PRAGMA user_version")
        let objects = try database.scalarInt("SELECT count(*) FROM sqlite_schema")
        if objects == 0 && appID == 0 {
            guard create else { throw .noIndex(path: database.path) }
            let chosen = settings ?? IndexSettings()
            try database.transaction("creating the index") { () throws(IndexError) in
                try database.execute(Schema.create, context: "creating the index")
                try chosen.write(database)
            }
            database.settings = chosen
            return
        }
        guard appID == applicationID else { throw .foreignDatabase(path: database.path) }
        if userVersion > version { throw .newerSchema(path: database.path, found: Int(userVersion), supported: version) }
        // Writers only: a search neither analyses documents nor re-tokenizes, so it reads no settings (two statements
        // fewer on every query).
        if create || upgrade == true {
            let stored = try IndexSettings.read(database)
            if let settings, settings != stored {
                throw .settingDiffers(path: database.path, setting: .lowerCaseNames, stored: stored.lowerCaseNames)
            }
            database.settings = stored
        }
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
                try apply(steps[version]!, to: database, from: version)
            }
            try database.execute("PRAGMA user_version = \(to)", context: "upgrading the index")
        }
    }
}

extension Schema {
    private static func apply(_ step: Migration, to database: Database, from version: Int) throws(IndexError) {
        switch step {
        case .sql(let sql): try database.execute(sql, context: "upgrading the index from version \(version)")
        case .retokenize: _ = try IndexRebuilder.retokenize(database)
        case let .addColumn(table, column, type):
            if try database.hasColumn(table, column) { return }
            try database.execute("ALTER TABLE \(table) ADD COLUMN \(column) \(type)", context: "upgrading the index from version \(version)")
        case .sequence(let steps): for s in steps { try apply(s, to: database, from: version) }
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

    /// True when `table` has a column named `column` (an index of an older layout may lack one).
    func hasColumn(_ table: String, _ column: String) throws(IndexError) -> Bool {
        let statement = try prepare("SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2", context: "reading the layout")
        defer { statement.reset() }
        statement.bind(table, at: 1)
        statement.bind(column, at: 2)
        return try statement.step() && statement.int(0) > 0
    }
}

/// The codec of `documents.passages`: each passage's byte range in the body as two little-endian UInt32s (start,
/// end), `bytesPerPassage` bytes a passage, in passage order.
enum PassageRanges {
    /// Bytes a passage takes in the blob.
    static let bytesPerPassage = 8

    /// The SQL expression counting the passages of the blob in `column`: the blob's length comes from the record
    /// header, so the passages themselves are not read.
    static func countSQL(_ column: String) -> String { "length(\(column)) / \(bytesPerPassage)" }

    /// Packs passage byte ranges.
    static func pack(_ ranges: [Range<Int>]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ranges.count * bytesPerPassage)
        for range in ranges {
            for value in [UInt32(truncatingIfNeeded: range.lowerBound), UInt32(truncatingIfNeeded: range.upperBound)] {
                withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
            }
        }
        return bytes
    }

    /// Unpacks `pack`'s bytes; a trailing partial entry, or a range whose end is before its start, is left out
    /// (`isWhole` tells a caller that must know).
    static func unpack(_ bytes: [UInt8]) -> [Range<Int>] {
        bytes.withUnsafeBytes { raw in
            stride(from: 0, to: raw.count - (bytesPerPassage - 1), by: bytesPerPassage).compactMap { i in
                let start = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
                let end = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self)))
                return start <= end ? start..<end : nil
            }
        }
    }

    /// True when `unpack` kept every entry of `bytes` in its `count` ranges: whole entries only, none reversed.
    static func isWhole(_ bytes: [UInt8], count: Int) -> Bool {
        bytes.count == count * bytesPerPassage
    }
}

/// The columns of `documents_fts` in the order FTS5 numbers them (`Schema.createFTS` declares them in this order): the
/// column numbers that `search_instances` and `search_offsets` return, and the order the tokenizer's recordings
/// are replayed in.
public enum FTS5Column: Int32, Sendable {
    /// The document's title.
    case title = 0
    /// The document's body: its passages joined by blank lines.
    case body = 1

    /// The column's name in SQL.
    var name: String { self == .title ? "title" : "body" }
}
