import Foundation
import Testing
import TestSupport
@testable import search

/// `search show` on real news: what was left out and why, and a post's author, through the real binary.
struct NewsShowTests {
    @Test(arguments: [
        ("10437.txt", "reuters/10437.txt", "dropped:  wire sign-off 1 (lines left out of the passages, by reason)", "date:     1987-03-27 (from dateline)"),
        ("75364.txt", "20news/75364", "author:   hasan@McRCIM.McGill.EDU", "title"),
    ])
    func showSaysWhatWasLeftOut(name: String, fixture: String, line: String, other: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text = try String(contentsOfFile: packageRoot + "/Tests/Fixtures/realnews/" + fixture, encoding: .utf8)
        try folder.write("news/" + name, text)
        // Three stories pin the year down, as the rest of a wire archive would (CollectionYear).
        for story in ["01027", "01063", "02023"] {
            try folder.write("news/\(story).txt", try String(contentsOfFile: packageRoot + "/Tests/Fixtures/collection-year/wire/\(story).txt", encoding: .utf8))
        }
        let index = try Run(["index", "news", "--db", "i.db"], in: folder.path)
        #expect(index.status == 0, "\(index.stderr)")
        let show = try Run(["show", name, "--db", "i.db"], in: folder.path)
        #expect(show.status == 0, "\(show.stderr)")
        let lines = show.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains(line), "\(show.stdout)")
        if other != "title" { #expect(lines.contains(other), "\(show.stdout)") }
        let json = try Run(["show", name, "--db", "i.db", "--format", "json"], in: folder.path)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?.keys.contains("dropped") == true && object?.keys.contains("author") == true)
    }
}
