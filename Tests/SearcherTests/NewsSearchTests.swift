import Foundation
import Indexer
import Testing
@testable import Analysis
@testable import Storage
@testable import Searcher

/// Small findings of issue 14 on real-news shapes: `matched` for a title-only match, counts with a mention filter.
struct NewsSearchTests {
    static let documents = [
        "a.txt": "Erbil talks resume\n\nThe two sides met again on Monday and agreed to meet next week.",
        "b.txt": "Oil news\n\nSoleimani met officials in Baghdad.\n\nOn 3 January 2020 it rained in Basra.",
        "c.txt": "More oil news\n\nSoleimani was in Baghdad on 3 January 2020.",
    ]

    @Test(arguments: [("Erbil", ["Erbil"]), ("Soleimani", ["Soleimani"]), ("oil Soleimani", ["Soleimani", "oil"])])
    func matchedIncludesTheTitle(query: String, expected: [String]) throws {
        let index = try SmallIndex(NewsSearchTests.documents)
        let results = try index.search(query).results
        #expect(!results.isEmpty)
        for r in results { #expect(Set(expected).isSubset(of: Set(r.matched.map { $0.lowercased() == "oil" ? "oil" : $0 })), "\(r.doc): \(r.matched)") }
    }

    @Test(arguments: [
        ("Soleimani", nil, 2, 2),
        ("Soleimani", "2020-01-01", 1, 1), // b.txt matches in one passage and mentions the date in another
        ("Basra", "2020-01-01", 1, 1),
        ("Erbil", "2020-01-01", 0, 0),
    ] as [(String, String?, Int, Int)])
    func countsWithAMentionFilterAgree(query: String, since: String?, documents: Int, passages: Int) throws {
        let index = try SmallIndex(NewsSearchTests.documents)
        var request = SearchRequest(query: query)
        request.mentionsSince = since.flatMap { PartialDate(iso: $0) }
        let count = try IndexSearcher(path: index.database).count(request)
        #expect((count.documents, count.passages) == (documents, passages), "\(query) \(since ?? "-")")
        #expect(count.passages >= count.documents)
    }
}
