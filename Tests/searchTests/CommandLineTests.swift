import Foundation
import Testing

/// Runs the real `search` binary built next to the test bundle.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String

    static let binary: String = {
        let folder = Bundle.main.bundleURL.path
        for candidate in [folder + "/search", (folder as NSString).deletingLastPathComponent + "/search"]
            where FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        return packageRoot + "/.build/debug/search"
    }()

    init(_ arguments: [String], in folder: String, environment: [String: String] = [:], executable: String = Run.binary) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SEARCH_DB")
        env.removeValue(forKey: "NO_COLOR")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = String(decoding: outData, as: UTF8.self)
        stderr = String(decoding: errData, as: UTF8.self)
    }

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:]
    }
}

/// A temporary folder holding a copy of the seed corpus.
func corpusCopy() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try FileManager.default.copyItem(atPath: packageRoot + "/corpus", toPath: folder.path + "/corpus")
    return folder
}

struct CommandLineTests {
    @Test func aFreshFolderIndexesItsCorpusOnFirstQuery() throws {
        let folder = try corpusCopy()
        defer { folder.remove() }
        let first = try Run(["Tahrir Square"], in: folder.path)
        #expect(first.status == 0)
        #expect(first.stderr.contains("indexing corpus/ first"))
        #expect(first.stderr.contains("5 added"))
        #expect(first.stdout.contains("**Tahrir Square**"), "piped output marks matches with **")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/.search/index.db"))
        let second = try Run(["Tahrir Square"], in: folder.path)
        #expect(second.status == 0)
        #expect(!second.stderr.contains("indexing"))
        #expect(second.stdout == first.stdout)
    }

    @Test func jsonHasTheDocumentedShapeAndHighlightsPointAtTheWords() throws {
        let folder = try corpusCopy()
        defer { folder.remove() }
        #expect(try Run(["index", "corpus", "--db", "i.db"], in: folder.path).status == 0)
        let run = try Run(["query", "Tahrir Square", "--db", "i.db", "--format", "json"], in: folder.path)
        #expect(run.status == 0)
        let json = run.json
        #expect(json["query"] as? String == "Tahrir Square")
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(json["total"] as? Int == results.count)
        #expect(!results.isEmpty)
        for result in results {
            for key in ["doc", "title", "date", "passage", "score", "text", "snippet", "highlights"] {
                #expect(result.keys.contains(key), "missing \(key)")
            }
            #expect(result["date"] is NSNull || result["date"] is String)
            #expect((result["doc"] as? String)?.hasPrefix("0") == true, "doc is relative to the indexed folder")
            let text = Array((result["text"] as? String ?? "").utf8)
            let highlights = try #require(result["highlights"] as? [[Int]])
            #expect(!highlights.isEmpty)
            for h in highlights {
                let word = String(decoding: text[h[0]..<h[1]], as: UTF8.self).lowercased()
                #expect(word == "tahrir" || word == "square", "highlight \(h) covers \(word)")
            }
        }
        let scores = results.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >), "best first")

        let lines = try Run(["Tahrir Square", "--db", "i.db", "--format", "jsonl"], in: folder.path)
        let objects = lines.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == results.count)
        #expect(objects.allSatisfy { $0?["doc"] is String })
    }

    @Test(arguments: [
        (["query", "xylophonequartz", "--db", "i.db"], Int32(1), ""),
        (["query", "Iraq", "--db", "i.db", "--since", "2019-13"], 2, "--since: '2019-13' is not a date"),
        (["query", "Iraq", "--db", "missing.db"], 2, "no index at missing.db"),
        (["query", "Iraq", "--db", "i.db", "--limit", "-1"], 2, "--limit"),
        (["index", "no/such/folder", "--db", "i.db"], 2, "no/such/folder: no such file or folder"),
        (["query", "Iraq", "--db", "corpus/000_601c25b13da8ffc6.txt"], 2, "is not a search index"),
        (["--frobnicate", "x"], 2, "Unknown option '--frobnicate'"),
    ])
    func exitCodesAndMessages(arguments: [String], status: Int32, message: String) throws {
        let folder = try corpusCopy()
        defer { folder.remove() }
        #expect(try Run(["index", "corpus", "--db", "i.db", "--quiet"], in: folder.path).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/corpus/000_601c25b13da8ffc6.txt"))
        let run = try Run(arguments, in: folder.path)
        #expect(run.status == status, "\(arguments): \(run.stderr)")
        if status == 2 {
            #expect(run.stderr.hasPrefix("search: "))
            #expect(run.stderr.contains(message), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "one line: \(run.stderr)")
            #expect(!run.stderr.lowercased().contains("sqlite"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/corpus/000_601c25b13da8ffc6.txt")) == before)
    }

    @Test func colourOnlyWhenAskedAndNoColorRespected() throws {
        let folder = try corpusCopy()
        defer { folder.remove() }
        #expect(try Run(["index", "corpus", "--db", "i.db", "--quiet"], in: folder.path).status == 0)
        let coloured = try Run(["Tahrir", "--db", "i.db", "--color", "always"], in: folder.path)
        #expect(coloured.stdout.contains("\u{1B}[1;33mTahrir\u{1B}[0m"))
        let plain = try Run(["Tahrir", "--db", "i.db"], in: folder.path, environment: ["NO_COLOR": "1"])
        #expect(!plain.stdout.contains("\u{1B}["))
    }
}

struct LexiconOptionTests {
    @Test func aUserLexiconAddsNamesAndABadOneIsNamedWithItsLine() throws {
        let folder = try corpusCopy()
        defer { folder.remove() }
        #expect(try Run(["index", "corpus", "--db", "i.db", "--quiet"], in: folder.path).status == 0)
        try folder.write("names.txt", "place | Republic Bridge | Jomhuri bridge\n")
        let found = try Run(["\"Republic Bridge\"", "--db", "i.db", "--lexicon", "names.txt", "--format", "json"], in: folder.path)
        #expect(found.status == 0)
        #expect(found.json["total"] as? Int == 1)
        #expect(try Run(["\"Republic Bridge\"", "--db", "i.db"], in: folder.path).status == 1)
        try folder.write("bad.txt", "# comment\nplace | only a name\n")
        let bad = try Run(["Iraq", "--db", "i.db", "--lexicon", "bad.txt"], in: folder.path)
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("search: bad.txt:2: "))
    }
}
