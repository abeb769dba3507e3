import Foundation
import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

/// Old and huge pages (issue 15 item 9): no silent depth limit, time linear in the number of elements.
struct NewsHTMLTests {
    static func page(_ n: Int, _ open: String, _ text: (Int) -> String) -> String {
        "<html><body>" + (0..<n).map { open + text($0) + "\n" }.joined() + "</body></html>"
    }

    @Test(arguments: [
        ("300 unclosed <font>", "<html><body><p>" + String(repeating: "<font size=2>", count: 300) + "Erbil deep text here.</p></body></html>", 1, 5.0),
        ("3,000 nested unclosed <article>", page(3000, "<article><p>", { "Story \($0) Soleimani text." }), 3000, 5.0),
        ("20,000 nested unclosed <article>", page(20_000, "<article><p>", { "Story \($0) Soleimani text." }), 20_000, 30.0),
        ("100,000 nested <div>", page(100_000, "<div><p>", { "Story \($0) Soleimani text." }), 100_000, 60.0),
    ] as [(String, String, Int, Double)])
    func deepPagesKeepTheirText(name: String, html: String, passages: Int, seconds: Double) throws {
        let clock = ContinuousClock()
        var document: ParsedDocument?
        let elapsed = try clock.measure { document = try HTMLParser.parse(html, fileName: "p.html") }
        let d = try #require(document)
        #expect(d.passages.count == passages, "\(name)")
        #expect(d.passages.last?.text.contains(passages == 1 ? "Erbil deep text" : "Story \(passages - 1) ") == true, "\(name)")
        // Linear: the quadratic version took 117 s for 20,000 articles.
        #expect(elapsed < .seconds(seconds), "\(name): \(elapsed)")
    }

    @Test func theLongestArticleIsTheStoryAmongSiblingTeasers() throws {
        let teasers = (0..<20_000).map { "<article><h2>Teaser \($0)</h2><p>Short.</p></article>" }.joined()
        let html = "<html><body>" + teasers + "<article><p>" + String(repeating: "The long story about Erbil. ", count: 50)
            + "</p></article></body></html>"
        let d = try HTMLParser.parse(html, fileName: "p.html")
        #expect(d.passages.count == 1)
        #expect(d.passages.first?.text.hasPrefix("The long story about Erbil.") == true)
    }
}
