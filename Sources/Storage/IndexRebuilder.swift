import Analysis
/// What `search rebuild` did.
public struct RebuildSummary: Sendable, Equatable {
    /// Documents kept, with all their passages re-tokenized.
    public var documents = 0
    /// Passages re-tokenized.
    public var passages = 0
    /// Documents dropped because their stored text was missing (`path` each); the next `search index` of their
    /// folder reads them again.
    public var droppedDocuments: [String] = []
    /// Stored texts dropped because no document owned them.
    public var orphanPassages = 0
    /// Documents whose stored passage ranges did not fit their text, re-cut from the text at its blank lines (`path`
    /// each); the dates their passages mention are dropped with the old ranges.
    public var repairedPassages: [String] = []
    /// Documents still waiting for their date from the collection's year (an `index` run was killed before its last
    /// pass): dates come from the files, not the stored text, so only `search index` of their folders gives them.
    public var pendingDates = 0
    /// Nothing rebuilt yet.
    public init() {}
}

/// Rebuilds the full-text index from the text the index stores, in one transaction.
///
/// FTS5's own `'rebuild'` command only exists for external-content tables; `documents_fts` keeps its own content, so
/// the rebuild copies that content (`documents_fts_content`, a plain table that survives damage to the token index)
/// aside, drops and re-creates the FTS table, and re-inserts every text, which re-tokenizes it with the current
/// analyzer. That one path serves both a damaged token index and an analyzer change. A crash mid-way rolls back to
/// the index as it was. Documents whose text is missing are dropped so the next `index` run re-reads them.
public enum IndexRebuilder {
    /// Opens the index at `path` (which must exist), takes the writer lock (waiting up to `wait` seconds) and rebuilds;
    /// with `settings`, the index is rebuilt with those and keeps them (`search rebuild --lowercase-names`).
    public static func rebuild(path: String, wait: Double = 0, settings: IndexSettings? = nil) throws(IndexError) -> RebuildSummary {
        _ = try DatabaseFile.identity(of: path) // a device, a FIFO, a dangling link or a hard link is refused first
        guard Database.fileExists(path) else { throw .noIndex(path: path) }
        let lock = try WriterLock(database: path, wait: wait)
        defer { _ = lock }
        // What a rebuild reads (the layout, the documents, their stored text) being damaged, running it again cannot
        // help: that is said, rather than the advice to rebuild.
        do {
            return try rebuildLocked(path: path, settings: settings)
        } catch .corrupt {
            throw .unusable(path: path, detail: "the documents or their stored text cannot be read")
        }
    }

    private static func rebuildLocked(path: String, settings: IndexSettings?) throws(IndexError) -> RebuildSummary {
        // Not defensive: a damaged token index must be reset through its shadow tables before FTS5 can drop it.
        let database = try Database(path: path, access: .readWriteExisting, defensive: false)
        database.setBusyTimeout(milliseconds: 5_000)
        try database.execute("PRAGMA journal_mode = WAL", context: "configuring the index")
        // Upgrades an older layout on the way (a retokenize step runs the same code as below).
        try Schema.prepare(database, create: false, upgrade: true)
        return try database.transaction("rebuilding the index") { () throws(IndexError) in
            if let settings, settings != database.settings {
                try settings.write(database)
                database.settings = settings
            }
            var summary = try retokenize(database, repair: true)
            summary.pendingDates = Int(try database.scalarInt(
                "SELECT count(*) FROM \(Schema.Table.collectionDating) WHERE read_in IS NULL"))
            return summary
        }
    }

    /// The rebuild itself, inside the caller's transaction. `repair` first resets the token index to an empty one
    /// (FTS5 reads its own damaged structure when asked to drop it); that needs a connection that is not defensive.
    static func retokenize(_ database: Database, repair: Bool = false) throws(IndexError) -> RebuildSummary {
        var summary = RebuildSummary()
        try database.execute("""
            DROP TABLE IF EXISTS rebuild_texts;
            CREATE TABLE rebuild_texts(id INTEGER PRIMARY KEY, title TEXT, body TEXT);
            INSERT INTO rebuild_texts(id, title, body) SELECT id, c0, c1 FROM \(Schema.Table.ftsContent);
            """, context: "saving the stored texts")

        // Texts whose document is gone.
        summary.orphanPassages = Int(try database.scalarInt(
            "SELECT count(*) FROM rebuild_texts WHERE id NOT IN (SELECT id FROM \(Schema.Table.documents))"))

        // Documents whose text is missing: drop them so the next index run reads them again.
        let incomplete = try database.prepare("""
            SELECT d.id, d.path FROM \(Schema.Table.documents) d WHERE d.id NOT IN (SELECT id FROM rebuild_texts) ORDER BY d.path
            """, context: "finding incomplete documents")
        var dropped: [Int64] = []
        while try incomplete.step() {
            dropped.append(incomplete.int(0))
            summary.droppedDocuments.append(incomplete.text(1) ?? "")
        }
        let dropDocument = try database.prepare("DELETE FROM \(Schema.Table.documents) WHERE id = ?1", context: "dropping an incomplete document")
        for id in dropped {
            dropDocument.bind(id, at: 1)
            try dropDocument.run()
        }
        try database.execute("""
            DELETE FROM rebuild_texts WHERE id NOT IN (SELECT id FROM \(Schema.Table.documents));
            DELETE FROM \(Schema.Table.passageDates) WHERE document NOT IN (SELECT id FROM \(Schema.Table.documents));
            """, context: "dropping orphan texts")
        // An upgrade from before version 6 re-tokenizes before the table exists.
        if try database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = '\(Schema.Table.collectionDating)'") > 0 {
            // A dropped document no longer votes for its folder's year: the next index run's last pass looks again.
            try database.execute("""
                DELETE FROM \(Schema.Table.collectionDating) WHERE document NOT IN (SELECT id FROM \(Schema.Table.documents));
                \(dropped.isEmpty ? "" : "INSERT OR IGNORE INTO \(Schema.Table.datingDue)(due) VALUES (1);")
                """, context: "dropping orphan dating marks")
        }
        if repair {
            try database.execute("""
                DROP TABLE IF EXISTS rebuild_template;
                CREATE VIRTUAL TABLE rebuild_template USING fts5(title, body, tokenize = '\(tokenizerName)');
                DELETE FROM \(Schema.Table.ftsIndexShadows[0]);
                DELETE FROM \(Schema.Table.ftsIndexShadows[1]);
                DELETE FROM \(Schema.Table.ftsIndexShadows[2]);
                INSERT INTO \(Schema.Table.ftsIndexShadows[0]) SELECT * FROM rebuild_template_data;
                DROP TABLE rebuild_template;
                """, context: "clearing the damaged full-text index")
        }
        summary.repairedPassages = try repairPassages(database)
        try database.execute("DROP TABLE \(Schema.Table.fts)", context: "dropping the old full-text index")
        try database.execute(Schema.createFTS, context: "creating the new full-text index")
        try database.execute(Schema.bulkLoadStart, context: "creating the new full-text index")
        try database.execute("""
            INSERT INTO \(Schema.Table.fts)(rowid, title, body) SELECT id, title, body FROM rebuild_texts ORDER BY id;
            DROP TABLE rebuild_texts;
            """, context: "re-tokenizing the stored texts")
        try database.execute(Schema.bulkLoadFinish, context: "merging the new full-text index")
        try database.saveNameSpellings()
        try fillPassagePositions(database)
        summary.documents = Int(try database.scalarInt("SELECT count(*) FROM \(Schema.Table.documents)"))
        summary.passages = Int(try database.scalarInt("SELECT coalesce(sum(\(PassageRanges.countSQL("passages"))), 0) FROM \(Schema.Table.documents)"))
        return summary
    }

    /// Re-cuts the passages of documents whose stored ranges do not fit their text (out of order, past its end, or
    /// through a character): the stored body is the passages joined by `Schema.passageSeparator`, which no passage
    /// holds, so splitting it there gives them back. Returns the paths of the documents repaired.
    private static func repairPassages(_ database: Database) throws(IndexError) -> [String] {
        let read = try database.prepare("SELECT d.id, d.path, d.passages, t.body FROM \(Schema.Table.documents) d JOIN rebuild_texts t ON t.id = d.id ORDER BY d.path",
                                        context: "reading the stored passages")
        var repairs: [(id: Int64, path: String, ranges: [Range<Int>])] = []
        while try read.step() {
            let ranges = PassageRanges.unpack(read.blob(2))
            let body = Array((read.text(3) ?? "").utf8)
            func whole(_ i: Int) -> Bool { i == body.count || body[i] & 0xC0 != 0x80 }
            if PassageRanges.isWhole(read.blob(2), count: ranges.count) && Schema.passagesFit(ranges, length: body.count)
                && ranges.allSatisfy({ whole($0.lowerBound) && whole($0.upperBound) }) { continue }
            repairs.append((read.int(0), read.text(1) ?? "", passages(of: body)))
        }
        read.reset()
        let write = try database.prepare("UPDATE \(Schema.Table.documents) SET passages = ?2 WHERE id = ?1", context: "storing repaired passages")
        let dropDates = try database.prepare("DELETE FROM \(Schema.Table.passageDates) WHERE document = ?1", context: "storing repaired passages")
        for repair in repairs {
            write.bind(repair.id, at: 1)
            write.bind(blob: PassageRanges.pack(repair.ranges), at: 2)
            try write.run()
            dropDates.bind(repair.id, at: 1)
            try dropDates.run()
        }
        return repairs.map(\.path)
    }

    /// The byte ranges between the separators of a stored body.
    static func passages(of body: [UInt8]) -> [Range<Int>] {
        let separator = Array(Schema.passageSeparator.utf8)
        var ranges: [Range<Int>] = []
        var start = 0
        var i = 0
        while i + separator.count <= body.count {
            if body[i..<(i + separator.count)].elementsEqual(separator) {
                if i > start { ranges.append(start..<i) }
                i += separator.count
                start = i
            } else {
                i += 1
            }
        }
        if body.count > start { ranges.append(start..<body.count) }
        return ranges
    }

    /// Recomputes where every document's passages start in token positions: the analyzer may have changed them.
    /// An upgrade from version 1 re-tokenizes before version 3's column exists; the step to 3 fills it then.
    private static func fillPassagePositions(_ database: Database) throws(IndexError) {
        guard try database.hasColumn("documents", "passage_positions") else { return }
        let read = try database.prepare("SELECT d.id, d.passages, c.c1 FROM \(Schema.Table.documents) d JOIN \(Schema.Table.ftsContent) c ON c.id = d.id",
                                        context: "reading the stored texts")
        let write = try database.prepare("UPDATE \(Schema.Table.documents) SET passage_positions = ?2 WHERE id = ?1",
                                         context: "storing where passages start")
        let analyzer = database.tokenizerContext.analyzer
        var updates: [(Int64, [UInt8])] = []
        while try read.step() {
            let ranges = PassageRanges.unpack(read.blob(1))
            let positions = PassagePositions.compute(ranges: ranges, body: read.text(2) ?? "", analyzer: analyzer)
            updates.append((read.int(0), PassagePositions.pack(positions)))
        }
        read.reset()
        for (id, blob) in updates {
            write.bind(id, at: 1)
            write.bind(blob: blob, at: 2)
            try write.run()
        }
    }
}
