import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct FileParserTests {
    @Test(arguments: [
        ("a.txt", FileFormat.text as FileFormat?), ("b.MD", .text), ("c.markdown", .text), ("page.HTM", .html),
        ("page.html", .html), ("wire.jsonl", .jsonLines), ("wire.ndjson", .jsonLines), ("photo.jpg", nil),
        ("README", nil), (".jsonl", nil), ("archive.jsonl.gz", nil),
    ])
    func formatsByName(name: String, format: FileFormat?) {
        #expect(FileFormat(fileName: name) == format)
    }

    @Test(arguments: [
        ("2019-11-28T09:42:00+03:00", "2019-11-28" as String?), ("2019-11-28 09:42", "2019-11-28"), ("2019-11", "2019-11"),
        ("2019", "2019"), ("2019-02-30", nil), ("20191128", nil), ("yesterday", nil), ("2019-11-28Z", nil),
    ])
    func leadingISODates(text: String, iso: String?) {
        #expect(PartialDate.leadingISO(text)?.iso == iso)
    }

    @Test func dispatchesByFormat() {
        let parser = FileParser()
        #expect(parser.parse("Title\n\nBody.", path: "/x/a.txt", fileName: "a.txt", hash: "h").documents.map(\.fragment) == [nil])
        #expect(parser.parse("<title>T</title><p>Body.</p>", path: "/x/a.html", fileName: "a.html", hash: "h").documents.first?.document?.title == "T")
        let archive = parser.parse(#"{"id": "a", "text": "x"}"# + "\n" + #"{"id": "b", "text": "y"}"#, path: "/x/w.jsonl", fileName: "w.jsonl", hash: "h")
        #expect(archive.documents.map(\.fragment) == ["a", "b"])
    }
}
