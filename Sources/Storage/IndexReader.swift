import Analysis
/// A matching document as the index ranks it, before any text is read.
public struct DocumentHit: Sendable, Equatable {
    /// The document id (also its FTS5 rowid).
    public var id: Int64
    /// FTS5's bm25: negative, lower is better.
    public var bm25: Double
    /// Where the query's phrases matched: (column, phrase, first token position, tokens) quadruples, for
    /// `texts(of:)` to turn into byte ranges without evaluating the query again.
    public var instances: [Int32] = []
    /// `search_weight` of the row when the query weighted its phrases (`PhraseWeights`), else 0: higher first.
    public var weight: Double = 0
}

/// How a query's phrases weigh in the ranking, in FTS5's phrase order: a group (one per AND operand of the query,
/// -1 for none) and a weight (a name spelling's similarity to the spelling typed). Documents are ordered by the sum
/// over groups of the best weight found, then by bm25.
public struct PhraseWeights: Sendable, Equatable {
    /// One (group, weight) per phrase.
    public var phrases: [(group: Int, weight: Double)]

    /// Weights for the phrases in order.
    public init(_ phrases: [(group: Int, weight: Double)]) { self.phrases = phrases }

    /// The BLOB `search_weight` reads: little-endian Float64 pairs.
    var blob: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(phrases.count * 16)
        for (group, weight) in phrases {
            for value in [Double(group), weight] {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { out += $0 }
            }
        }
        return out
    }

    /// Equal when the same phrases weigh the same.
    public static func == (a: PhraseWeights, b: PhraseWeights) -> Bool {
        a.phrases.count == b.phrases.count && zip(a.phrases, b.phrases).allSatisfy { $0.group == $1.group && $0.weight == $1.weight }
    }
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
    /// Lines left out of the passages, by reason (`copyright footer 1; wire sign-off 1`); nil when none were.
    public var dropped: String? = nil
    /// A mail or news post's author (its `From:` header).
    public var author: String? = nil
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

/// A term of the index and how often it occurs: a name key (`#slmn`) or a word's stem.
public struct TermCount: Sendable, Codable, Equatable {
    public var term: String
    /// Documents holding the term at least once.
    public var documents: Int
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
    public var documents: Int
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
    /// The commonest names, most documents first.
    public var names: [NameUsage]
    /// Whether the index keys names written in lower case too (`search index --lowercase-names`).
    public var lowerCaseNames = false
    /// The earliest document date at its own precision (`2019-10-07`, `2019-10` or `2019`).
    public var firstDate: String? = nil
    /// The latest document date at its own precision (`2020` for a year-only date, where `lastDay` says 2020-12-31).
    public var lastDate: String? = nil

    /// Documents dated in one year.
    public struct YearCount: Sendable, Codable, Equatable {
        public var year: String
        public var documents: Int
    }

    enum CodingKeys: String, CodingKey {
        case documents, passages, datedDocuments = "dated_documents", firstDay = "first_day", lastDay = "last_day"
        case years, databaseBytes = "database_bytes", names, lowerCaseNames = "lowercase_names"
        case firstDate = "first_date", lastDate = "last_date"
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
        try c.encode(lowerCaseNames, forKey: .lowerCaseNames)
        try c.encode(firstDate, forKey: .firstDate)
        try c.encode(lastDate, forKey: .lastDate)
    }
}

/// Where a query matched in one document: its passages and the byte offsets in its body where matches start.
public struct MatchPositions: Sendable, Equatable {
    public var id: Int64
    /// Byte ranges of the passages in the body.
    public var passages: [Range<Int>]
    /// Byte offsets in the body where matched tokens start, in order.
    public var bodyMatchStarts: [Int]
}

/// Read-only access to an index for searching. Opens the file read-only: a search never writes.
public final class IndexReader {
    let database: Database

    /// Opens the index at `path`; throws `.noIndex` when there is none.
    public init(path: String, analyzer: Analyzer = Analyzer()) throws(IndexError) {
        database = try Database(path: path, access: .readOnly, analyzer: analyzer)
        database.setBusyTimeout(milliseconds: 5_000)
        try Schema.prepare(database, create: false)
    }

    /// The index file as the user named it, for messages.
    public var path: String { database.path }

    /// Runs `body` in one read transaction: every statement it runs sees the same commit of the index, however
    /// many a writer makes meanwhile. Without it the hits, their texts and their passage ranges were read by separate
    /// autocommit statements, each possibly of another commit, and a search during `search index` trapped on a
    /// passage range of one version applied to the text of the next.
    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        try database.execute("BEGIN DEFERRED", context: "starting a read")
        do {
            let value = try body()
            try database.execute("COMMIT", context: "ending a read")
            return value
        } catch {
            try? database.execute("ROLLBACK", context: "ending a read")
            throw error
        }
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
    /// `newestFirst` orders by the document's date instead (undated last), with relevance breaking ties.
    /// `withInstances` fills the hits' `instances` for `texts(of:)`; leave it off when listing many documents.
    public func matches(expression: String, documentDates: DayRange? = nil, mentionedDates: DayRange? = nil,
                        titleWeight: Double = 4.0, newestFirst: Bool = false, limit: Int,
                        withInstances: Bool = false, weights: PhraseWeights? = nil) throws(IndexError) -> DocumentMatches {
        let filters = IndexReader.filterSQL(documentDates: documentDates, mentionedDates: mentionedDates)
        let order: String
        // The weight comes before bm25: a document holding the spelling typed ranks above one holding only another.
        let weight = weights == nil ? "" : "weight DESC, "
        if newestFirst {
            let joined = IndexReader.filterSQL(documentDates: documentDates, mentionedDates: mentionedDates, joinDocuments: true)
            order = "\(joined) ORDER BY d.date_first IS NULL, d.date_first DESC, d.date_last DESC, \(weight)score, f.rowid, search_tally()"
        } else {
            order = "\(filters) ORDER BY \(weight)score, f.rowid, search_tally()"
        }
        // search_tally() counts the rows that reach the sorter, so the total comes with the best rows: a separate
        // count(*) would evaluate the whole expression a second time, which for a name expanded into its spellings
        // and aliases was a fifth of a query's work. It is the last sort key (after the unique rowid, so it never
        // changes the order) because SQLite computes the sort key of every row but the other columns only of rows
        // that can still make the LIMIT. (SQLite refuses bm25 beside a window count(*) OVER ().)
        let hits = try database.withStatement(
            "SELECT f.rowid, bm25(documents_fts, ?8, 1.0) AS score, \(withInstances ? "search_instances(documents_fts)" : "NULL"), \(weights == nil ? "0" : "search_weight(documents_fts, ?10)") AS weight FROM documents_fts f\(order) LIMIT ?9",
            context: "searching") { top throws(IndexError) -> [DocumentHit] in
            bindFilters(top, expression, documentDates, mentionedDates)
            top.bind(titleWeight, at: 8)
            top.bind(max(0, limit), at: 9)
            if let weights { top.bind(blob: weights.blob, at: 10) }
            var hits: [DocumentHit] = []
            database.tokenizerContext.tally = 0
            // SQLite computes search_instances() only for rows that can still make the LIMIT, a few dozen at most.
            while try top.step() {
                hits.append(DocumentHit(id: top.int(0), bm25: top.double(1), instances: IndexReader.int32s(top.blob(2)),
                                        weight: top.double(3)))
            }
            return hits
        }

        var total = database.tokenizerContext.tally
        if limit <= 0 {
            total = try database.withStatement("SELECT count(*) FROM documents_fts f\(filters)", context: "counting matches") {
                count throws(IndexError) -> Int in
                bindFilters(count, expression, documentDates, mentionedDates)
                return try count.step() ? Int(count.int(0)) : hits.count
            }
        }
        var undated = 0
        if documentDates != nil {
            let mention = IndexReader.filterSQL(documentDates: nil, mentionedDates: mentionedDates)
            undated = try database.withStatement(
                "SELECT count(*) FROM (SELECT f.rowid AS id FROM documents_fts f\(mention)) m JOIN documents d ON d.id = m.id WHERE d.date_first IS NULL",
                context: "counting undated matches") { count throws(IndexError) -> Int in
                bindFilters(count, expression, nil, mentionedDates)
                return try count.step() ? Int(count.int(0)) : 0
            }
        }
        return DocumentMatches(hits: hits, total: total, undatedDocuments: undated)
    }

    private static func filterSQL(documentDates: DayRange?, mentionedDates: DayRange?, joinDocuments: Bool = false) -> String {
        var sql = documentDates == nil && !joinDocuments ? "" : " JOIN documents d ON d.id = f.rowid"
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
        try database.withStatement(
            "SELECT id, path, relpath, title, date, date_source, url, passages, dropped, author FROM documents WHERE id = ?1",
            context: "reading a document") { s throws(IndexError) -> StoredDocument? in
            s.bind(id, at: 1)
            guard try s.step() else { return nil }
            return StoredDocument(id: s.int(0), path: s.text(1) ?? "", relativePath: s.text(2) ?? "", title: s.text(3),
                                  date: s.text(4), dateSource: s.text(5), url: s.text(6),
                                  passages: Schema.unpackPassages(s.blob(7)), dropped: s.text(8), author: s.text(9))
        }
    }

    /// Every document matching an FTS5 expression and the filters, with its passages and where its body matched, in
    /// one pass over the matches (for counting passages; no order).
    public func matchPositions(expression: String, documentDates: DayRange? = nil,
                               mentionedDates: DayRange? = nil) throws(IndexError) -> [MatchPositions] {
        let filters = IndexReader.filterSQL(documentDates: documentDates, mentionedDates: mentionedDates, joinDocuments: true)
        let s = try database.prepare("SELECT f.rowid, d.passages, search_offsets(documents_fts) FROM documents_fts f\(filters)",
                                     context: "finding matches")
        bindFilters(s, expression, documentDates, mentionedDates)
        var out: [MatchPositions] = []
        while try s.step() {
            let values = s.blob(2).withUnsafeBytes { raw in
                (0..<(raw.count / 4)).map { Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self))) }
            }
            var starts: [Int] = []
            var i = 0
            while i + 3 < values.count {
                if values[i] != Int(FTS5Column.title.rawValue) { starts.append(values[i + 2]) }
                i += 4
            }
            out.append(MatchPositions(id: s.int(0), passages: Schema.unpackPassages(s.blob(1)), bodyMatchStarts: starts))
        }
        return out
    }

    /// For counting: the number of matching documents and of their passages holding a body match, from FTS5's token
    /// positions of the matches and the positions the passages start at (`documents.passage_positions`), counted
    /// inside SQLite by `search_passage_hits`, so that no text is read or tokenized. nil when a matching document has
    /// no stored positions (an index written before version 3 that was not rebuilt): `matchPositions` counts from
    /// the texts then.
    public func matchedPassageCount(expression: String, documentDates: DayRange? = nil) throws(IndexError) -> (documents: Int, passages: Int)? {
        let filters = IndexReader.filterSQL(documentDates: documentDates, mentionedDates: nil, joinDocuments: true)
        // length() of a blob comes from the record header: the passages themselves are not read.
        let s = try database.prepare(
            "SELECT search_passage_hits(documents_fts, d.passage_positions, length(d.passages) / 8) FROM documents_fts f\(filters)",
            context: "counting matches")
        bindFilters(s, expression, documentDates, nil)
        var documents = 0
        var passages = 0
        while try s.step() {
            let hits = s.int(0)
            if hits < 0 { return nil }
            documents += 1
            passages += Int(hits)
        }
        return (documents, passages)
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
        return IndexReader.storedText(s, title: 0, body: 1, offsets: 2)
    }

    /// The texts and match ranges of documents found by `matches(withInstances: true)`, in the hits' order (nil for a
    /// document gone): the texts read by rowid, the ranges from the hits' phrase instances, found by tokenizing the
    /// text as FTS5 does (the same ranges as `search_offsets`).
    ///
    /// Not by evaluating the expression again to learn where it matched (a second MATCH with `search_offsets`): that
    /// runs the whole match twice.
    public func texts(of hits: [DocumentHit]) throws(IndexError) -> [StoredText?] {
        try database.withStatement("""
            SELECT f.title, f.body, d.passages, d.passage_positions FROM documents_fts f JOIN documents d ON d.id = f.rowid
            WHERE f.rowid = ?1
            """, context: "reading a document's text") { s throws(IndexError) -> [StoredText?] in
            var result: [StoredText?] = []
            result.reserveCapacity(hits.count)
            for hit in hits {
                s.bind(hit.id, at: 1)
                defer { s.reset() }
                guard try s.step() else { result.append(nil); continue }
                var text = StoredText(title: s.text(0) ?? "", body: s.text(1) ?? "", bodyMatches: [], titleMatches: [])
                let passages = Schema.unpackPassages(s.blob(2))
                let starts = s.isNull(3) ? nil : PassagePositions.unpack(s.blob(3))
                // (position, phrase) of every matched token, per column, in position order; where instances overlap, the
                // later one wins, as in search_offsets. Arrays rather than dictionaries: each new generic type costs the
                // Swift runtime a scan of all conformances the first time, a quarter of a million instructions.
                for column in [FTS5Column.title.rawValue, FTS5Column.body.rawValue] {
                    var wanted: [(position: Int32, phrase: Int32, order: Int)] = []
                    var i = 0
                    while i + 3 < hit.instances.count {
                        if hit.instances[i] == column {
                            let (phrase, offset, size) = (hit.instances[i + 1], hit.instances[i + 2], hit.instances[i + 3])
                            for p in offset..<(offset + size) { wanted.append((p, phrase, i)) }
                        }
                        i += 4
                    }
                    guard !wanted.isEmpty else { continue }
                    wanted.sort { $0.position != $1.position ? $0.position < $1.position : $0.order > $1.order }
                    var matches: [TokenMatch] = []
                    var value = column == FTS5Column.title.rawValue ? text.title : text.body
                    value.withUTF8 { bytes in
                        var next = 0
                        if column == FTS5Column.body.rawValue, let starts, starts.count == passages.count, Schema.passagesFit(passages, length: bytes.count) {
                            // Only the passages that hold a match are read, each from the position it starts at.
                            var p = 0
                            while next < wanted.count {
                                let position = Int(wanted[next].position)
                                while p + 1 < starts.count && starts[p + 1] <= position { p += 1 }
                                let end = p + 1 < starts.count ? starts[p + 1] : Int.max
                                let range = passages[p]
                                read(UnsafeBufferPointer(rebasing: bytes[range]), offset: range.lowerBound, firstPosition: starts[p],
                                     endPosition: end, wanted: wanted, next: &next, into: &matches)
                                // Whatever this passage did not reach (it cannot, unless the text changed) is passed over.
                                while next < wanted.count && Int(wanted[next].position) < end { next += 1 }
                            }
                        } else {
                            read(bytes, offset: 0, firstPosition: 0, endPosition: Int.max, wanted: wanted, next: &next, into: &matches)
                        }
                    }
                    if column == FTS5Column.title.rawValue { text.titleMatches = matches } else { text.bodyMatches = matches }
                }
                result.append(text)
            }
            return result
        }
    }

    /// Tokenizes `bytes` (whose first token has position `firstPosition`) and appends the byte ranges, shifted by
    /// `offset`, of the tokens at `wanted` positions from `next` on, below `endPosition`; advances `next` past them.
    private func read(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int, firstPosition: Int, endPosition: Int,
                      wanted: [(position: Int32, phrase: Int32, order: Int)], next: inout Int, into matches: inout [TokenMatch]) {
        guard next < wanted.count, Int(wanted[next].position) < endPosition else { return }
        var position = firstPosition - 1
        var n = next
        try? database.tokenizerContext.analyzer.tokenize(bytes, mode: .offsets) { _, start, end, colocated in
            // A colocated key covers the same bytes as the token before it.
            if colocated { return }
            position += 1
            if position >= endPosition { throw StopReading() }
            guard Int(wanted[n].position) == position else { return }
            if start <= end { matches.append(TokenMatch(range: (start + offset)..<(end + offset), phrase: Int(wanted[n].phrase))) }
            // Skip the overlapped instances of this position (the first, the latest, was taken).
            while n < wanted.count && Int(wanted[n].position) == position { n += 1 }
            if n == wanted.count || Int(wanted[n].position) >= endPosition { throw StopReading() }
        }
        next = n
    }

    private struct StopReading: Error {}

    /// Little-endian Int32s from a blob.
    private static func int32s(_ blob: [UInt8]) -> [Int32] {
        blob.withUnsafeBytes { raw in
            (0..<(raw.count / 4)).map { Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) }
        }
    }

    private static func storedText(_ s: Statement, title: Int32, body: Int32, offsets: Int32) -> StoredText {
        var result = StoredText(title: s.text(title) ?? "", body: s.text(body) ?? "", bodyMatches: [], titleMatches: [])
        let values = s.blob(offsets).withUnsafeBytes { raw in
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

    /// The documents stored under `path` (absolute) or, failing that, shown as `relativePath` (`2019/a.txt`,
    /// `wire.jsonl#a1`); several when folders indexed separately hold the same relative path.
    public func documents(path: String, relativePath: String) throws(IndexError) -> [StoredDocument] {
        let s = try database.prepare("""
            SELECT id, path, relpath, title, date, date_source, url, passages, dropped, author FROM documents
            WHERE path = ?1 OR (relpath = ?2 AND NOT EXISTS (SELECT 1 FROM documents WHERE path = ?1)) ORDER BY path
            """, context: "finding a document")
        s.bind(path, at: 1)
        s.bind(relativePath, at: 2)
        var out: [StoredDocument] = []
        while try s.step() {
            out.append(StoredDocument(id: s.int(0), path: s.text(1) ?? "", relativePath: s.text(2) ?? "", title: s.text(3),
                                      date: s.text(4), dateSource: s.text(5), url: s.text(6),
                                      passages: Schema.unpackPassages(s.blob(7)), dropped: s.text(8), author: s.text(9)))
        }
        return out
    }

    /// Counts for `search stats`, with the `names` commonest name keys (terms starting with `namePrefix`) and the
    /// spellings seen in up to `sample` of each one's occurrences.
    public func statistics(names: Int = 10, namePrefix: String = "#", sample: Int = 200) throws(IndexError) -> IndexStatistics {
        // Each passage is one 8-byte range in documents.passages.
        let totals = try database.prepare("""
            SELECT count(*), coalesce(sum(length(passages)), 0) / 8, count(date_first), min(date_first), max(date_last) FROM documents
            """, context: "counting documents")
        _ = try totals.step()
        var stats = IndexStatistics(documents: Int(totals.int(0)), passages: Int(totals.int(1)), datedDocuments: Int(totals.int(2)),
                                    firstDay: totals.text(3), lastDay: totals.text(4), years: [], databaseBytes: 0, names: [])
        let years = try database.prepare(
            "SELECT substr(date_first, 1, 4) AS y, count(*) FROM documents WHERE date_first IS NOT NULL GROUP BY y ORDER BY y",
            context: "counting documents per year")
        while try years.step() { stats.years.append(.init(year: years.text(0) ?? "", documents: Int(years.int(1)))) }
        stats.databaseBytes = try database.scalarInt("PRAGMA page_count") * database.scalarInt("PRAGMA page_size")
        stats.lowerCaseNames = try IndexSettings.read(database).lowerCaseNames
        for (column, order) in [("firstDate", "date_first, date_last"), ("lastDate", "date_last DESC, date_first DESC")] {
            let s = try database.prepare("SELECT date FROM documents WHERE date_first IS NOT NULL ORDER BY \(order) LIMIT 1",
                                         context: "reading the date range")
            if try s.step() { if column == "firstDate" { stats.firstDate = s.text(0) } else { stats.lastDate = s.text(0) } }
        }
        if names > 0 {
            // A name the analyzer keys in parts (Hezbollah → hezb + ollah) shows up once, under its commoner part;
            // so more terms are read until `names` distinct names are found or the vocabulary ends.
            var seen: Set<String> = []
            var read = 0
            var limit = names * 2
            while stats.names.count < names {
                let terms = try topTerms(prefix: namePrefix, limit: limit)
                for term in terms.dropFirst(read) where stats.names.count < names {
                    let written = try spellings(of: term.term, sample: sample)
                    guard let top = written.first?.text.lowercased(), seen.insert(top).inserted else { continue }
                    stats.names.append(NameUsage(key: term.term, documents: term.documents, occurrences: term.occurrences, spellings: written))
                }
                if terms.count < limit { break }
                read = terms.count
                limit *= 2
            }
        }
        return stats
    }

    /// The `limit` terms starting with `prefix` found in the most documents (all terms for an empty prefix), read from
    /// FTS5's vocabulary.
    public func topTerms(prefix: String, limit: Int) throws(IndexError) -> [TermCount] {
        try database.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary USING fts5vocab(main, documents_fts, row)",
                             context: "reading the vocabulary")
        let s = try database.prepare("""
            SELECT term, doc, cnt FROM temp.search_vocabulary WHERE term >= ?1 AND (?2 = '' OR term < ?2)
            ORDER BY doc DESC, cnt DESC, term LIMIT ?3
            """, context: "reading the vocabulary")
        s.bind(prefix, at: 1)
        s.bind(IndexReader.successor(of: prefix), at: 2)
        s.bind(limit, at: 3)
        var out: [TermCount] = []
        while try s.step() { out.append(TermCount(term: s.text(0) ?? "", documents: Int(s.int(1)), occurrences: Int(s.int(2)))) }
        return out
    }

    /// How `term` (as indexed: a stem or a name key) is written in the text, commonest first, from up to `sample` of its
    /// occurrences: the index keeps token positions, so the analyzer re-reads those documents to find the words' bytes.
    public func spellings(of term: String, sample: Int = 200) throws(IndexError) -> [Spelling] {
        try database.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_instances USING fts5vocab(main, documents_fts, instance)",
                             context: "reading the vocabulary")
        let s = try database.prepare("SELECT doc, col, offset FROM temp.search_instances WHERE term = ?1 LIMIT ?2",
                                     context: "reading term positions")
        s.bind(term, at: 1)
        s.bind(sample, at: 2)
        var positions: [Int64: [(column: String, offset: Int)]] = [:]
        while try s.step() { positions[s.int(0), default: []].append((s.text(1) ?? "body", Int(s.int(2)))) }
        let text = try database.prepare("SELECT title, body FROM documents_fts WHERE rowid = ?1", context: "reading a document's text")
        var counts: [String: Int] = [:]
        let analyzer = database.tokenizerContext.analyzer
        for rowid in positions.keys.sorted() {
            text.bind(rowid, at: 1)
            defer { text.reset() }
            guard try text.step() else { continue }
            for (index, column) in [FTS5Column.title.name, FTS5Column.body.name].enumerated() {
                let wanted = Set(positions[rowid]!.filter { $0.column == column }.map(\.offset))
                guard !wanted.isEmpty, let value = text.text(Int32(index)) else { continue }
                let bytes = Array(value.utf8)
                var position = -1
                for token in analyzer.tokens(value, mode: .document) where !token.colocated {
                    position += 1
                    if wanted.contains(position) {
                        counts[String(decoding: bytes[IndexReader.word(around: token.start..<token.end, in: bytes)], as: UTF8.self), default: 0] += 1
                    }
                }
            }
        }
        return counts.map { Spelling(text: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.text < $1.text }
    }

    /// The whole word holding the token at `range`: the letters on either side of it too, so a name the analyzer
    /// reads in parts is shown as written (`ollah` in "Hezbollah" → "Hezbollah").
    static func word(around range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        func scalar(at i: Int) -> (Unicode.Scalar, Int)? {
            var it = bytes[i...].makeIterator()
            var decoder = UTF8()
            guard case let .scalarValue(s) = decoder.decode(&it) else { return nil }
            return (s, String(s).utf8.count)
        }
        var start = max(0, range.lowerBound)
        while start > 0 {
            var p = start - 1
            while p > 0 && bytes[p] & 0xC0 == 0x80 { p -= 1 }
            guard let (s, _) = scalar(at: p), s.properties.isAlphabetic else { break }
            start = p
        }
        var end = min(bytes.count, range.upperBound)
        while end < bytes.count, let (s, n) = scalar(at: end), s.properties.isAlphabetic { end += n }
        return start..<end
    }

    /// The smallest string greater than every string starting with `prefix` (`"#"` → `"$"`); empty for an empty prefix.
    static func successor(of prefix: String) -> String {
        var scalars = Array(prefix.unicodeScalars)
        while let last = scalars.popLast() {
            if let next = Unicode.Scalar(last.value + 1) { return String(String.UnicodeScalarView(scalars + [next])) }
        }
        return ""
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
