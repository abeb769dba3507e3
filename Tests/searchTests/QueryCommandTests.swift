import Foundation
import Analysis
import Storage
import Indexer
import Testing
@testable import search

struct QueryCommandTests {
    @Test func archivesAndPagesAreSearchableAndListed() throws {
        let folder = try JSONSchemaTests.indexedFolder()
        defer { folder.remove() }
        let list = try Run(["-l", "Quds OR Kataeb", "--db", "i.db"], in: folder.path)
        #expect(list.status == 0)
        let docs = list.stdout.split(separator: "\n").map(String.init)
        // Paths as a shell in the current folder opens them (the folder indexed was corpus/).
        #expect(docs.contains("corpus/html/baghdad-protest-camp.html"))
        #expect(docs.contains("corpus/jsonl/wire-2020-01.jsonl#tl-20200103-001"))
        #expect(Set(docs).count == docs.count)
        // Twelve articles in one archive: -l lists every match, not the first ten.
        try folder.write("many.jsonl", (1...12).map { #"{"id": "n\#($0)", "title": "Note \#($0)", "text": "Najaf again."}"# }.joined(separator: "\n"))
        _ = try Run(["index", "many.jsonl", "--db", "many.db"], in: folder.path)
        let all = try Run(["-l", "Najaf", "--db", "many.db"], in: folder.path).stdout.split(separator: "\n")
        #expect(all.count == 12)
        #expect(all.first == "many.jsonl#n1")
        // --limit still caps it.
        let capped = try Run(["-l", "Quds OR Kataeb", "--db", "i.db", "-n", "1"], in: folder.path)
        #expect(capped.stdout == docs[0] + "\n")
        let none = try Run(["-l", "xylophonequartz", "--db", "i.db"], in: folder.path)
        #expect(none.status == 1 && none.stdout.isEmpty)
        // Furniture of the page is not indexed.
        #expect(try Run(["Subscribe OR cookies OR gtag", "--db", "i.db"], in: folder.path).status == 1)
    }

    @Test func countPrintsDocumentsAndPassages() throws {
        let folder = try JSONSchemaTests.indexedFolder()
        defer { folder.remove() }
        // Every passage with a match, shown: as many passages per document as there are.
        let json = try Run(["Tahrir", "--db", "i.db", "--format", "json", "--passages", "1000", "-n", "1000"], in: folder.path).json
        let total = try #require(json["total"] as? Int)
        let results = try #require(json["results"] as? [[String: Any]])
        let passages = results.filter { !(($0["highlights"] as? [[Int]]) ?? []).isEmpty }.count
        #expect(passages > total)
        let text = try Run(["Tahrir", "--db", "i.db", "--count"], in: folder.path)
        #expect(text.status == 0)
        #expect(text.stdout == "\(total) documents, \(passages) passages\n")
        let counted = try Run(["Tahrir", "--db", "i.db", "--count", "--format", "json"], in: folder.path)
        #expect(counted.stdout == #"{"documents":\#(total),"passages":\#(passages),"query":"Tahrir","undated_excluded":0}"# + "\n")
        let zero = try Run(["xylophonequartz", "--db", "i.db", "--count"], in: folder.path)
        #expect(zero.status == 1)
        #expect(zero.stdout == "0 documents, 0 passages\n")
        let both = try Run(["Tahrir", "--db", "i.db", "--count", "-l"], in: folder.path)
        #expect(both.status == 2)
    }

    @Test func sortByDateIsNewestFirstWithUndatedLast() throws {
        let folder = try JSONSchemaTests.indexedFolder()
        defer { folder.remove() }
        let run = try Run(["Baghdad OR Tahrir OR Soleimani OR Iraq", "--db", "i.db", "--sort", "date", "--format", "json", "-n", "50"], in: folder.path)
        let results = try #require(run.json["results"] as? [[String: Any]])
        let dates = results.map { $0["date"] as? String }
        let dated = dates.prefix { $0 != nil }.map { $0! }
        #expect(dated.count >= 3)
        #expect(dated == dated.sorted(by: >), "\(dates)")
        #expect(dates.dropFirst(dated.count).allSatisfy { $0 == nil }, "undated last: \(dates)")
        #expect(dates.contains { $0 == nil })
        let relevance = try Run(["Baghdad OR Tahrir OR Soleimani OR Iraq", "--db", "i.db", "--format", "json", "-n", "50"], in: folder.path)
        let byScore = try #require(relevance.json["results"] as? [[String: Any]])
        #expect(Set(byScore.compactMap { $0["doc"] as? String }) == Set(results.compactMap { $0["doc"] as? String }))
    }
}
