import Foundation
import Indexer
import Testing
@testable import Analysis
@testable import Storage
@testable import Searcher

/// The Searcher's highlighter against FTS5's own re-tokenizing (`search_offsets`, what `IndexReader.text(of:matching:)`
/// asks for), on the same index. Moved here from IndexerTests' IndexReaderTests with the code it tests.
struct HighlighterTests {
    static let files = [
        "a.html": "<title>Visit to Baghdad</title><meta name=date content=2019-11-02><p>The minister visited Baghdad.<p>He visits again in December.",
        "b.txt": "Visiting Najaf\n\nPilgrims are visiting Najaf. Visitors came.",
        "w.jsonl": #"{"id": "x", "title": "Wire", "date": "2020-01", "text": "A visit."}"#,
        "m1.txt": "Abu Mahdi al-Muhandis\n\nSupporters of Abu Mahdi al-Muhandis rallied. Later, Mahdi spoke in Baghdad.\n\nAl-Mohandes did not respond.",
        "m2.txt": "Baghdad notes\n\nA long first passage about the weather and the river in Baghdad. " + String(repeating: "More words here. ", count: 200) + "\n\nAbu Mehdi al-Mohandis attended.",
        "m3.txt": "Nothing here\n\nOnly a visit to Najaf.",
        // A passage ending in an article before a name that opens the next: the article is no token of its own there.
        "m4.txt": "Edge\n\nThey met al\n\nMuhandis spoke in Baghdad. Abu Mahdi al-Muhandis left.",
    ]

    /// The match ranges rebuilt from the ranking pass's phrase instances are exactly those of `search_offsets`
    /// (which asks FTS5 again), overlapping phrases and title matches included.
    /// Without stored passage positions (an index upgraded from version 2) the whole body is read instead.
    @Test(arguments: [#""muhandis""#, #""abu mahdi" OR "mahdi""#, #""mahdi" OR "abu mahdi""#, #""baghdad" OR "muhandis""#,
                      #""baghdad" "visit""#, #"NEAR("mahdi" "baghdad", 5)"#, #""najaf" OR "baghdad" NOT "abu""#], [true, false])
    func textsFromInstancesMatchSearchOffsets(expression: String, storedPositions: Bool) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (name, text) in HighlighterTests.files { try folder.write("docs/" + name, text) }
        let path = folder.path + "/i.db"
        _ = try IndexWriter(path: path).index([folder.path + "/docs"])
        #expect(try Database(path: path, access: .readOnly).documentsWithoutPassagePositions() == 0)
        if !storedPositions { try Database(path: path, access: .readWrite).forgetPassagePositions() }
        let reader = try IndexReader(path: path)
        let query = MatchQuery(expression)
        let hits = try reader.matches(query, limit: 10, withInstances: true).hits
        #expect(!hits.isEmpty)
        let texts = try reader.texts(of: hits.map(\.id))
        #expect(texts.allSatisfy { ($0?.passageStarts == nil) == !storedPositions })
        let highlighter = Highlighter(analyzer: reader.analyzer)
        for (hit, text) in zip(hits, texts) {
            let stored = try #require(text)
            #expect(stored.document == (try reader.document(hit.id)), "the shown row holds the document's facts")
            #expect(highlighter.highlighted(stored, instances: hit.instances) == (try reader.text(of: hit.id, matching: query)),
                    "\(expression) in \(hit.id)")
        }
    }
}
