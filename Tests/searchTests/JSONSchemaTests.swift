import Foundation
import Analysis
import Storage
import Indexer
import Testing

/// docs/search-results.schema.json against the real binary's real output.
struct JSONSchemaTests {
    static func validator() throws -> SchemaValidator {
        let text = try String(contentsOfFile: packageRoot + "/docs/search-results.schema.json", encoding: .utf8)
        return SchemaValidator(root: try JSONValue.parse(text))
    }

    /// A folder with the seed corpus and the HTML and JSON Lines fixtures, indexed into i.db.
    static func indexedFolder() throws -> TemporaryFolder {
        let folder = try corpusCopy()
        for name in ["html/baghdad-protest-camp.html", "jsonl/wire-2020-01.jsonl"] {
            try FileManager.default.createDirectory(atPath: folder.path + "/corpus/" + (name as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: packageRoot + "/Tests/Fixtures/" + name, toPath: folder.path + "/corpus/" + name)
        }
        _ = try Run(["index", "corpus", "--db", "i.db", "--quiet"], in: folder.path)
        return folder
    }

    @Test(arguments: [
        ["Soleimani OR Suleimani"],
        ["Tahrir Square", "--passages", "3", "--sort", "date"],
        ["Iraq", "--since", "2019-12", "--limit", "3", "--offset", "1"],
        ["\"Tahrir Square\" OR Kataeb", "--exact", "--snippet-words", "5"],
    ])
    func jsonAndJSONLinesOutputFollowTheSchema(arguments: [String]) throws {
        let validator = try JSONSchemaTests.validator()
        let folder = try JSONSchemaTests.indexedFolder()
        defer { folder.remove() }
        let json = try Run(["query"] + arguments + ["--db", "i.db", "--format", "json"], in: folder.path)
        #expect(json.status == 0, "\(json.stderr)")
        let value = try JSONValue.parse(json.stdout)
        #expect(validator.errors(value) == [])
        guard case let .object(response) = value, case let .array(results)? = response["results"] else {
            Issue.record("no results array")
            return
        }
        #expect(!results.isEmpty)
        let lines = try Run(["query"] + arguments + ["--db", "i.db", "--format", "jsonl"], in: folder.path)
        let parsed = try lines.stdout.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        #expect(parsed == results, "jsonl holds the same results, one per line")
        for line in parsed { #expect(validator.errors(line, at: "#/$defs/result") == []) }
    }

    @Test(arguments: [
        (#"{"query": "x", "total": 0, "undated_excluded": 0}"#, "$: missing results"),
        (#"{"query": "x", "total": -1, "undated_excluded": 0, "results": []}"#, "$.total: -1.0 is below 0.0"),
        (#"{"query": "x", "total": 0, "undated_excluded": 0, "results": [], "extra": 1}"#, "$: unexpected key extra"),
        (#"{"query": 5, "total": 0, "undated_excluded": 0, "results": []}"#, "$.query: integer, expected string"),
        (#"{"query": "x", "total": 0.5, "undated_excluded": 0, "results": []}"#, "$.total: number, expected integer"),
    ])
    func theValidatorRejectsWrongResponses(text: String, error: String) throws {
        #expect(try JSONSchemaTests.validator().errors(try JSONValue.parse(text)).contains(error))
    }

    @Test func theValidatorRejectsWrongResults() throws {
        let validator = try JSONSchemaTests.validator()
        let good: [String: JSONValue] = [
            "doc": .string("a.txt"), "path": .string("/x/a.txt"), "title": .null, "date": .string("2019-11"),
            "date_source": .string("dateline"), "url": .null, "passage": .number(0), "score": .number(1.5),
            "text": .string("t"), "highlights": .array([.array([.number(0), .number(1)])]), "snippet": .string("t"),
            "snippet_highlights": .array([]), "title_highlights": .array([]), "matched": .array([.string("t")]),
        ]
        #expect(validator.errors(.object(good), at: "#/$defs/result") == [])
        let mutations: [(String, JSONValue?, String)] = [
            ("date", .string("2019/11"), "$.date: '2019/11' does not match"),
            ("date_source", .string("guess"), "$.date_source: "),
            ("highlights", .array([.array([.number(3)])]), "$.highlights[0]: fewer than 2 items"),
            ("path", .string("relative/a.txt"), "$.path: 'relative/a.txt' does not match"),
            ("score", .string("high"), "$.score: string, expected number"),
            ("matched", nil, "$: missing matched"),
        ]
        for (key, value, error) in mutations {
            var bad = good
            bad[key] = value
            let errors = validator.errors(.object(bad), at: "#/$defs/result")
            #expect(errors.contains { $0.hasPrefix(error) }, "\(key): \(errors)")
        }
    }
}
