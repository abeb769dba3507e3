import Foundation
import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct HTMLParserTests {
    static let fixture = packageRoot + "/Tests/Fixtures/html/baghdad-protest-camp.html"

    @Test func readsTheArticleOfARealLookingNewsPage() throws {
        let html = try String(contentsOfFile: HTMLParserTests.fixture, encoding: .utf8)
        let document = try HTMLParser.parse(html, fileName: "page.html")
        #expect(document.title == "Protest camp in Tahrir Square holds out after night of tear gas")
        #expect(document.date == DocumentDate(date: PartialDate(year: 2019, month: 11, day: 28), source: .frontMatter))
        #expect(document.url == "https://tigrisledger.example/iraq/2019/11/28/tahrir-camp-holds-out")
        let passages = document.passages.map(\.text)
        #expect(passages.first == "BAGHDAD — Demonstrators in Tahrir Square rebuilt their tents on Thursday morning after security forces fired tear gas canisters into the camp for most of the night.")
        #expect(passages.contains("Calls for the prime minister to go"), "headings are passages")
        #expect(passages.contains("early elections under a new electoral law;"), "list items are passages")
        #expect(passages.contains("an end to foreign interference, including by Qassem Soleimani’s Quds Force."))
        let all = passages.joined(separator: "\n")
        for furniture in ["cookies", "Advertisement", "Subscribe", "Related stories", "Najaf", "Share on", "Tags:",
                          "All rights reserved", "gtag", "Search", "Independent reporting", "Home", "will not leave", "Layla Hassan"] {
            #expect(!all.contains(furniture), "\(furniture) is page furniture")
        }
        #expect(!passages.contains(document.title!), "the title is not repeated as a passage")
    }

    @Test(arguments: [
        // <title> without the site name when og:site_name says what it is
        ("<html><head><title>Strike in Baghdad - Wire Daily</title><meta property='og:site_name' content='Wire Daily'></head><body><p>x</p></body></html>",
         "Strike in Baghdad", nil as String?, nil as DateSource?),
        // no <title>: the first <h1>; the date from <time datetime>
        ("<body><h1>Najaf <b>consulate</b> burns</h1><p>By A. Writer, <time datetime='2019-11-27'>Wednesday</time></p></body>",
         "Najaf consulate burns", "2019-11-27", .dateline),
        // a <meta name=date> wins over a <time>
        ("<head><meta name='date' content='2019-10'></head><body><time datetime='2019-12-01'>then</time><p>x</p></body>",
         "f.html", "2019-10", .frontMatter),
        // broken markup is repaired, not refused
        ("<p>Unclosed <i>paragraph<p>Second <li>item", "f.html", nil, nil),
        ("", "f.html", nil, nil),
    ])
    func titlesAndDates(html: String, title: String, date: String?, source: DateSource?) throws {
        let document = try HTMLParser.parse(html, fileName: "f.html")
        #expect(document.title == title)
        #expect(document.date?.date.iso == date)
        #expect(document.date?.source == source)
    }

    @Test func blocksBecomePassagesWithWhiteSpaceCollapsed() throws {
        let html = """
            <body><div>Loose   text in a div<p>A <em>paragraph</em>
            over two&nbsp;lines<br>and a break.</p><ul><li>One</li><li>Two <a href="#">links</a></li></ul>
            <script>var x = "<p>not text</p>";</script><noscript>Enable JS</noscript><table><tr><td>Cell</td></tr></table></div></body>
            """
        let passages = try HTMLParser.parse(html, fileName: "f.html").passages.map(\.text)
        #expect(passages == ["Loose text in a div", "A paragraph over two lines and a break.", "One", "Two links", "Cell"])
    }
}
