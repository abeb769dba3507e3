import Foundation
import Testing
@testable import Analysis
@testable import Storage
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
        #expect(top.map(\.documents) == top.map(\.documents).sorted(by: >))
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

        #expect(byRelative[0].passages.count == 1)
    }

    @Test(arguments: [("#", "$"), ("", ""), ("ab", "ac")])
    func successors(prefix: String, next: String) {
        #expect(IndexReader.successor(of: prefix) == next)
    }

    @Test(arguments: [
        ("Hezbollah fighters", 4..<9, "Hezbollah"), ("Kata'ib", 0..<4, "Kata"), ("the Sulaymānī family", 4..<8, "Sulaymānī"),
        ("al-Iraqi", 0..<8, "al-Iraqi"), ("x", 0..<1, "x"),
    ])
    func wordsAroundTokens(text: String, token: Range<Int>, word: String) {
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[IndexReader.word(around: token, in: bytes)], as: UTF8.self) == word)
    }

    @Test func matchPositionsListEveryMatchingDocumentWithItsBodyMatches() throws {
        let (folder, reader) = try IndexReaderTests.index(IndexReaderTests.files)
        defer { folder.remove() }
        let positions = try reader.matchPositions(expression: "\"najaf\"")
        #expect(positions.count == 1)
        let body = "Pilgrims are visiting Najaf. Visitors came."
        #expect(positions.first?.bodyMatchStarts == [Array(body.utf8).count - "Najaf. Visitors came.".utf8.count])
        #expect(positions.first?.passages.count == 1)
        let dated = try reader.matchPositions(expression: "\"visit\"", documentDates: DayRange(first: "2020-01-01", last: nil))
        #expect(dated.count == 1, "only the archive's article is dated 2020")
    }

    static let names = [
        "m1.txt": "Abu Mahdi al-Muhandis\n\nSupporters of Abu Mahdi al-Muhandis rallied. Later, Mahdi spoke in Baghdad.\n\nAl-Mohandes did not respond.",
        "m2.txt": "Baghdad notes\n\nA long first passage about the weather and the river in Baghdad. " + String(repeating: "More words here. ", count: 200) + "\n\nAbu Mehdi al-Mohandis attended.",
        "m3.txt": "Nothing here\n\nOnly a visit to Najaf.",
        // A passage ending in an article before a name that opens the next: the article is no token of its own there.
        "m4.txt": "Edge\n\nThey met al\n\nMuhandis spoke in Baghdad. Abu Mahdi al-Muhandis left.",
    ]

    // textsFromInstancesMatchSearchOffsets moved to SearcherTests/HighlighterTests.swift: the byte ranges of a
    // hit's instances are the Searcher's Highlighter's now.

    /// The total counted in the ranking pass (search_tally) is what count(*) counts, with and without filters.
    @Test(arguments: [1, 2, 10])
    func totalsCountedWhileRankingAreTheCount(limit: Int) throws {
        let (folder, reader) = try IndexReaderTests.index(IndexReaderTests.names.merging(IndexReaderTests.files) { a, _ in a })
        defer { folder.remove() }
        for expression in [#""baghdad""#, #""visit""#, #""mahdi" OR "najaf""#] {
            for dates in [nil, DayRange(first: "2019-01-01", last: nil)] {
                for newest in [false, true] {
                    let counted = try reader.matches(expression: expression, documentDates: dates, limit: 0).total
                    let ranked = try reader.matches(expression: expression, documentDates: dates, newestFirst: newest, limit: limit)
                    #expect(ranked.total == counted, "\(expression) \(String(describing: dates)) newest: \(newest)")
                    #expect(ranked.hits.count == min(limit, counted))
                }
            }
        }
    }
}
