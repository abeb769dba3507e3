import CSQLite
import Foundation
import Indexer
import Testing
@testable import Analysis
@testable import Storage
@testable import Searcher

/// How many times a search runs its statements, counted by SQLite itself (`sqlite3_trace_v2`, one event each time a
/// statement starts running): the match expression is evaluated once per query, with or without a date filter, and
/// each shown document's row is read once.
struct EvaluationCountTests {
    static let documents = [
        "a.txt": "---\ndate: 2019-03-01\n---\nBaghdad protests grow\n\nProtesters filled Tahrir Square in Baghdad on Friday.",
        "b.txt": "---\ndate: 2020-05-02\n---\nMilitia leader killed\n\nA drone strike near Baghdad Airport killed the commander.",
        "c.txt": "Undated notes\n\nProtesters in Beirut and Baghdad chanted against corruption.",
        "d.txt": "Square deal\n\nThe market square in Basra was quiet.",
    ]

    /// The SQL of every statement run on `searcher`'s connection while `body` runs.
    static func statements(_ searcher: IndexSearcher, _ body: () throws -> Void) throws -> [String] {
        final class Log { var sql: [String] = [] }
        let log = Log()
        let handle = searcher.reader.database.handle
        let context = Unmanaged.passUnretained(log).toOpaque()
        sqlite3_trace_v2(handle, UInt32(SQLITE_TRACE_STMT), { _, context, _, sql in
            guard let context, let sql else { return 0 }
            Unmanaged<Log>.fromOpaque(context).takeUnretainedValue().sql.append(String(cString: sql.assumingMemoryBound(to: CChar.self)))
            return 0
        }, context)
        defer { sqlite3_trace_v2(handle, 0, nil, nil) }
        try body()
        return withExtendedLifetime(log) { log.sql }
    }

    /// (query, since, until, results, undated left out): the expression runs once, and the rows shown are read once
    /// each, by the statement that reads their text, never again by id.
    @Test(arguments: [("baghdad", nil, nil, 3, 0), ("baghdad", "2019-01-01", nil, 2, 1), ("baghdad", "2020-01-01", "2020-12-31", 1, 1),
                      ("protesters", "2019", "2019", 1, 1), ("basra", "2000", nil, 0, 1), ("nothing", "2019", nil, 0, 0)] as [(String, String?, String?, Int, Int)])
    func aSearchEvaluatesItsExpressionOnce(query: String, since: String?, until: String?, results: Int, undated: Int) throws {
        let index = try SmallIndex(EvaluationCountTests.documents)
        let searcher = try IndexSearcher(path: index.database)
        var request = SearchRequest(query: query)
        request.since = since.flatMap { PartialDate(iso: $0) }
        request.until = until.flatMap { PartialDate(iso: $0) }
        var response: SearchResponse?
        let sql = try EvaluationCountTests.statements(searcher) { response = try searcher.search(request) }
        #expect(response?.results.count == results)
        #expect(response?.undatedExcluded == undated)
        #expect(sql.filter { $0.contains(" MATCH ") }.count == 1, "\(sql)")
        #expect(sql.filter { $0.contains("FROM documents d WHERE d.id = ?1") }.isEmpty, "\(sql)")
        #expect(sql.filter { $0.contains("JOIN documents d ON d.id = f.rowid WHERE f.rowid = ?1") }.count == results, "\(sql)")

        // --count: once too, the undated count included.
        var counted: MatchCount?
        let countSQL = try EvaluationCountTests.statements(searcher) { counted = try searcher.count(request) }
        #expect(counted?.documents == results)
        #expect(counted?.undatedExcluded == undated)
        #expect(countSQL.filter { $0.contains(" MATCH ") }.count == 1, "\(countSQL)")
    }

    /// (query, path glob, mentions since, documents, passages, undated left out) for `--count` from the texts (the
    /// path and mention filters), with a document-date filter from 2019: its one pass over the matches gives the
    /// count, the paths and the undated matches.
    @Test(arguments: [("baghdad", "a.txt", nil, 1, 1, 1), ("baghdad", "*.txt", nil, 2, 2, 1), ("baghdad", nil, "2019", 0, 0, 0),
                      ("baghdad", "b.*", "2000", 0, 0, 0)] as [(String, String?, String?, Int, Int, Int)])
    func aCountFromTheTextsEvaluatesItsExpressionOnce(query: String, glob: String?, mentionsSince: String?,
                                                      documents: Int, passages: Int, undated: Int) throws {
        let index = try SmallIndex(EvaluationCountTests.documents)
        let searcher = try IndexSearcher(path: index.database)
        var request = SearchRequest(query: query)
        request.since = PartialDate(iso: "2019")
        request.pathGlob = glob.flatMap { Glob($0) }
        request.mentionsSince = mentionsSince.flatMap { PartialDate(iso: $0) }
        var counted: MatchCount?
        let sql = try EvaluationCountTests.statements(searcher) { counted = try searcher.count(request) }
        #expect(counted == MatchCount(query: query, documents: documents, passages: passages, undatedExcluded: undated))
        #expect(sql.filter { $0.contains(" MATCH ") }.count == 1, "\(sql)")
    }
}

/// The query mode belongs to one call: an `--exact` search leaves nothing set on the connection for the next query,
/// and a `search names` count (an exact lookup inside) neither.
struct QueryModeTests {
    static let documents = [
        "a.txt": "Soleimani visit\n\nQassem Soleimani arrived in Baghdad.",
        "b.txt": "Suleimani visit\n\nQasem Suleimani was seen in Baghdad.",
        "c.txt": "Other news\n\nNothing about him.",
    ]

    /// (query, exact) in the order one searcher answers them; each answer is a fresh searcher's.
    @Test(arguments: [[("Suleimani", true), ("Suleimani", false), ("Suleimani", true)],
                      [("Soleimani", false), ("Soleimani", true), ("Soleimani", false)]])
    func oneSearcherAnswersAsFreshOnes(sequence: [(String, Bool)]) throws {
        let index = try SmallIndex(QueryModeTests.documents)
        let searcher = try IndexSearcher(path: index.database)
        var answers: [[String]] = []
        for (query, exact) in sequence {
            var request = SearchRequest(query: query)
            request.exact = exact
            let docs = try searcher.search(request).results.map(\.doc).sorted()
            #expect(docs == (try IndexSearcher(path: index.database).search(request).results.map(\.doc).sorted()), "\(query) exact: \(exact)")
            #expect(try searcher.count(request).documents == docs.count)
            _ = try searcher.nameSpellings(of: query)
            answers.append(docs)
        }
        #expect(answers[0] != answers[1], "exact and not exact differ here, so a mode left set would show")
    }
}
