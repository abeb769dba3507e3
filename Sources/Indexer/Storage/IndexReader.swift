/// A matching passage as the index ranks it, before any text is read.
public struct PassageHit: Sendable, Equatable {
    /// The passage rowid (see `Schema.passageRowID`).
    public var rowid: Int64
    /// FTS5's bm25: negative, lower is better.
    public var bm25: Double
    /// The document the passage belongs to.
    public var document: Int64 { Schema.document(ofPassage: rowid) }
    /// The passage's ordinal within its document.
    public var ordinal: Int { Schema.ordinal(ofPassage: rowid) }
}

/// An inclusive range of days as `YYYY-MM-DD` strings; either end may be open.
public struct DayRange: Sendable, Equatable {
    public var first: String?
    public var last: String?
    public init(first: String?, last: String?) {
        self.first = first
        self.last = last
    }
}

/// The matches of one query, best first, with the documents a date filter left out for having no date.
public struct PassageMatches: Sendable {
    public var hits: [PassageHit]
    /// Documents that matched but were left out because they have no date and a date filter was given.
    public var undatedDocuments: Int
}

/// What the index stores about one document.
public struct StoredDocument: Sendable, Equatable {
    public var id: Int64
    public var path: String
    public var relativePath: String
    public var title: String?
    public var date: String?
    public var dateSource: String?
    public var url: String?
    public var passages: Int
}

/// A passage's text with the byte ranges of its matched tokens.
public struct StoredPassage: Sendable, Equatable {
    public var title: String
    public var body: String
    /// Byte ranges in `body` of the tokens the query matched.
    public var bodyMatches: [Range<Int>]
    /// Byte ranges in `title` of the tokens the query matched.
    public var titleMatches: [Range<Int>]
}

/// Read-only access to an index for searching. Opens the file read-only: a search never writes.
public final class IndexReader {
    private let database: Database
    private var documentStatement: Statement?
    private var passageStatement: Statement?

    /// Opens the index at `path`; throws `.noIndex` when there is none.
    public init(path: String, analyzer: Analyzer = Analyzer()) throws(IndexError) {
        database = try Database(path: path, access: .readOnly, analyzer: analyzer)
        database.setBusyTimeout(milliseconds: 5_000)
        try Schema.prepare(database, create: false)
    }

    /// The tokenizer's mode for query terms: `.query` matches every spelling, `.queryExact` only the one typed.
    public var queryMode: Analyzer.Mode {
        get { database.queryMode }
        set { database.queryMode = newValue }
    }

    /// All passages matching an FTS5 expression, best first (ties by rowid, so the order is stable).
    ///
    /// `expression` must come from the query stage's renderer; it is bound, never spliced into SQL.
    /// `titleWeight` multiplies bm25's weight of the title column against the body's 1.0.
    public func matches(expression: String, documentDates: DayRange? = nil, mentionedDates: DayRange? = nil,
                        titleWeight: Double = 4.0) throws(IndexError) -> PassageMatches {
        var sql = "SELECT f.rowid, bm25(passages_fts, ?5, 1.0) AS score"
        sql += documentDates == nil ? ", NULL, NULL FROM passages_fts f" : ", d.date_first, d.date_last FROM passages_fts f JOIN documents d ON d.id = (f.rowid >> \(Schema.ordinalBits))"
        sql += " WHERE passages_fts MATCH ?1"
        if mentionedDates != nil {
            sql += " AND EXISTS (SELECT 1 FROM passage_dates p WHERE p.passage = f.rowid AND p.last >= ?3 AND p.first <= ?4)"
        }
        sql += " ORDER BY score, f.rowid"
        let statement = try database.prepare(sql, context: "searching")
        statement.bind(expression, at: 1)
        statement.bind(mentionedDates?.first ?? "0000-01-01", at: 3)
        statement.bind(mentionedDates?.last ?? "9999-12-31", at: 4)
        statement.bind(titleWeight, at: 5)
        var hits: [PassageHit] = []
        var undated: Set<Int64> = []
        let first = documentDates?.first ?? "0000-01-01"
        let last = documentDates?.last ?? "9999-12-31"
        while try statement.step() {
            let hit = PassageHit(rowid: statement.int(0), bm25: statement.double(1))
            if documentDates != nil {
                guard let dateFirst = statement.text(2), let dateLast = statement.text(3) else {
                    undated.insert(hit.document)
                    continue
                }
                if dateLast < first || dateFirst > last { continue }
            }
            hits.append(hit)
        }
        return PassageMatches(hits: hits, undatedDocuments: undated.count)
    }

    /// The stored facts of document `id`.
    public func document(_ id: Int64) throws(IndexError) -> StoredDocument? {
        if documentStatement == nil {
            documentStatement = try database.prepare(
                "SELECT id, path, relpath, title, date, date_source, url, passages FROM documents WHERE id = ?1",
                context: "reading a document")
        }
        let s = documentStatement!
        defer { s.reset() }
        s.bind(id, at: 1)
        guard try s.step() else { return nil }
        return StoredDocument(id: s.int(0), path: s.text(1) ?? "", relativePath: s.text(2) ?? "", title: s.text(3),
                              date: s.text(4), dateSource: s.text(5), url: s.text(6), passages: Int(s.int(7)))
    }

    /// The first and last day of the dates of documents `ids` (`2019-11` → `2019-11-01`, `2019-11-30`); undated
    /// documents are left out.
    public func dayRanges(of ids: [Int64]) throws(IndexError) -> [Int64: DayRange] {
        let s = try database.prepare("SELECT date_first, date_last FROM documents WHERE id = ?1", context: "reading document dates")
        var out: [Int64: DayRange] = [:]
        for id in ids {
            s.bind(id, at: 1)
            if try s.step(), let first = s.text(0), let last = s.text(1) { out[id] = DayRange(first: first, last: last) }
            s.reset()
        }
        return out
    }

    /// A passage's text and, when `expression` is given, the byte ranges of what it matched.
    public func passage(_ rowid: Int64, expression: String?) throws(IndexError) -> StoredPassage? {
        let s: Statement
        if let expression {
            s = try database.prepare(
                "SELECT title, body, search_offsets(passages_fts) FROM passages_fts WHERE passages_fts MATCH ?2 AND rowid = ?1",
                context: "reading a passage")
            s.bind(expression, at: 2)
        } else {
            if passageStatement == nil {
                passageStatement = try database.prepare("SELECT title, body, NULL FROM passages_fts WHERE rowid = ?1", context: "reading a passage")
            }
            s = passageStatement!
        }
        defer { s.reset() }
        s.bind(rowid, at: 1)
        guard try s.step() else { return nil }
        var result = StoredPassage(title: s.text(0) ?? "", body: s.text(1) ?? "", bodyMatches: [], titleMatches: [])
        let triples = s.blob(2).withUnsafeBytes { raw in
            (0..<(raw.count / 4)).map { Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self))) }
        }
        var i = 0
        while i + 2 < triples.count {
            let range = triples[i + 1]..<triples[i + 2]
            if triples[i] == 0 { result.titleMatches.append(range) } else { result.bodyMatches.append(range) }
            i += 3
        }
        return result
    }
}
