/// What the index remembers of a file, to decide whether it changed.
public struct StoredFile: Sendable, Equatable {
    public var id: Int64
    public var hash: String
    public var size: Int64
    public var modified: Int64
}

/// The writer's statements: documents in, documents out. All SQL the indexer runs is here or in `Schema`.
final class DocumentStore {
    let database: Database
    private let insertDocument: Statement
    private let deletePassages: Statement
    private let deletePassageDates: Statement
    private let deleteDocument: Statement
    private let insertPassage: Statement
    private let insertPassageDate: Statement
    private let touchDocument: Statement

    init(database: Database) throws(IndexError) {
        self.database = database
        insertDocument = try database.prepare("""
            INSERT INTO documents(id, path, relpath, hash, size, mtime, title, date, date_first, date_last, date_source, url, passages)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            """, context: "storing a document")
        deletePassages = try database.prepare("DELETE FROM passages_fts WHERE rowid BETWEEN ?1 AND ?2", context: "removing old passages")
        deletePassageDates = try database.prepare("DELETE FROM passage_dates WHERE passage BETWEEN ?1 AND ?2", context: "removing old passage dates")
        deleteDocument = try database.prepare("DELETE FROM documents WHERE id = ?1", context: "removing a document")
        insertPassage = try database.prepare("INSERT INTO passages_fts(rowid, title, body) VALUES (?1, ?2, ?3)", context: "indexing a passage")
        insertPassageDate = try database.prepare("INSERT INTO passage_dates(passage, first, last) VALUES (?1, ?2, ?3)", context: "storing passage dates")
        touchDocument = try database.prepare("UPDATE documents SET size = ?2, mtime = ?3 WHERE id = ?1", context: "updating a file's time")
    }

    /// The documents already indexed below `folder` (an absolute path) or from it when it is an archive, by path
    /// (an archive's articles as `/abs/archive.jsonl#id`).
    func storedFiles(under folder: String) throws(IndexError) -> [String: StoredFile] {
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

    /// Stores a parsed document with its passages under `path` (`relativePath` for display), reusing `id` when it was
    /// indexed before. `size` and `modified` are the file's, shared by all the articles of an archive. Returns
    /// passages stored.
    @discardableResult
    func store(_ document: ParsedDocument, path: String, relativePath: String, file: FoundFile, hash: String,
               reusing id: Int64?) throws(IndexError) -> Int {
        let passages = document.passages.isEmpty ? [ParsedPassage(text: "")] : document.passages
        let s = insertDocument
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
        s.bind(passages.count, at: 13)
        try s.run()
        let documentID = id ?? database.lastInsertRowID
        let limit = 1 << Int(Schema.ordinalBits)
        for (ordinal, passage) in passages.prefix(limit).enumerated() {
            let rowid = Schema.passageRowID(document: documentID, ordinal: ordinal)
            insertPassage.bind(rowid, at: 1)
            insertPassage.bind(document.title, at: 2)
            insertPassage.bind(passage.text, at: 3)
            try insertPassage.run()
            for date in Set(passage.mentionedDates) {
                insertPassageDate.bind(rowid, at: 1)
                insertPassageDate.bind(date.firstDay, at: 2)
                insertPassageDate.bind(date.lastDay, at: 3)
                try insertPassageDate.run()
            }
        }
        return min(passages.count, limit)
    }

    /// Removes a document and everything indexed for it.
    func remove(id: Int64) throws(IndexError) {
        let first = Schema.passageRowID(document: id, ordinal: 0)
        let last = Schema.passageRowID(document: id + 1, ordinal: 0) - 1
        for statement in [deletePassages, deletePassageDates] {
            statement.bind(first, at: 1)
            statement.bind(last, at: 2)
            try statement.run()
        }
        deleteDocument.bind(id, at: 1)
        try deleteDocument.run()
    }

    /// Records a new size and time for a file whose content did not change.
    func touch(id: Int64, size: Int64, modified: Int64) throws(IndexError) {
        touchDocument.bind(id, at: 1)
        touchDocument.bind(size, at: 2)
        touchDocument.bind(modified, at: 3)
        try touchDocument.run()
    }
}
