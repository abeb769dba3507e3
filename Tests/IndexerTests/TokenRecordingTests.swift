import Foundation
import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct TokenRecordingTests {
    @Test(arguments: ["Qassem Suleimani and Kata’ib Hezbollah in al-Najaf", "", "Abdulmahdi’s ‘resignation’ — 2019", "ā ī ū ḥ é"])
    func replaysWhatTheAnalyzerMade(text: String) {
        let analyzer = Analyzer()
        var replayed: [Token] = []
        TokenRecording(text, analyzer: analyzer).replay { term, start, end, colocated in
            replayed.append(Token(term: String(decoding: term, as: UTF8.self), start: start, end: end, colocated: colocated))
        }
        #expect(replayed == analyzer.tokens(text, mode: .document))
    }

    @Test func anIndexBuiltFromRecordingsPassesFTS5sOwnCheck() throws {
        // FTS5's integrity-check re-tokenizes every stored text live and compares with the index: it fails if a
        // replayed recording ever differed from what the analyzer makes.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.copyItem(atPath: packageRoot + "/corpus", toPath: folder.path + "/corpus")
        let db = folder.path + "/i.db"
        _ = try IndexWriter(path: db).index([folder.path + "/corpus"])
        let database = try Database(path: db, access: .readWrite)
        try database.execute("INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')", context: "checking")
    }
}
