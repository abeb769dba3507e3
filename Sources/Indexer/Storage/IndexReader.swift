/// A matching document as the index ranks it, before any text is read.
public struct DocumentHit: Sendable, Equatable {
    /// The document id (also its FTS5 rowid).
    public var id: Int64
    /// FTS5's bm25: negative, lower is better.
    public var bm25: Double
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

/// The best documents for a query, and how many matched in all.
public struct DocumentMatches: Sendable, Equatable {
    /// At most the requested number of documents, best first; ties in rowid order, so the order is stable.
    public var hits: [DocumentHit]
    /// Documents matching the query and the filters, in all.
    public var total: Int
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
    /// Byte ranges of the passages in the body.
    public var passages: [Range<Int>]
}

/// A document's text with the byte ranges of the tokens a query matched.
public struct StoredText: Sendable, Equatable {
    public var title: String
    public var body: String
    /// The matched tokens of `body`, in order.
    public var bodyMatches: [TokenMatch]
    /// The matched tokens of `title`, in order.
    public var titleMatches: [TokenMatch]
}

/// One token a query matched: its byte range and which phrase of the FTS5 expression matched it.
public struct TokenMatch: Sendable, Equatable {
    public var range: Range<Int>
    /// Index of the phrase in the expression (FTS5's numbering), to tell different query terms apart.
    public var phrase: Int
    /// Creates a match.
    public init(range: Range<Int>, phrase: Int) {
        self.range = range
        self.phrase = phrase
    }
}

/// Read-only access to an index for searching. Opens the file read-only: a search never writes.
public final class IndexReader {
    private let database: Database
    private var documentStatement: Statement?

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

    /// The `limit` best documents matching an FTS5 expression, with the total count.
    ///
    /// `expression` must come from the query stage's renderer; it is bound, never spliced into SQL.
    /// `titleWeight` is bm25's weight of the title column against the body's 1.0. `mentionedDates` keeps documents with
    /// at least one passage mentioning a date in the range.
    public func matches(expression: String, documentDates: DayRange? = nil, mentionedDates: DayRange? = nil,
                        titleWeight: Double = 4.0, limit: Int) throws(IndexError) -> DocumentMatches {
        let filters = IndexReader.filterSQL(documentDates: documentDates, mentionedDates: mentionedDates)
        let top = try database.prepare(
            "SELECT f.rowid, bm25(documents_fts, ?8, 1.0) AS score FROM documents_fts f\(filters) ORDER BY score, f.rowid LIMIT ?9",
            context: "searching")
        bindFilters(top, expression, documentDates, mentionedDates)
        top.bind(titleWeight, at: 8)
        top.bind(max(0, limit), at: 9)
        var hits: [DocumentHit] = []
        while try top.step() { hits.append(DocumentHit(id: top.int(0), bm25: top.double(1))) }

        var total = hits.count
        if hits.count >= limit {
            let count = try database.prepare("SELECT count(*) FROM documents_fts f\(filters)", context: "counting matches")
            bindFilters(count, expression, documentDates, mentionedDates)
            total = try count.step() ? Int(count.int(0)) : hits.count
        }
        var undated = 0
        if documentDates != nil {
            let mention = IndexReader.filterSQL(documentDates: nil, mentionedDates: mentionedDates)
            let count = try database.prepare(
                "SELECT count(*) FROM (SELECT f.rowid AS id FROM documents_fts f\(mention)) m JOIN documents d ON d.id = m.id WHERE d.date_first IS NULL",
                context: "counting undated matches")
            bindFilters(count, expression, nil, mentionedDates)
            undated = try count.step() ? Int(count.int(0)) : 0
        }
        return DocumentMatches(hits: hits, total: total, undatedDocuments: undated)
    }

    private static func filterSQL(documentDates: DayRange?, mentionedDates: DayRange?) -> String {
        var sql = documentDates == nil ? "" : " JOIN documents d ON d.id = f.rowid"
        sql += " WHERE documents_fts MATCH ?1"
        if documentDates != nil { sql += " AND d.date_last >= ?2 AND d.date_first <= ?3" }
        if mentionedDates != nil {
            sql += " AND EXISTS (SELECT 1 FROM passage_dates p WHERE p.document = f.rowid AND p.last >= ?4 AND p.first <= ?5)"
        }
        return sql
    }

    private func bindFilters(_ s: Statement, _ expression: String, _ documentDates: DayRange?, _ mentionedDates: DayRange?) {
        s.bind(expression, at: 1)
        if let documentDates {
            s.bind(documentDates.first ?? "0000-01-01", at: 2)
            s.bind(documentDates.last ?? "9999-12-31", at: 3)
        }
        if let mentionedDates {
            s.bind(mentionedDates.first ?? "0000-01-01", at: 4)
            s.bind(mentionedDates.last ?? "9999-12-31", at: 5)
        }
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
                              date: s.text(4), dateSource: s.text(5), url: s.text(6),
                              passages: Schema.unpackPassages(s.blob(7)))
    }

    /// A document's title and body and, when `expression` is given, the byte ranges of what it matched.
    public func text(of id: Int64, matching expression: String?) throws(IndexError) -> StoredText? {
        let s: Statement
        if let expression {
            s = try database.prepare(
                "SELECT title, body, search_offsets(documents_fts) FROM documents_fts WHERE documents_fts MATCH ?2 AND rowid = ?1",
                context: "reading a document's text")
            s.bind(expression, at: 2)
        } else {
            s = try database.prepare("SELECT title, body, NULL FROM documents_fts WHERE rowid = ?1", context: "reading a document's text")
        }
        s.bind(id, at: 1)
        guard try s.step() else { return nil }
        var result = StoredText(title: s.text(0) ?? "", body: s.text(1) ?? "", bodyMatches: [], titleMatches: [])
        let values = s.blob(2).withUnsafeBytes { raw in
            (0..<(raw.count / 4)).map { Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self))) }
        }
        var i = 0
        while i + 3 < values.count {
            guard values[i + 2] <= values[i + 3] else { i += 4; continue }
            let match = TokenMatch(range: values[i + 2]..<values[i + 3], phrase: values[i + 1])
            if values[i] == 0 { result.titleMatches.append(match) } else { result.bodyMatches.append(match) }
            i += 4
        }
        return result
    }

    /// Ordinals of the passages of document `id` that mention a date in `range`.
    public func passagesMentioning(_ range: DayRange, in id: Int64) throws(IndexError) -> Set<Int> {
        let s = try database.prepare(
            "SELECT DISTINCT passage FROM passage_dates WHERE document = ?1 AND last >= ?2 AND first <= ?3",
            context: "reading passage dates")
        s.bind(id, at: 1)
        s.bind(range.first ?? "0000-01-01", at: 2)
        s.bind(range.last ?? "9999-12-31", at: 3)
        var result: Set<Int> = []
        while try s.step() { result.insert(Int(s.int(0))) }
        return result
    }
}
