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

    static func explained() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        _ = try folder.write("docs/typed.txt", "Talks\n\nKing Hussein spoke to reporters in Amman.")
        _ = try folder.write("docs/other.txt", "Visit\n\nHusain met reporters in Baghdad.")
        _ = try folder.write("docs/lexicon.txt", "Oil\n\nSheik Ahmad Yamani spoke to reporters.")
        _ = try Run(["index", "docs", "--db", "i.db", "--quiet"], in: folder.path)
        return folder
    }

    // Issue 13: JSON results say why each matched word matched (additive `matched_spellings`; `matched` unchanged).
    @Test(arguments: [
        (["Hussein"], "typed.txt", "Hussein", "typed", "Hussein", 1.0),
        (["Hussein"], "other.txt", "Husain", "verdict", "Hussein", nil),
        (["Husain"], "typed.txt", "Hussein", "verdict", "Husain", nil),
        (["Sheikh"], "lexicon.txt", "Sheik", "lexicon", "Sheik", nil),
        (["\"Ahmad Yamani\""], "lexicon.txt", "Ahmad", "key", nil, nil),
        (["reporters", "Amman"], "typed.txt", "reporters", "word", nil, nil),
        (["Hussein", "--exact"], "typed.txt", "Hussein", "exact", nil, nil),
    ] as [([String], String, String, String, String?, Double?)])
    func jsonSaysWhyEachWordMatched(_ query: [String], _ doc: String, _ written: String, _ reason: String,
                                    _ word: String?, _ similarity: Double?) throws {
        let folder = try NamesCommandTests.explained()
        defer { folder.remove() }
        let json = try Run(["query"] + query + ["--db", "i.db", "--format", "json"], in: folder.path).json
        let results = try #require(json["results"] as? [[String: Any]])
        let result = try #require(results.first { $0["doc"] as? String == doc }, "\(query): \(results.map { $0["doc"] ?? "" })")
        let matched = result["matched"] as? [String] ?? []
        let spellings = try #require(result["matched_spellings"] as? [[String: Any]])
        #expect(spellings.map { $0["written"] as? String ?? "" } == matched)
        let entry = try #require(spellings.first { $0["written"] as? String == written }, "\(spellings)")
        #expect(entry["reason"] as? String == reason, "\(query) \(entry)")
        if let word { #expect(entry["query"] as? String == word) }
        let s = entry["similarity"] as? Double
        switch reason {
        case "typed": #expect(s == similarity)
        case "verdict": #expect(s.map { $0 < 1 && $0 >= NameSimilarity.threshold } == true, "\(entry)")
        case "lexicon": #expect(s != nil)
        default: #expect(s == nil, "\(entry)")
        }
    }

    @Test(arguments: [
        (["Hussein", "--explain"], ["  Hussein: hussein 1.00, husain 0.9", "matched: Hussein (typed)", "matched: Husain (0.9"]),
        (["Sheikh", "--explain"], ["a lexicon name of the query's", "matched: Sheik (1.00 to Sheik, lexicon)"]),
        (["Hussein", "--exact", "--explain"], ["names: --exact asks for the spellings typed only", "matched: Hussein (exact)"]),
        (["reporters", "--explain"], ["names: none in the query", "matched: reporters (word)"]),
    ] as [([String], [String])])
    func explainTellsTheSpellingsAskedForAndWhyEachMatched(_ arguments: [String], _ lines: [String]) throws {
        let folder = try NamesCommandTests.explained()
        defer { folder.remove() }
        let run = try Run(["query"] + arguments + ["--db", "i.db", "--color", "never"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        for line in lines { #expect(run.stdout.contains(line), "\(arguments): \(line) in\n\(run.stdout)") }
        // Without --explain the output is as before: the matched words alone.
        let plain = try Run(["query"] + arguments.filter { $0 != "--explain" } + ["--db", "i.db", "--color", "never"], in: folder.path)
        #expect(!plain.stdout.contains("names:") && !plain.stdout.contains("(typed)"))
    }
}
