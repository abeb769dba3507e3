import Foundation
import Indexer
import Testing
@testable import Searcher

/// An index built by the real writer from small documents, searched by the real searcher.
final class SmallIndex {
    let folder: TemporaryFolder
    let database: String

    init(_ documents: [String: String]) throws {
        folder = try TemporaryFolder()
        for (name, text) in documents { try folder.write("docs/" + name, text) }
        database = folder.path + "/index.db"
        _ = try IndexWriter(path: database).index([folder.path + "/docs"])
    }

    deinit { folder.remove() }

    func search(_ query: String, configure: (inout SearchRequest) -> Void = { _ in }) throws -> SearchResponse {
        var request = SearchRequest(query: query)
        configure(&request)
        return try IndexSearcher(path: database).search(request)
    }

    func docs(_ query: String, configure: (inout SearchRequest) -> Void = { _ in }) throws -> [String] {
        try search(query, configure: configure).results.map(\.doc)
    }
}

struct IndexSearcherTests {
    static let documents = [
        "a.txt": "Baghdad protests grow\n\nProtesters filled Tahrir Square in Baghdad on Friday.\n\nThe police fired on the crowd.",
        "b.txt": "Militia leader killed\n\nA drone strike near Baghdad Airport killed the militia commander.",
        "c.txt": "Lebanon joins in\n\nProtesters in Beirut and Baghdad chanted against corruption.",
        "d.txt": "Square deal\n\nThe market square in Basra was quiet, far from any protest.",
    ]

    @Test(arguments: [
        ("Baghdad", ["a.txt", "b.txt", "c.txt"]),
        ("Baghdad protesters", ["a.txt", "c.txt"]),
        ("\"Tahrir Square\"", ["a.txt"]),
        ("\"Square Tahrir\"", []),
        ("Beirut OR Basra", ["c.txt", "d.txt"]),
        ("Baghdad -Beirut", ["a.txt", "b.txt"]),
        ("Baghdad NOT Beirut", ["a.txt", "b.txt"]),
        ("protest*", ["a.txt", "c.txt", "d.txt"]),
        ("NEAR(drone commander, 3)", []),
        ("NEAR(drone commander, 10)", ["b.txt"]),
        ("title:square", ["d.txt"]),
        ("(Beirut OR Airport) Baghdad", ["b.txt", "c.txt"]),
    ])
    func everyOperatorAgainstTheRealIndex(query: String, expected: [String]) throws {
        let index = try SmallIndex(IndexSearcherTests.documents)
        #expect(try index.docs(query).sorted() == expected, "\(query)")
    }

    @Test func highlightsPointAtTheMatchedWordsAsWritten() throws {
        let index = try SmallIndex(IndexSearcherTests.documents)
        let response = try index.search("\"tahrir square\" baghdad")
        let result = try #require(response.results.first)
        let bytes = Array(result.text.utf8)
        let words = result.highlights.map { String(decoding: bytes[$0[0]..<$0[1]], as: UTF8.self) }
        #expect(words == ["Tahrir", "Square", "Baghdad"])
        #expect(result.matched == ["Tahrir", "Square", "Baghdad"])
        let snippetBytes = Array(result.snippet.utf8)
        #expect(result.snippetHighlights.map { String(decoding: snippetBytes[$0[0]..<$0[1]], as: UTF8.self) } == words)
    }

    @Test func titleMatchesRankAboveBodyMatchesAndTiesAreStable() throws {
        let index = try SmallIndex(IndexSearcherTests.documents)
        let first = try index.docs("square")
        #expect(first.first == "d.txt")
        #expect(try index.docs("square") == first)
    }

    @Test func pagingAndPassagesPerDocument() throws {
        let index = try SmallIndex(IndexSearcherTests.documents)
        let all = try index.docs("Baghdad")
        #expect(try index.docs("Baghdad") { $0.limit = 1 } == Array(all.prefix(1)))
        #expect(try index.docs("Baghdad") { $0.offset = 1; $0.limit = 5 } == Array(all.dropFirst()))
        let response = try index.search("Baghdad OR protesters OR police") { $0.passagesPerDocument = 3 }
        #expect(response.results.filter { $0.doc == "a.txt" }.count == 2)
        #expect(response.total == 4, "protesters and protest share a stem")
    }

    @Test func malformedQueriesAreSyntaxErrors() throws {
        let index = try SmallIndex(IndexSearcherTests.documents)
        for query in ["\"unclosed", "NEAR(", "NOT", "", "a OR", "(a b"] {
            #expect(throws: SearchError.self, "\(query)") { try index.search(query) }
        }
    }
}
