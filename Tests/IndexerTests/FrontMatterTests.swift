import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct FrontMatterTests {
    func read(_ s: String) -> (FrontMatter, rest: String)? {
        withBytes(s) { b in FrontMatter.read(b, from: 0).map { ($0.0, ByteText.string(b, $0.body..<b.count)) } }
    }

    @Test(arguments: [
        ("---\ntitle: A title: with colon\ndate: 2019-11-10\nurl: https://e.org/x\n---\nBody", "A title: with colon", "2019-11-10", "https://e.org/x", "Body"),
        ("\n---\r\nTitle: \"Quoted\"\r\nDate: 2019-11-10T08:30:00Z\r\nauthor: X\r\n---\r\nBody", "Quoted", "2019-11-10", nil, "Body"),
        ("---\npublished: November 10, 2019\nlink: https://e.org\ncustom_key: ignored\n...\nBody", nil, "2019-11-10", "https://e.org", "Body"),
        ("title: Bare block\ndate: 2019-11\n\nBody", "Bare block", "2019-11", nil, "\nBody"),
        ("date: 2019\n", nil, "2019", nil, ""),
        ("---\ndate: not a date\n---\n", nil, nil, nil, ""),
    ])
    func accepts(text: String, title: String?, date: String?, url: String?, rest: String) throws {
        let (fm, body) = try #require(read(text))
        #expect(fm.title == title)
        #expect(fm.date?.iso == date)
        #expect(fm.url == url)
        #expect(body == rest)
    }

    @Test(arguments: [
        "Title: Something\nThis line is prose, not metadata.\n",
        "Author: Someone\n\nBody",
        "---\ntitle: never closed\nBody\n",
        "Date: it was a cold morning in Baghdad when the protests began: nobody knew\nMore",
        "", "---", "Headline\n\ntitle: later\n",
    ])
    func rejects(text: String) {
        #expect(read(text) == nil)
    }
}
