import Foundation
import Analysis
import Storage
import Indexer
import Testing
@testable import search

struct ShowCommandTests {
    @Test func showPrintsADocumentWithItsMatchesMarked() throws {
        let folder = try JSONSchemaTests.indexedFolder()
        defer { folder.remove() }
        let run = try Run(["show", "html/baghdad-protest-camp.html", "--db", "i.db", "-q", "Tahrir"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "Protest camp in **Tahrir** Square holds out after night of tear gas")
        #expect(lines.contains("date:     2019-11-28 (from front-matter)"))
        #expect(lines.contains("url:      https://tigrisledger.example/iraq/2019/11/28/tahrir-camp-holds-out"))
        #expect(lines.contains { $0.hasPrefix(">[0] BAGHDAD — Demonstrators in **Tahrir** Square") })
        #expect(lines.contains { $0.hasPrefix(" [1] Volunteers") }, "passages without a match are shown unflagged")

        let matching = try Run(["show", "html/baghdad-protest-camp.html", "--db", "i.db", "-q", "Tahrir", "--matching", "--format", "json"], in: folder.path)
        let view = matching.json
        let passages = try #require(view["passages"] as? [[String: Any]])
        #expect(passages.count == view["matching_passages"] as? Int)
        #expect(passages.allSatisfy { !(($0["highlights"] as? [[Int]]) ?? []).isEmpty })
        #expect(view["date_source"] as? String == "front-matter")

        let article = try Run(["show", folder.path + "/corpus/jsonl/wire-2020-01.jsonl#tl-20200105-014", "--db", "i.db"], in: folder.path)
        #expect(article.status == 0)
        #expect(article.stdout.hasPrefix("Iraqi parliament votes to expel foreign troops\n"))
        #expect(article.stdout.contains("doc:      jsonl/wire-2020-01.jsonl#tl-20200105-014"))

        let coloured = try Run(["show", "html/baghdad-protest-camp.html", "--db", "i.db", "-q", "Tahrir", "--color", "always"], in: folder.path)
        #expect(coloured.stdout.contains("\u{1B}[1;33mTahrir\u{1B}[0m"))
        let noColor = try Run(["show", "html/baghdad-protest-camp.html", "--db", "i.db", "-q", "Tahrir"], in: folder.path, environment: ["NO_COLOR": "1"])
        #expect(!noColor.stdout.contains("\u{1B}["))

        let missing = try Run(["show", "no/such.txt", "--db", "i.db"], in: folder.path)
        #expect(missing.status == 2)
        #expect(missing.stderr == "search: no document no/such.txt in the index (the paths are those search -l prints)\n")
    }
}
