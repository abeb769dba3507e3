import Foundation
import Testing
@testable import Indexer

struct IndexReaderTests {
    /// An index of a few documents in a fresh folder.
    static func index(_ files: [String: String]) throws -> (TemporaryFolder, IndexReader) {
        let folder = try TemporaryFolder()
        for (name, text) in files { try folder.write("docs/" + name, text) }
        _ = try IndexWriter(path: folder.path + "/i.db").index([folder.path + "/docs"])
        return (folder, try IndexReader(path: folder.path + "/i.db"))
    }

    static let files = [
        "a.html": "<title>Visit to Baghdad</title><meta name=date content=2019-11-02><p>The minister visited Baghdad.<p>He visits again in December.",
        "b.txt": "Visiting Najaf\n\nPilgrims are visiting Najaf. Visitors came.",
        "w.jsonl": #"{"id": "x", "title": "Wire", "date": "2020-01", "text": "A visit."}"#,
    ]

    @Test func topTermsAndTheirSpellingsComeFromTheVocabulary() throws {
        let (folder, reader) = try IndexReaderTests.index(IndexReaderTests.files)
        defer { folder.remove() }
        let top = try reader.topTerms(prefix: "", limit: 3)
        #expect(top.count == 3)
        #expect(top.map(\.passages) == top.map(\.passages).sorted(by: >))
        let visit = try #require(try reader.topTerms(prefix: "visit", limit: 5).first { $0.term == "visit" })
        #expect(visit.occurrences >= 5)
        let spellings = try reader.spellings(of: "visit")
        #expect(Set(spellings.map(\.text)).isSuperset(of: ["visited", "visits", "visiting", "Visiting", "visit"]), "\(spellings)")
        #expect(spellings.map(\.count) == spellings.map(\.count).sorted(by: >))
        #expect(try reader.spellings(of: "visit", sample: 1).reduce(0) { $0 + $1.count } == 1, "the sample bounds the work")
        #expect(try reader.topTerms(prefix: "zzzz", limit: 5).isEmpty)
    }

    @Test func statisticsCountDocumentsPassagesDatesAndSize() throws {
        let (folder, reader) = try IndexReaderTests.index(IndexReaderTests.files)
        defer { folder.remove() }
        let stats = try reader.statistics(names: 5)
        #expect(stats.documents == 3)
        #expect(stats.passages == 4)
        #expect(stats.datedDocuments == 2)
        #expect(stats.firstDay == "2019-11-02")
        #expect(stats.lastDay == "2020-01-31")
        #expect(stats.years.map(\.year).last == "2020")
        #expect(stats.databaseBytes > 4096)
        // Every name listed is a key of the analyzer, with the words it stands for.
        for name in stats.names {
            #expect(name.key.hasPrefix("#"))
            #expect(!name.spellings.isEmpty)
        }
    }

    @Test func documentsAreFoundByPathOrRelativePathAndReadWithTheirMatches() throws {
        let (folder, reader) = try IndexReaderTests.index(IndexReaderTests.files)
        defer { folder.remove() }
        let byRelative = try reader.documents(path: "/nowhere/b.txt", relativePath: "b.txt")
        #expect(byRelative.map(\.relativePath) == ["b.txt"])
        let byPath = try reader.documents(path: folder.path + "/docs/w.jsonl#x", relativePath: "ignored")
        #expect(byPath.map(\.relativePath) == ["w.jsonl#x"])
        #expect(try reader.documents(path: "/nowhere", relativePath: "nothing").isEmpty)

        let id = byRelative[0].id
        let plain = try reader.passages(ofDocument: id, expression: nil)
        #expect(plain.map(\.ordinal) == [0])
        #expect(plain[0].text == "Pilgrims are visiting Najaf. Visitors came.")
        #expect(plain[0].matches.isEmpty)
        let marked = try reader.passages(ofDocument: id, expression: "\"najaf\"")
        let bytes = Array(marked[0].text.utf8)
        #expect(marked[0].matches.map { String(decoding: bytes[$0], as: UTF8.self) } == ["Najaf"])
        #expect(marked[0].titleMatches == [9..<14])
    }

    @Test func dayRangesOfDatedDocumentsOnly() throws {
        let (folder, reader) = try IndexReaderTests.index(IndexReaderTests.files)
        defer { folder.remove() }
        let ids = try ["a.html", "b.txt", "w.jsonl#x"].map { try reader.documents(path: "/n", relativePath: $0)[0].id }
        let ranges = try reader.dayRanges(of: ids)
        #expect(ranges[ids[0]] == DayRange(first: "2019-11-02", last: "2019-11-02"))
        #expect(ranges[ids[2]] == DayRange(first: "2020-01-01", last: "2020-01-31"))
        #expect(ranges[ids[1]] == nil)
    }

    @Test(arguments: [("#", "$"), ("", ""), ("ab", "ac")])
    func successors(prefix: String, next: String) {
        #expect(IndexReader.successor(of: prefix) == next)
    }
}
