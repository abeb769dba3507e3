import Analysis
/// A matching document as the index ranks it, before any text is read.
public struct DocumentHit: Sendable, Equatable {
    /// The document id (also its FTS5 rowid).
    public var id: Int64
    /// FTS5's bm25: negative, lower is better.
    public var bm25: Double
    /// Where the query's phrases matched: (column, phrase, first token position, tokens) quadruples, for
    /// the searcher's highlighter to turn into byte ranges without evaluating the query again.
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

/// A query as the index evaluates it, compiled by the searcher (`QueryCompiler`) and passed to every call that runs
/// it: the FTS5 expression (bound to `MATCH ?`, never spliced into SQL), how its terms are read, and how its phrases
/// weigh in the ranking. The reader has the tokenizer read the expression's terms in `mode` for that one call only.
public struct MatchQuery: Sendable, Equatable {
    /// The FTS5 expression, every user term a double-quoted string.
    public var expression: String
    /// True to read every term as written (`--exact`): no name keys, no other spellings.
    public var exact: Bool
    /// One group and weight per phrase of `expression`; nil when the ranking weighs no names.
    public var weights: PhraseWeights?

    /// A query for `expression`.
    public init(_ expression: String, exact: Bool = false, weights: PhraseWeights? = nil) {
        self.expression = expression
        self.exact = exact
        self.weights = weights
    }

    /// The tokenizer's mode for the expression's terms.
    var mode: Analyzer.Mode { exact ? .queryExact : .query }
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

/// A document shown as a result, read in one row: its stored facts, the title and body FTS5 holds, and the token
/// position each passage starts at (`PassagePositions`; nil for an index upgraded from version 2 without them).
public struct DocumentText: Sendable, Equatable {
    /// What `documents` holds about it.
    public var document: StoredDocument
    /// The title as FTS5 stores and numbers it (column `title`).
    public var title: String
    /// The body, the passages joined by `Schema.passageSeparator`.
    public var body: String
    /// The token position of the first token of each passage.
    public var passageStarts: [Int]?
}

/// A document's text with the byte ranges of the tokens a query matched.
public struct StoredText: Sendable, Equatable {
    public var title: String
    public var body: String
    /// The matched tokens of `body`, in order.
    public var bodyMatches: [TokenMatch]
    /// The matched tokens of `title`, in order.
    public var titleMatches: [TokenMatch]

    /// A text and its matches.
    public init(title: String, body: String, bodyMatches: [TokenMatch], titleMatches: [TokenMatch]) {
        self.title = title
        self.body = body
        self.bodyMatches = bodyMatches
        self.titleMatches = titleMatches
    }
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
    /// The document's absolute path (`StoredDocument.path`), for a path filter.
    public var path = ""
    /// The document's path as results show it (`StoredDocument.relativePath`).
    public var relativePath = ""
}

/// Every document a query matches with where its body matched (`IndexReader.matchPositions`), and the matches a
/// date filter left out for having no date, counted in the same pass.
public struct AllMatchPositions: Sendable, Equatable {
    /// The matching documents, in no order.
    public var documents: [MatchPositions]
    /// Matches left out by a document-date filter because they have no date.
    public var undatedDocuments: Int
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

    /// The analyzer this index tokenizes with (its settings applied), for turning a hit's token positions into byte
    /// ranges the way FTS5 counted them.
    public var analyzer: Analyzer { database.analyzer }

    /// The `limit` best documents matching `query`, with the total count, evaluating its expression once.
    ///
    /// `titleWeight` is bm25's weight of the title column against the body's 1.0. `mentionedDates` keeps documents with
    /// at least one passage mentioning a date in the range.
    /// `newestFirst` orders by the document's date instead (undated last), with relevance breaking ties.
    /// `withInstances` fills the hits' `instances`, for highlighting; leave it off when listing many documents.
    public func matches(_ query: MatchQuery, documentDates: DayRange? = nil, mentionedDates: DayRange? = nil,
                        titleWeight: Double = 4.0, newestFirst: Bool = false, limit: Int,
                        withInstances: Bool = false) throws(IndexError) -> DocumentMatches {
        let weights = query.weights
        let filters = IndexReader.filterSQL(documentDates: documentDates, mentionedDates: mentionedDates)
        return try database.withQueryMode(query.mode) { () throws(IndexError) -> DocumentMatches in
            let context = database.tokenizerContext
            context.tally = 0
            context.undated = 0
            guard limit > 0 else {
                // No rows wanted: the count alone (with undated rows counted as the filter leaves them out).
                let total = try database.withStatement("SELECT count(*) FROM \(Schema.Table.fts) f\(filters)", context: "counting matches") {
                    count throws(IndexError) -> Int in
                    bindFilters(count, query.expression, documentDates, mentionedDates)
                    return try count.step() ? Int(count.int(0)) : 0
                }
                return DocumentMatches(hits: [], total: total, undatedDocuments: context.undated)
            }
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
            // that can still make the LIMIT. (SQLite refuses bm25 beside a window count(*) OVER ().) The undated rows a
            // date filter leaves out are counted by the filter itself (search_undated), in the same pass.
            let hits = try database.withStatement(
                "SELECT f.rowid, bm25(\(Schema.Table.fts), ?8, 1.0) AS score, \(withInstances ? "search_instances(\(Schema.Table.fts))" : "NULL"), \(weights == nil ? "0" : "search_weight(\(Schema.Table.fts), ?10)") AS weight FROM \(Schema.Table.fts) f\(order) LIMIT ?9",
                context: "searching") { top throws(IndexError) -> [DocumentHit] in
                bindFilters(top, query.expression, documentDates, mentionedDates)
                top.bind(titleWeight, at: 8)
                top.bind(limit, at: 9)
                if let weights { top.bind(blob: weights.blob, at: 10) }
                var hits: [DocumentHit] = []
                // SQLite computes search_instances() only for rows that can still make the LIMIT, a few dozen at most.
                while try top.step() {
                    hits.append(DocumentHit(id: top.int(0), bm25: top.double(1), instances: FTS5Blob.int32s(top.blob(2)),
                                            weight: top.double(3)))
                }
                return hits
            }
            return DocumentMatches(hits: hits, total: context.tally, undatedDocuments: context.undated)
        }
    }

    /// `matches` for an expression read in the default query mode, for tests that run FTS5 expressions directly.
    package func matches(expression: String, documentDates: DayRange? = nil, mentionedDates: DayRange? = nil,
                         titleWeight: Double = 4.0, newestFirst: Bool = false, limit: Int,
                         withInstances: Bool = false, weights: PhraseWeights? = nil) throws(IndexError) -> DocumentMatches {
        try matches(MatchQuery(expression, weights: weights), documentDates: documentDates, mentionedDates: mentionedDates,
                    titleWeight: titleWeight, newestFirst: newestFirst, limit: limit, withInstances: withInstances)
    }

    /// The FROM clause's joins and the WHERE clause for a match and its filters. With a document-date filter, an
    /// undated row is counted (`search_undated`, when it passes the mention filter too) as the filter leaves it out,
    /// inside one CASE so that no other term of the WHERE clause can reject it first: the count of undated matches
    /// then needs no second statement evaluating the expression again.
    private static func filterSQL(documentDates: DayRange?, mentionedDates: DayRange?, joinDocuments: Bool = false) -> String {
        var sql = documentDates == nil && !joinDocuments ? "" : " JOIN \(Schema.Table.documents) d ON d.id = f.rowid"
        sql += " WHERE \(Schema.Table.fts) MATCH ?1"
        let mention = "EXISTS (SELECT 1 FROM \(Schema.Table.passageDates) p WHERE p.document = f.rowid AND p.last >= ?4 AND p.first <= ?5)"
        if documentDates != nil {
            sql += " AND CASE WHEN d.date_first IS NULL THEN search_undated(\(mentionedDates == nil ? "1" : mention)) ELSE d.date_last >= ?2 AND d.date_first <= ?3 END"
        }
        if mentionedDates != nil { sql += " AND " + mention }
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

    /// The columns of `documents` that make a `StoredDocument`, in `storedDocument`'s order.
    private static let documentColumns = "d.id, d.path, d.relpath, d.title, d.date, d.date_source, d.url, d.passages, d.dropped, d.author"

    /// The `StoredDocument` in the `documentColumns` of `s` from column `first` on.
    private static func storedDocument(_ s: Statement, from first: Int32 = 0) -> StoredDocument {
        StoredDocument(id: s.int(first), path: s.text(first + 1) ?? "", relativePath: s.text(first + 2) ?? "", title: s.text(first + 3),
                       date: s.text(first + 4), dateSource: s.text(first + 5), url: s.text(first + 6),
                       passages: PassageRanges.unpack(s.blob(first + 7)), dropped: s.text(first + 8), author: s.text(first + 9))
    }

    private static let documentSQL = "SELECT \(documentColumns) FROM \(Schema.Table.documents) d WHERE d.id = ?1"

    /// The stored facts of document `id`.
    public func document(_ id: Int64) throws(IndexError) -> StoredDocument? {
        try database.withStatement(IndexReader.documentSQL, context: "reading a document") { s throws(IndexError) -> StoredDocument? in
            s.bind(id, at: 1)
            guard try s.step() else { return nil }
            return IndexReader.storedDocument(s)
        }
    }

    /// Every document matching `query` and the filters, with its paths, its passages and where its body matched, in
    /// one pass over the matches that also counts the undated ones a date filter leaves out (for counting passages;
    /// no order).
    public func allMatchPositions(_ query: MatchQuery, documentDates: DayRange? = nil,
                                  mentionedDates: DayRange? = nil) throws(IndexError) -> AllMatchPositions {
        let filters = IndexReader.filterSQL(documentDates: documentDates, mentionedDates: mentionedDates, joinDocuments: true)
        return try database.withQueryMode(query.mode) { () throws(IndexError) -> AllMatchPositions in
            try database.withStatement(
                "SELECT f.rowid, d.passages, search_offsets(\(Schema.Table.fts)), d.path, d.relpath FROM \(Schema.Table.fts) f\(filters)",
                context: "finding matches") { s throws(IndexError) -> AllMatchPositions in
                bindFilters(s, query.expression, documentDates, mentionedDates)
                database.tokenizerContext.undated = 0
                var out: [MatchPositions] = []
                while try s.step() {
                    let values = FTS5Blob.int32s(s.blob(2))
                    var starts: [Int] = []
                    var i = 0
                    while i + 3 < values.count {
                        if values[i] != FTS5Column.title.rawValue { starts.append(Int(values[i + 2])) }
                        i += 4
                    }
                    out.append(MatchPositions(id: s.int(0), passages: PassageRanges.unpack(s.blob(1)), bodyMatchStarts: starts,
                                              path: s.text(3) ?? "", relativePath: s.text(4) ?? ""))
                }
                return AllMatchPositions(documents: out, undatedDocuments: database.tokenizerContext.undated)
            }
        }
    }

    /// `allMatchPositions(_:)`'s documents for an expression read in the default query mode (tests).
    package func matchPositions(expression: String, documentDates: DayRange? = nil,
                                mentionedDates: DayRange? = nil) throws(IndexError) -> [MatchPositions] {
        try allMatchPositions(MatchQuery(expression), documentDates: documentDates, mentionedDates: mentionedDates).documents
    }

    /// For counting: the number of matching documents and of their passages holding a body match, from FTS5's token
    /// positions of the matches and the positions the passages start at (`documents.passage_positions`), counted
    /// inside SQLite by `search_passage_hits`, so that no text is read or tokenized; with a date filter, the matches
    /// it left out for having no date, counted in the same pass. nil when a matching document has no stored
    /// positions (an index written before version 3 that was not rebuilt): `matchPositions` counts from the texts then.
    public func matchedPassageCount(_ query: MatchQuery, documentDates: DayRange? = nil) throws(IndexError)
        -> (documents: Int, passages: Int, undated: Int)? {
        let filters = IndexReader.filterSQL(documentDates: documentDates, mentionedDates: nil, joinDocuments: true)
        return try database.withQueryMode(query.mode) { () throws(IndexError) -> (documents: Int, passages: Int, undated: Int)? in
            // length() of a blob comes from the record header: the passages themselves are not read.
            try database.withStatement(
                "SELECT search_passage_hits(\(Schema.Table.fts), d.passage_positions, \(PassageRanges.countSQL("d.passages"))) FROM \(Schema.Table.fts) f\(filters)",
                context: "counting matches") { s throws(IndexError) -> (documents: Int, passages: Int, undated: Int)? in
                bindFilters(s, query.expression, documentDates, nil)
                database.tokenizerContext.undated = 0
                var documents = 0
                var passages = 0
                while try s.step() {
                    let hits = s.int(0)
                    if hits < 0 { return nil }
                    documents += 1
                    passages += Int(hits)
                }
                return (documents, passages, database.tokenizerContext.undated)
            }
        }
    }

    private static let plainTextSQL = "SELECT title, body, NULL FROM \(Schema.Table.fts) WHERE rowid = ?1"
    private static let matchedTextSQL =
        "SELECT title, body, search_offsets(\(Schema.Table.fts)) FROM \(Schema.Table.fts) WHERE \(Schema.Table.fts) MATCH ?2 AND rowid = ?1"

    /// A document's title and body and, when `query` is given, the byte ranges of what it matched (FTS5 re-tokenizes
    /// the matched columns, `search_offsets`); nil when there is no such row, or `query` does not match it.
    public func text(of id: Int64, matching query: MatchQuery? = nil) throws(IndexError) -> StoredText? {
        try database.withQueryMode(query?.mode ?? .query) { () throws(IndexError) -> StoredText? in
            try database.withStatement(query == nil ? IndexReader.plainTextSQL : IndexReader.matchedTextSQL,
                                       context: "reading a document's text") { s throws(IndexError) -> StoredText? in
                s.bind(id, at: 1)
                if let query { s.bind(query.expression, at: 2) }
                guard try s.step() else { return nil }
                return IndexReader.storedText(s, title: 0, body: 1, offsets: 2)
            }
        }
    }

    private static let shownSQL = """
        SELECT f.title, f.body, d.passage_positions, \(documentColumns) FROM \(Schema.Table.fts) f
        JOIN \(Schema.Table.documents) d ON d.id = f.rowid WHERE f.rowid = ?1
        """

    /// The stored text and facts of documents, in the order of `ids` (nil for a document gone), each row read once:
    /// what a result shows, with the token position each passage starts at, so that the searcher turns a hit's
    /// phrase instances into byte ranges by re-reading only the passages that hold them.
    public func texts(of ids: [Int64]) throws(IndexError) -> [DocumentText?] {
        try database.withStatement(IndexReader.shownSQL, context: "reading a document's text") { s throws(IndexError) -> [DocumentText?] in
            var result: [DocumentText?] = []
            result.reserveCapacity(ids.count)
            for id in ids {
                s.bind(id, at: 1)
                defer { s.reset() }
                guard try s.step() else { result.append(nil); continue }
                result.append(DocumentText(document: IndexReader.storedDocument(s, from: 3), title: s.text(0) ?? "", body: s.text(1) ?? "",
                                           passageStarts: s.isNull(2) ? nil : PassagePositions.unpack(s.blob(2))))
            }
            return result
        }
    }

    private static func storedText(_ s: Statement, title: Int32, body: Int32, offsets: Int32) -> StoredText {
        var result = StoredText(title: s.text(title) ?? "", body: s.text(body) ?? "", bodyMatches: [], titleMatches: [])
        let values = FTS5Blob.int32s(s.blob(offsets)).map(Int.init)
        var i = 0
        while i + 3 < values.count {
            guard values[i + 2] <= values[i + 3] else { i += 4; continue }
            let match = TokenMatch(range: values[i + 2]..<values[i + 3], phrase: values[i + 1])
            if values[i] == 0 { result.titleMatches.append(match) } else { result.bodyMatches.append(match) }
            i += 4
        }
        return result
    }

    private static let documentsSQL = """
        SELECT \(documentColumns) FROM \(Schema.Table.documents) d
        WHERE d.path = ?1 OR (d.relpath = ?2 AND NOT EXISTS (SELECT 1 FROM \(Schema.Table.documents) WHERE path = ?1)) ORDER BY d.path
        """

    /// The documents stored under `path` (absolute) or, failing that, shown as `relativePath` (`2019/a.txt`,
    /// `wire.jsonl#a1`); several when folders indexed separately hold the same relative path.
    public func documents(path: String, relativePath: String) throws(IndexError) -> [StoredDocument] {
        try database.withStatement(IndexReader.documentsSQL, context: "finding a document") { s throws(IndexError) -> [StoredDocument] in
            s.bind(path, at: 1)
            s.bind(relativePath, at: 2)
            var out: [StoredDocument] = []
            while try s.step() { out.append(IndexReader.storedDocument(s)) }
            return out
        }
    }

    private static let totalsSQL = """
        SELECT count(*), coalesce(sum(\(PassageRanges.countSQL("passages"))), 0), count(date_first), min(date_first), max(date_last)
        FROM \(Schema.Table.documents)
        """
    private static let yearsSQL = """
        SELECT substr(date_first, 1, 4) AS y, count(*) FROM \(Schema.Table.documents) WHERE date_first IS NOT NULL GROUP BY y ORDER BY y
        """
    private static let firstDateSQL =
        "SELECT date FROM \(Schema.Table.documents) WHERE date_first IS NOT NULL ORDER BY date_first, date_last LIMIT 1"
    private static let lastDateSQL =
        "SELECT date FROM \(Schema.Table.documents) WHERE date_first IS NOT NULL ORDER BY date_last DESC, date_first DESC LIMIT 1"

    /// Counts for `search stats`, with the `names` commonest name keys (terms starting with `namePrefix`) and the
    /// spellings seen in up to `sample` of each one's occurrences.
    public func statistics(names: Int = 10, namePrefix: String = "#", sample: Int = 200) throws(IndexError) -> IndexStatistics {
        var stats = try database.withStatement(IndexReader.totalsSQL, context: "counting documents") { totals throws(IndexError) -> IndexStatistics in
            _ = try totals.step()
            return IndexStatistics(documents: Int(totals.int(0)), passages: Int(totals.int(1)), datedDocuments: Int(totals.int(2)),
                                   firstDay: totals.text(3), lastDay: totals.text(4), years: [], databaseBytes: 0, names: [])
        }
        stats.years = try database.withStatement(IndexReader.yearsSQL, context: "counting documents per year") {
            years throws(IndexError) -> [IndexStatistics.YearCount] in
            var out: [IndexStatistics.YearCount] = []
            while try years.step() { out.append(.init(year: years.text(0) ?? "", documents: Int(years.int(1)))) }
            return out
        }
        stats.databaseBytes = try database.scalarInt("PRAGMA page_count") * database.scalarInt("PRAGMA page_size")
        stats.lowerCaseNames = try IndexSettings.read(database).lowerCaseNames
        for sql in [IndexReader.firstDateSQL, IndexReader.lastDateSQL] {
            let date = try database.withStatement(sql, context: "reading the date range") { s throws(IndexError) -> String? in
                try s.step() ? s.text(0) : nil
            }
            if sql == IndexReader.firstDateSQL { stats.firstDate = date } else { stats.lastDate = date }
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

    private static let vocabularySQL = """
        SELECT term, doc, cnt FROM temp.search_vocabulary WHERE term >= ?1 AND (?2 = '' OR term < ?2)
        ORDER BY doc DESC, cnt DESC, term LIMIT ?3
        """

    /// The `limit` terms starting with `prefix` found in the most documents (all terms for an empty prefix), read from
    /// FTS5's vocabulary.
    public func topTerms(prefix: String, limit: Int) throws(IndexError) -> [TermCount] {
        try database.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary USING fts5vocab(main, \(Schema.Table.fts), row)",
                             context: "reading the vocabulary")
        return try database.withStatement(IndexReader.vocabularySQL, context: "reading the vocabulary") { s throws(IndexError) -> [TermCount] in
            s.bind(prefix, at: 1)
            s.bind(IndexReader.successor(of: prefix), at: 2)
            s.bind(limit, at: 3)
            var out: [TermCount] = []
            while try s.step() { out.append(TermCount(term: s.text(0) ?? "", documents: Int(s.int(1)), occurrences: Int(s.int(2)))) }
            return out
        }
    }

    private static let instancesSQL = "SELECT doc, col, offset FROM temp.search_instances WHERE term = ?1 LIMIT ?2"

    /// How `term` (as indexed: a stem or a name key) is written in the text, commonest first, from up to `sample` of its
    /// occurrences: the index keeps token positions, so the analyzer re-reads those documents to find the words' bytes.
    public func spellings(of term: String, sample: Int = 200) throws(IndexError) -> [Spelling] {
        try database.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_instances USING fts5vocab(main, \(Schema.Table.fts), instance)",
                             context: "reading the vocabulary")
        let positions = try database.withStatement(IndexReader.instancesSQL, context: "reading term positions") {
            s throws(IndexError) -> [Int64: [(column: String, offset: Int)]] in
            s.bind(term, at: 1)
            s.bind(sample, at: 2)
            var positions: [Int64: [(column: String, offset: Int)]] = [:]
            while try s.step() { positions[s.int(0), default: []].append((s.text(1) ?? "body", Int(s.int(2)))) }
            return positions
        }
        let analyzer = database.tokenizerContext.analyzer
        return try database.withStatement(IndexReader.plainTextSQL, context: "reading a document's text") { text throws(IndexError) -> [Spelling] in
            var counts: [String: Int] = [:]
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

    private static let passagesMentioningSQL =
        "SELECT DISTINCT passage FROM \(Schema.Table.passageDates) WHERE document = ?1 AND last >= ?2 AND first <= ?3"

    /// Ordinals of the passages of document `id` that mention a date in `range`.
    public func passagesMentioning(_ range: DayRange, in id: Int64) throws(IndexError) -> Set<Int> {
        try database.withStatement(IndexReader.passagesMentioningSQL, context: "reading passage dates") { s throws(IndexError) -> Set<Int> in
            s.bind(id, at: 1)
            s.bind(range.first ?? "0000-01-01", at: 2)
            s.bind(range.last ?? "9999-12-31", at: 3)
            var result: Set<Int> = []
            while try s.step() { result.insert(Int(s.int(0))) }
            return result
        }
    }
}
