import Analysis
/// What the index remembers of a file, to decide whether it changed.
public struct StoredFile: Sendable, Equatable {
    public var id: Int64
    public var hash: String
    public var size: Int64
    public var modified: Int64
}

/// The writer's statements: documents in, documents out. All SQL the indexer runs is here or in `Schema`.
package final class DocumentStore {
    let database: Database

    // The per-document statements, run through `Database.withStatement` (cached by their SQL).
    private static let insertDocument = """
        INSERT INTO documents(id, path, relpath, hash, size, mtime, title, date, date_first, date_last, date_source, url, passages,
                              passage_positions, dropped, author)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
        """
    private static let insertText = "INSERT INTO documents_fts(rowid, title, body) VALUES (?1, ?2, ?3)"
    private static let insertPassageDate = "INSERT INTO passage_dates(document, passage, first, last) VALUES (?1, ?2, ?3, ?4)"
    private static let deleteText = "DELETE FROM documents_fts WHERE rowid = ?1"
    private static let deletePassageDates = "DELETE FROM passage_dates WHERE document = ?1"
    private static let deleteDocument = "DELETE FROM documents WHERE id = ?1"
    private static let touchDocument = "UPDATE documents SET size = ?2, mtime = ?3 WHERE id = ?1"
    private static let markPendingDate = """
        INSERT OR REPLACE INTO collection_dating(document, vote_year, vote_own, read_in, read_firm) VALUES (?1, ?2, ?3, NULL, NULL)
        """
    private static let forgetCollectionDating = "DELETE FROM collection_dating WHERE document = ?1"
    private static let markRead = "UPDATE collection_dating SET read_in = ?2, read_firm = ?3 WHERE document = ?1"
    private static let markDatingDue = "INSERT OR IGNORE INTO dating_due(due) VALUES (1)"

    package init(database: Database) throws(IndexError) {
        self.database = database
    }

    /// The documents already indexed below `folder` (an absolute path) or from it when it is an archive, by path
    /// (an archive's articles as `/abs/archive.jsonl#id`).
    package func storedFiles(under folder: String) throws(IndexError) -> [String: StoredFile] {
        // Paths below "/a/b" sort between "/a/b/" and "/a/b0" ('0' follows '/'); an archive's articles between
        // "/a/b#" and "/a/b$" ('$' follows '#').
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        let upper = String(prefix.dropLast()) + "0"
        let bare = String(prefix.dropLast())
        let statement = try database.prepare(
            "SELECT path, id, hash, size, mtime FROM documents WHERE path >= ?1 AND path < ?2 OR path = ?3 OR path >= ?4 AND path < ?5",
            context: "listing indexed files")
        statement.bind(prefix, at: 1)
        statement.bind(upper, at: 2)
        statement.bind(folder, at: 3)
        statement.bind(bare + "#", at: 4)
        statement.bind(bare + "$", at: 5)
        var result: [String: StoredFile] = [:]
        while try statement.step() {
            result[statement.text(0) ?? ""] = StoredFile(id: statement.int(1), hash: statement.text(2) ?? "",
                                                        size: statement.int(3), modified: statement.int(4))
        }
        return result
    }

    /// Stores a parsed document under `path` (`relativePath` for display), reusing `id` when it was indexed before.
    /// `size` and `modified` come from `file`, shared by all the articles of an archive. Returns its id and passage count.
    @discardableResult
    package func store(_ document: ParsedDocument, path: String, relativePath: String, file: FoundFile, hash: String,
               reusing id: Int64?, prepared: PreparedText? = nil) throws(IndexError) -> (id: Int64, passages: Int) {
        let text = prepared ?? PreparedText(document, analyzer: nil)
        let body = text.body
        let ranges = text.ranges
        let documentID = try database.withStatement(DocumentStore.insertDocument, context: "storing a document") {
            s throws(IndexError) -> Int64 in
            if let id { s.bind(id, at: 1) } else { s.bindNull(at: 1) }
            s.bind(path, at: 2)
            s.bind(relativePath, at: 3)
            s.bind(hash, at: 4)
            s.bind(file.size, at: 5)
            s.bind(file.modified, at: 6)
            s.bind(document.title, at: 7)
            s.bind(document.date?.date.iso, at: 8)
            s.bind(document.date?.date.firstDay, at: 9)
            s.bind(document.date?.date.lastDay, at: 10)
            s.bind(document.date?.source.rawValue, at: 11)
            s.bind(document.url, at: 12)
            s.bind(blob: Schema.packPassages(ranges), at: 13)
            s.bind(blob: PassagePositions.pack(text.passagePositions ?? PassagePositions.compute(
                ranges: ranges, body: body, analyzer: database.tokenizerContext.analyzer)), at: 14)
            s.bind(document.droppedSummary, at: 15)
            s.bind(document.author, at: 16)
            try s.run()
            return id ?? database.lastInsertRowID
        }
        try database.withStatement(DocumentStore.insertText, context: "indexing a document") { insertText throws(IndexError) in
            insertText.bind(documentID, at: 1)
            insertText.bind(document.title, at: 2)
            insertText.bind(body, at: 3)
            database.pendingRecordings = text.recordings
            defer { database.pendingRecordings = [] }
            try insertText.run()
        }
        try insertPassageDates(of: document, id: documentID)
        try markDatingDue()
        return (documentID, ranges.count)
    }

    /// Stores the dates each passage of `document` mentions, under document `id`.
    private func insertPassageDates(of document: ParsedDocument, id: Int64) throws(IndexError) {
        try insertPassageDates(document.passages.lazy.map(\.mentionedDates), id: id)
    }

    /// Stores `passageDates` (one list a passage, in passage order) under document `id`.
    private func insertPassageDates<C: Collection>(_ passageDates: C, id: Int64) throws(IndexError) where C.Element == [PartialDate] {
        guard passageDates.contains(where: { !$0.isEmpty }) else { return }
        try database.withStatement(DocumentStore.insertPassageDate, context: "storing passage dates") {
            insertPassageDate throws(IndexError) in
            for (ordinal, dates) in passageDates.enumerated() {
                for date in Set(dates) {
                    insertPassageDate.bind(id, at: 1)
                    insertPassageDate.bind(ordinal, at: 2)
                    insertPassageDate.bind(date.firstDay, at: 3)
                    insertPassageDate.bind(date.lastDay, at: 4)
                    try insertPassageDate.run()
                }
            }
        }
    }

    /// Removes a document and everything indexed for it.
    package func remove(id: Int64) throws(IndexError) {
        let statements = [(DocumentStore.deleteText, "removing a document's text"),
                          (DocumentStore.deletePassageDates, "removing passage dates"),
                          (DocumentStore.forgetCollectionDating, "removing a dating mark"),
                          (DocumentStore.deleteDocument, "removing a document")]
        for (sql, context) in statements {
            try database.withStatement(sql, context: context) { statement throws(IndexError) in
                statement.bind(id, at: 1)
                try statement.run()
            }
        }
        try markDatingDue()
    }

    /// Notes that the writer's last pass must run (`Schema.createDatingDue`).
    private func markDatingDue() throws(IndexError) {
        try database.withStatement(DocumentStore.markDatingDue, context: "marking the index for dating") { s throws(IndexError) in
            try s.run()
        }
    }

    /// Whether documents changed since the writer's last pass.
    package func datingIsDue() throws(IndexError) -> Bool {
        try database.scalarInt("SELECT count(*) FROM dating_due") > 0
    }

    /// Records that the writer's last pass has run, in its transaction.
    package func datingDone() throws(IndexError) {
        try database.withStatement("DELETE FROM dating_due", context: "recording the dating") { s throws(IndexError) in try s.run() }
    }

    /// Marks document `id` for the writer's last pass (see `Schema.createCollectionDating`); `date` is the date its
    /// text gives alone, what it votes with for its folder's year.
    package func markPendingDate(id: Int64, date: DocumentDate?) throws(IndexError) {
        try database.withStatement(DocumentStore.markPendingDate, context: "marking a document for dating") {
            markPendingDate throws(IndexError) in
            markPendingDate.bind(id, at: 1)
            if let date { markPendingDate.bind(Int64(date.date.year), at: 2) } else { markPendingDate.bindNull(at: 2) }
            markPendingDate.bind(date.map { DocumentStore.ownSources.contains($0.source) } == true ? 1 : 0, at: 3)
            try markPendingDate.run()
        }
    }

    /// The sources that make a date a document's own, the `own` votes of `yearVotes` (`Schema.ownDateSources`).
    static let ownSources: Set<DateSource> = [.dateline, .frontMatter, .text]

    /// Records that document `id`'s dates were read in `year` (0: in none) and whether it was firm.
    package func markRead(id: Int64, year: Int, firm: Bool) throws(IndexError) {
        try database.withStatement(DocumentStore.markRead, context: "recording a document's dating") { markRead throws(IndexError) in
            markRead.bind(id, at: 1)
            markRead.bind(Int64(year), at: 2)
            markRead.bind(firm ? 1 : 0, at: 3)
            try markRead.run()
        }
    }

    /// A plain-text document dated, or to be dated, from its folder's year: its id and path, and the year its dates
    /// were last read in (nil: not yet; 0: none) and whether that year was firm.
    package struct CollectionDated: Sendable {
        package var id: Int64
        package var path: String
        package var readIn: Int?
        package var readFirm: Bool
    }

    /// Every document of `Schema.createCollectionDating`, in id order.
    package func collectionDated() throws(IndexError) -> [CollectionDated] {
        let statement = try database.prepare("""
            SELECT d.id, d.path, c.read_in, c.read_firm FROM collection_dating c JOIN documents d ON d.id = c.document ORDER BY d.id
            """, context: "listing documents to date")
        var out: [CollectionDated] = []
        while try statement.step() {
            out.append(CollectionDated(id: statement.int(0), path: statement.text(1) ?? "",
                                       readIn: statement.isNull(2) ? nil : Int(statement.int(2)), readFirm: statement.int(3) != 0))
        }
        return out
    }

    /// Document `id`'s file as stored and its content hash; nil when it is gone.
    package func storedFile(id: Int64) throws(IndexError) -> (file: FoundFile, hash: String)? {
        try database.withStatement("SELECT path, relpath, size, mtime, hash FROM documents WHERE id = ?1", context: "reading a document's file") {
            statement throws(IndexError) -> (file: FoundFile, hash: String)? in
            statement.bind(id, at: 1)
            guard try statement.step() else { return nil }
            return (FoundFile(path: statement.text(0) ?? "", relativePath: statement.text(1) ?? "", size: statement.int(2),
                              modified: statement.int(3)), statement.text(4) ?? "")
        }
    }

    /// How many documents under `directory` (an absolute path ending in "/", or "/" for the whole index) carry each
    /// year: `own` counts those dated by their own dateline, front matter or date line, `dated` every dated one.
    /// The writer decides from these what the collection's year is (`CollectionYear` in Indexer).
    package func yearVotes(under directory: String) throws(IndexError) -> [YearVotes] {
        // A range of the path index, not LIKE: a folder's name may hold % or _.
        // A document of `collection_dating` votes with the date its text gives alone, never one read in the
        // collection's year; the others with their stored date.
        try database.withStatement("""
            SELECT y, sum(own), count(*) FROM (
                SELECT CASE WHEN c.document IS NULL THEN CAST(substr(d.date, 1, 4) AS INTEGER) ELSE c.vote_year END AS y,
                       CASE WHEN c.document IS NULL THEN coalesce(d.date_source IN \(Schema.ownDateSources), 0) ELSE c.vote_own END AS own
                FROM documents d LEFT JOIN collection_dating c ON c.document = d.id
                WHERE d.path >= ?1 AND d.path < ?2)
            WHERE y IS NOT NULL GROUP BY y
            """, context: "reading the collection's dates") { statement throws(IndexError) -> [YearVotes] in
            statement.bind(directory, at: 1)
            statement.bind(DocumentStore.pathsAfter(directory), at: 2)
            var out: [YearVotes] = []
            while try statement.step() {
                out.append(YearVotes(year: Int(statement.int(0)), own: Int(statement.int(1)), dated: Int(statement.int(2))))
            }
            return out
        }
    }

    /// The least string greater than every path that starts with `directory` ("/a/" gives "/a0": "0" follows "/").
    static func pathsAfter(_ directory: String) -> String {
        var bytes = Array(directory.utf8)
        guard let last = bytes.popLast() else { return "" }
        bytes.append(last + 1)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Document `id`'s content hash, date and date source.
    package func storedDate(id: Int64) throws(IndexError) -> (hash: String?, date: String?, source: String?) {
        try database.withStatement("SELECT hash, date, date_source FROM documents WHERE id = ?1", context: "reading a document's date") {
            statement throws(IndexError) -> (hash: String?, date: String?, source: String?) in
            statement.bind(id, at: 1)
            guard try statement.step() else { return (nil, nil, nil) }
            return (statement.text(0), statement.text(1), statement.text(2))
        }
    }

    /// Replaces document `id`'s date and the dates its passages mention (`passageDates`, one list a passage), leaving
    /// its text and tokens alone: a year settled later changes no word of the text, and re-indexing it would cost a
    /// second full write.
    package func redate(id: Int64, date: DocumentDate?, passageDates: [[PartialDate]]) throws(IndexError) {
        try database.withStatement("UPDATE documents SET date = ?2, date_first = ?3, date_last = ?4, date_source = ?5 WHERE id = ?1",
                                   context: "dating a document") { update throws(IndexError) in
            update.bind(id, at: 1)
            update.bind(date?.date.iso, at: 2)
            update.bind(date?.date.firstDay, at: 3)
            update.bind(date?.date.lastDay, at: 4)
            update.bind(date?.source.rawValue, at: 5)
            try update.run()
        }
        try database.withStatement(DocumentStore.deletePassageDates, context: "removing passage dates") {
            deletePassageDates throws(IndexError) in
            deletePassageDates.bind(id, at: 1)
            try deletePassageDates.run()
        }
        try insertPassageDates(passageDates, id: id)
    }

    /// Records a new size and time for a file whose content did not change.
    package func touch(id: Int64, size: Int64, modified: Int64) throws(IndexError) {
        try database.withStatement(DocumentStore.touchDocument, context: "updating a file's time") {
            touchDocument throws(IndexError) in
            touchDocument.bind(id, at: 1)
            touchDocument.bind(size, at: 2)
            touchDocument.bind(modified, at: 3)
            try touchDocument.run()
        }
    }
}

/// A document's stored body (its passages joined by a blank line) with the passages' byte ranges, and, when made on
/// the preparing thread, the recorded tokens of its title and body.
package struct PreparedText: Sendable {
    let body: String
    let ranges: [Range<Int>]
    /// Title then body recordings, for the columns FTS5 will tokenize (a missing title has none).
    let recordings: [TokenRecording]
    /// Where the passages start in token positions, read from the body's recording (nil without one).
    let passagePositions: [Int]?

    /// Joins the passages; records tokens when an analyzer is given.
    package init(_ document: ParsedDocument, analyzer: Analyzer?) {
        var body = ""
        var ranges: [Range<Int>] = []
        var offset = 0
        for (i, passage) in document.passages.enumerated() {
            if i > 0 { body += Schema.passageSeparator; offset += Schema.passageSeparator.utf8.count }
            let length = passage.text.utf8.count
            body += passage.text
            ranges.append(offset..<(offset + length))
            offset += length
        }
        self.body = body
        self.ranges = ranges
        if let analyzer {
            let bodyRecording = TokenRecording(body, analyzer: analyzer)
            recordings = (document.title.map { [TokenRecording($0, analyzer: analyzer)] } ?? []) + [bodyRecording]
            passagePositions = PassagePositions.compute(ranges: ranges) { visit in bodyRecording.visitStarts(visit) }
        } else {
            recordings = []
            passagePositions = nil
        }
    }
}

/// The documents of a folder that carry one year (`DocumentStore.yearVotes`).
package struct YearVotes: Sendable, Equatable {
    /// The year, as the documents' dates give it.
    package let year: Int
    /// Documents dated by their own dateline, front matter or date line.
    package let own: Int
    /// Every dated document, whatever its date rests on.
    package let dated: Int

    /// A count of one year's documents.
    package init(year: Int, own: Int, dated: Int) {
        self.year = year
        self.own = own
        self.dated = dated
    }
}
