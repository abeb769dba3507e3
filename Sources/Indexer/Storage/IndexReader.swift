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

/// A term of the index and how often it occurs: a name key (`#slmn`) or a word's stem.
public struct TermCount: Sendable, Codable, Equatable {
    public var term: String
    /// Passages holding the term at least once.
    public var passages: Int
    /// Occurrences in all.
    public var occurrences: Int
}

/// A way a term is written in the indexed text, and how often it was seen in the sample read.
public struct Spelling: Sendable, Codable, Equatable {
    public var text: String
    public var count: Int
}

/// A frequent name in the index: its key, how often it occurs and its commonest spellings, commonest first.
public struct NameUsage: Sendable, Codable, Equatable {
    public var key: String
    public var passages: Int
    public var occurrences: Int
    public var spellings: [Spelling]
}

/// Counts describing an index as a whole (`search stats`).
public struct IndexStatistics: Sendable, Codable, Equatable {
    public var documents: Int
    public var passages: Int
    public var datedDocuments: Int
    /// The first day of the earliest document date, `YYYY-MM-DD`; nil when no document has a date.
    public var firstDay: String?
    /// The last day of the latest document date.
    public var lastDay: String?
    /// Dated documents per year (of their first day), oldest first.
    public var years: [YearCount]
    /// The database file's size in bytes (pages × page size; the write-ahead log is not counted).
    public var databaseBytes: Int64
    /// The commonest names, most passages first.
    public var names: [NameUsage]

    /// Documents dated in one year.
    public struct YearCount: Sendable, Codable, Equatable {
        public var year: String
        public var documents: Int
    }

    enum CodingKeys: String, CodingKey {
        case documents, passages, datedDocuments = "dated_documents", firstDay = "first_day", lastDay = "last_day"
        case years, databaseBytes = "database_bytes", names
    }

    /// Encodes missing dates as `null`, so every key is always present.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(documents, forKey: .documents)
        try c.encode(passages, forKey: .passages)
        try c.encode(datedDocuments, forKey: .datedDocuments)
        try c.encode(firstDay, forKey: .firstDay)
        try c.encode(lastDay, forKey: .lastDay)
        try c.encode(years, forKey: .years)
        try c.encode(databaseBytes, forKey: .databaseBytes)
        try c.encode(names, forKey: .names)
    }
}

/// One passage of a document with the byte ranges a query matched in it (none without a query).
public struct NumberedPassage: Sendable, Equatable {
    public var ordinal: Int
    public var text: String
    /// Byte ranges in `text` of the matched tokens.
    public var matches: [Range<Int>]
    /// Byte ranges in the document's title of the matched tokens (the title is indexed with every passage).
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

    /// The documents stored under `path` (absolute) or, failing that, shown as `relativePath` (`2019/a.txt`,
    /// `wire.jsonl#a1`); several when folders indexed separately hold the same relative path.
    public func documents(path: String, relativePath: String) throws(IndexError) -> [StoredDocument] {
        let s = try database.prepare("""
            SELECT id, path, relpath, title, date, date_source, url, passages FROM documents
            WHERE path = ?1 OR (relpath = ?2 AND NOT EXISTS (SELECT 1 FROM documents WHERE path = ?1)) ORDER BY path
            """, context: "finding a document")
        s.bind(path, at: 1)
        s.bind(relativePath, at: 2)
        var out: [StoredDocument] = []
        while try s.step() {
            out.append(StoredDocument(id: s.int(0), path: s.text(1) ?? "", relativePath: s.text(2) ?? "", title: s.text(3),
                                      date: s.text(4), dateSource: s.text(5), url: s.text(6), passages: Int(s.int(7))))
        }
        return out
    }

    /// Every passage of document `id` in order, with the matches of `expression` (an FTS5 expression from the query
    /// stage) when one is given.
    public func passages(ofDocument id: Int64, expression: String?) throws(IndexError) -> [NumberedPassage] {
        let first = Schema.passageRowID(document: id, ordinal: 0)
        let last = Schema.passageRowID(document: id + 1, ordinal: 0) - 1
        let all = try database.prepare("SELECT rowid, body FROM passages_fts WHERE rowid BETWEEN ?1 AND ?2 ORDER BY rowid",
                                       context: "reading a document's passages")
        all.bind(first, at: 1)
        all.bind(last, at: 2)
        var out: [NumberedPassage] = []
        var index: [Int64: Int] = [:]
        while try all.step() {
            index[all.int(0)] = out.count
            out.append(NumberedPassage(ordinal: Schema.ordinal(ofPassage: all.int(0)), text: all.text(1) ?? "", matches: [], titleMatches: []))
        }
        guard let expression else { return out }
        let matched = try database.prepare("""
            SELECT rowid, search_offsets(passages_fts) FROM passages_fts WHERE passages_fts MATCH ?3 AND rowid BETWEEN ?1 AND ?2
            """, context: "matching a document's passages")
        matched.bind(first, at: 1)
        matched.bind(last, at: 2)
        matched.bind(expression, at: 3)
        while try matched.step() {
            guard let i = index[matched.int(0)] else { continue }
            let triples = IndexReader.triples(matched.blob(1))
            var k = 0
            while k + 2 < triples.count {
                let range = triples[k + 1]..<triples[k + 2]
                if triples[k] == 0 { out[i].titleMatches.append(range) } else { out[i].matches.append(range) }
                k += 3
            }
        }
        return out
    }

    /// Counts for `search stats`, with the `names` commonest name keys (terms starting with `namePrefix`) and the
    /// spellings seen in up to `sample` of each one's occurrences.
    public func statistics(names: Int = 10, namePrefix: String = "#", sample: Int = 200) throws(IndexError) -> IndexStatistics {
        let totals = try database.prepare(
            "SELECT count(*), coalesce(sum(passages), 0), count(date_first), min(date_first), max(date_last) FROM documents",
            context: "counting documents")
        _ = try totals.step()
        var stats = IndexStatistics(documents: Int(totals.int(0)), passages: Int(totals.int(1)), datedDocuments: Int(totals.int(2)),
                                    firstDay: totals.text(3), lastDay: totals.text(4), years: [], databaseBytes: 0, names: [])
        let years = try database.prepare(
            "SELECT substr(date_first, 1, 4) AS y, count(*) FROM documents WHERE date_first IS NOT NULL GROUP BY y ORDER BY y",
            context: "counting documents per year")
        while try years.step() { stats.years.append(.init(year: years.text(0) ?? "", documents: Int(years.int(1)))) }
        stats.databaseBytes = try database.scalarInt("PRAGMA page_count") * database.scalarInt("PRAGMA page_size")
        for term in try topTerms(prefix: namePrefix, limit: names) where names > 0 {
            stats.names.append(NameUsage(key: term.term, passages: term.passages, occurrences: term.occurrences,
                                         spellings: try spellings(of: term.term, sample: sample)))
        }
        return stats
    }

    /// The `limit` terms starting with `prefix` found in the most passages (all terms for an empty prefix), read from
    /// FTS5's vocabulary.
    public func topTerms(prefix: String, limit: Int) throws(IndexError) -> [TermCount] {
        try database.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary USING fts5vocab(main, passages_fts, row)",
                             context: "reading the vocabulary")
        let s = try database.prepare("""
            SELECT term, doc, cnt FROM temp.search_vocabulary WHERE term >= ?1 AND (?2 = '' OR term < ?2)
            ORDER BY doc DESC, cnt DESC, term LIMIT ?3
            """, context: "reading the vocabulary")
        s.bind(prefix, at: 1)
        s.bind(IndexReader.successor(of: prefix), at: 2)
        s.bind(limit, at: 3)
        var out: [TermCount] = []
        while try s.step() { out.append(TermCount(term: s.text(0) ?? "", passages: Int(s.int(1)), occurrences: Int(s.int(2)))) }
        return out
    }

    /// How `term` (as indexed: a stem or a name key) is written in the text, commonest first, from up to `sample` of its
    /// occurrences: the index keeps positions, so the analyzer re-reads those passages to find the words' bytes.
    public func spellings(of term: String, sample: Int = 200) throws(IndexError) -> [Spelling] {
        try database.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_instances USING fts5vocab(main, passages_fts, instance)",
                             context: "reading the vocabulary")
        let s = try database.prepare("SELECT doc, col, offset FROM temp.search_instances WHERE term = ?1 LIMIT ?2",
                                     context: "reading term positions")
        s.bind(term, at: 1)
        s.bind(sample, at: 2)
        var positions: [Int64: [(column: String, offset: Int)]] = [:]
        while try s.step() { positions[s.int(0), default: []].append((s.text(1) ?? "body", Int(s.int(2)))) }
        let text = try database.prepare("SELECT title, body FROM passages_fts WHERE rowid = ?1", context: "reading a passage")
        var counts: [String: Int] = [:]
        let analyzer = database.tokenizerContext.analyzer
        for rowid in positions.keys.sorted() {
            text.bind(rowid, at: 1)
            guard try text.step() else { text.reset(); continue }
            for column in ["title", "body"] {
                let wanted = Set(positions[rowid]!.filter { $0.column == column }.map(\.offset))
                guard !wanted.isEmpty, let value = text.text(column == "title" ? 0 : 1) else { continue }
                let bytes = Array(value.utf8)
                var position = -1
                for token in analyzer.tokens(value, mode: .document) where !token.colocated {
                    position += 1
                    if wanted.contains(position) { counts[String(decoding: bytes[token.start..<token.end], as: UTF8.self), default: 0] += 1 }
                }
            }
            text.reset()
        }
        return counts.map { Spelling(text: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.text < $1.text }
    }

    /// The smallest string greater than every string starting with `prefix` (`"#"` → `"$"`); empty for an empty prefix.
    static func successor(of prefix: String) -> String {
        var scalars = Array(prefix.unicodeScalars)
        while let last = scalars.popLast() {
            if let next = Unicode.Scalar(last.value + 1) { return String(String.UnicodeScalarView(scalars + [next])) }
        }
        return ""
    }

    static func triples(_ blob: [UInt8]) -> [Int] {
        blob.withUnsafeBytes { raw in
            (0..<(raw.count / 4)).map { Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self))) }
        }
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
