import Foundation
import Analysis
import Storage
import Indexer
import Testing
@testable import search

struct IndexCommandTests {
    @Test func indexShowsNoProgressInAPipeAndNothingWhenQuiet() throws {
        let folder = try JSONSchemaTests.indexedFolder()
        defer { folder.remove() }
        let piped = try Run(["index", "corpus", "--db", "fresh.db"], in: folder.path)
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains("\r") && !piped.stderr.contains("\u{1B}["), "no progress line in a pipe")
        #expect(piped.stderr.contains("indexed corpus: 7 files, 10 added, 0 updated, 0 unchanged, 0 removed, 2 failed"), "\(piped.stderr)")
        #expect(piped.stderr.contains("wire-2020-01.jsonl:4: not valid JSON (column 127: unterminated string); line skipped"))
        let quiet = try Run(["index", "corpus", "--db", "quiet.db", "--quiet"], in: folder.path)
        #expect(quiet.status == 0)
        #expect(!quiet.stderr.contains("indexed"), "--quiet prints only errors")
        #expect(quiet.stderr.split(separator: "\n").allSatisfy { $0.contains("jsonl:") }, "\(quiet.stderr)")
    }

    @Test func indexShowsProgressOnATerminal() throws {
        // util-linux's script(1) gives the program a pseudo-terminal.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let folder = try JSONSchemaTests.indexedFolder()
        defer { folder.remove() }
        let command = "'\(Run.binary)' index corpus --db tty.db"
        let run = try Run(["-qec", command, "/dev/null"], in: folder.path, executable: "/usr/bin/script")
        #expect(run.status == 0)
        #expect(run.stdout.contains("\r0/7 files · 0.0/0.0 MB"), "\(run.stdout.debugDescription)")
        #expect(run.stdout.contains("\r\u{1B}[K"), "the line is erased before the summary")
        #expect(run.stdout.contains("indexed corpus: 7 files"))
    }

    @Test func lowerCaseNamesAreKeyedWhenTheIndexIsBuiltSoAndTheChoiceIsKept() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("posts/a.txt", "militia leaders\n\nthread: ziyad al-zubaydi met the kataeb hezbollah leaders.\n")
        #expect(try Run(["index", "posts", "--db", "plain.db", "-q"], in: folder.path).status == 0)
        #expect(try Run(["Ziad Zubaidi", "--db", "plain.db"], in: folder.path).status == 1, "lower case: not keyed by default")
        let refused = try Run(["index", "posts", "--db", "plain.db", "--lowercase-names"], in: folder.path)
        #expect(refused.status == 2)
        #expect(refused.stderr == "search: plain.db was built without --lowercase-names; to change that, run: search rebuild --lowercase-names --db plain.db\n")
        #expect(try Run(["rebuild", "--db", "plain.db", "--lowercase-names"], in: folder.path).status == 0)
        let found = try Run(["Ziad Zubaidi", "--db", "plain.db"], in: folder.path)
        #expect(found.status == 0)
        #expect(found.stdout.contains("**ziyad al-zubaydi**"), "\(found.stdout)")

        #expect(try Run(["stats", "--db", "plain.db"], in: folder.path).stdout.contains(
            "name keys:  names written with a capital or in lower case (--lowercase-names)\n"))
        #expect(try Run(["index", "posts", "--db", "keyed.db", "-q", "--lowercase-names"], in: folder.path).status == 0)
        #expect(try Run(["\"Kata'ib Hezbollah\"", "--db", "keyed.db"], in: folder.path).stdout.contains("**kataeb hezbollah**"))
    }

    @Test func archiveFieldsAreMappedByOptions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.copyItem(atPath: packageRoot + "/Tests/Fixtures/jsonl/wire-2020-01.jsonl", toPath: folder.path + "/wire.jsonl")
        let run = try Run(["index", "wire.jsonl", "--db", "i.db", "--jsonl-text", "body", "--jsonl-title", "headline"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("wire.jsonl:1: no text field 'body' (choose another with --jsonl-text); line skipped"))
        #expect(run.stderr.contains("1 added"), "\(run.stderr)")
        let found = try Run(["Kataeb", "--db", "i.db", "--format", "json"], in: folder.path).json
        let results = try #require(found["results"] as? [[String: Any]])
        #expect(results.first?["doc"] as? String == "wire.jsonl#tl-20200112-002")
        #expect(results.first?["title"] as? String == "A record with its text under another name")
    }
}
