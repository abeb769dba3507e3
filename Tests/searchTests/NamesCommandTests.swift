import Foundation
import Analysis
import Storage
import Indexer
import Testing
@testable import search

/// `search names` and `search analyze --format json` against the real binary and a real index.
struct NamesCommandTests {
    static func indexed() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        _ = try folder.write("docs/a.txt", "Talks\n\nSheikh Ahmad Yamani spoke to reporters.")
        _ = try folder.write("docs/b.txt", "Talks again\n\nShaikh Ahmad Yamani met the ministers.")
        _ = try folder.write("docs/c.txt", "Siege\n\nThe Sieg family of Bonn. SAIC shares rose.")
        _ = try Run(["index", "docs", "--db", "i.db", "--quiet"], in: folder.path)
        return folder
    }

    @Test func namesListsTheIndexsSpellingsBestFirst() throws {
        let folder = try NamesCommandTests.indexed()
        defer { folder.remove() }
        let text = try Run(["names", "Sheikh", "--db", "i.db"], in: folder.path)
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count >= 3, "\(text.stdout)")
        #expect(lines[1].hasPrefix("  sheikh  1.00  1"))
        #expect(lines[2].hasPrefix("  shaikh  0.9"))
        let json = try Run(["names", "Sheikh", "--db", "i.db", "--format", "json"], in: folder.path).json
        let spellings = try #require(json["spellings"] as? [[String: Any]])
        #expect(spellings.first?["spelling"] as? String == "sheikh")
        #expect(spellings.contains { $0["spelling"] as? String == "shaikh" && $0["accepted"] as? Bool == true && $0["documents"] as? Int == 1 })
        // Whatever shares a key but is not similar enough is listed as not matched, and a query does not find it.
        #expect(spellings.allSatisfy { ($0["accepted"] as? Bool ?? false) == (($0["similarity"] as? Double ?? 0) >= NameSimilarity.threshold) })
        let query = try Run(["query", "Sheikh", "--db", "i.db", "--format", "json"], in: folder.path).json
        let docs = (query["results"] as? [[String: Any]] ?? []).compactMap { $0["doc"] as? String }
        #expect(docs == ["a.txt", "b.txt"], "\(docs)")
        let none = try Run(["names", "protests", "--db", "i.db"], in: folder.path)
        #expect(none.status == 0 && none.stdout.contains("is not read as a name"))
    }

    @Test(arguments: [
        ("Abdulmahdi", "document", [["abdul", "#abd"], ["mahdi", "#mahdi", "##mahdi"]]),
        ("Monday protests", "document", [["monday"], [EnglishStemmer.stem("protests")]]),
    ] as [(String, String, [[String]])])
    func analyzeWritesJSON(_ text: String, _ reading: String, _ terms: [[String]]) throws {
        let run = try Run(["analyze", text, "--as", reading, "--format", "json"], in: "/tmp")
        #expect(run.status == 0, "\(run.stderr)")
        let json = run.json
        let positions = try #require(json["positions"] as? [[String: Any]])
        #expect(positions.map { $0["terms"] as? [String] ?? [] } == terms)
        #expect(positions.map { $0["position"] as? Int ?? -1 } == Array(0..<terms.count))
        let bytes = Array(text.utf8)
        for p in positions {
            let start = p["start"] as? Int ?? 0, end = p["end"] as? Int ?? 0
            #expect(String(decoding: bytes[start..<end], as: UTF8.self) == p["written"] as? String)
            #expect((p["name"] as? Bool) == !(p["keys"] as? [String] ?? []).isEmpty)
        }
    }
}
