import Foundation
import Indexer
import Storage
import Testing
import TestSupport
@testable import Searcher

/// `--count` counts passages from token positions without reading the texts; it must give what counting from the
/// texts gives, on real news (Tests/Fixtures/realnews, see PROVENANCE.md there): wire stories of many passages,
/// Usenet posts with quoted replies (and Tests/Fixtures/collection-year/wire, whose stories date the others).
struct CountPathTests {
    @Test(arguments: [
        ("the", nil, nil),
        ("said", nil, nil),
        ("israeli", nil, nil),
        ("israeli said", nil, nil),
        ("\"Tender Loving\"", nil, nil),
        ("Israel", nil, nil),
        // Several phrases in one row (each walked on its own, passages marked in one set): an OR, a NEAR group, a
        // phrase beside a word, a name and its other spellings.
        ("israeli OR wheat", nil, nil),
        ("NEAR(israeli the, 3)", nil, nil),
        ("\"Tender Loving\" care", nil, nil),
        ("Ahmed", nil, nil),
        ("the", "1987-03-01", "1987-03-31"),
        ("said", "1987-04-01", nil),
        ("zzqxv", nil, nil),
    ] as [(String, String?, String?)])
    func positionsAndTextsCountAlike(query: String, since: String?, until: String?) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = folder.path + "/index.db"
        // The collection-year stories settle 1987 for the wire stories of both folders (CollectionYear).
        _ = try IndexWriter(path: database).index([packageRoot + "/Tests/Fixtures/realnews", packageRoot + "/Tests/Fixtures/collection-year/wire"])
        var request = SearchRequest(query: query)
        request.since = since.flatMap { PartialDate(iso: $0) }
        request.until = until.flatMap { PartialDate(iso: $0) }
        let searcher = try IndexSearcher(path: database)
        let fast = try searcher.count(request)
        let slow = try searcher.countReadingTexts(request)
        #expect(fast == slow)
        if query != "zzqxv" {
            // A document can match by its title alone, with no passage to count.
            #expect(fast.documents > 0 && fast.passages > 0, "\(fast)")
        } else {
            #expect(fast.documents == 0 && fast.passages == 0)
        }
    }
}
