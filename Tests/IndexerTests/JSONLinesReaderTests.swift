import Foundation
import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct JSONLinesReaderTests {
    static let fixture = packageRoot + "/Tests/Fixtures/jsonl/wire-2020-01.jsonl"

    @Test func readsTheFixtureArchiveAndNamesItsBadLines() throws {
        let text = try String(contentsOfFile: JSONLinesReaderTests.fixture, encoding: .utf8)
        let file = JSONLinesReader().read(text, path: "wire.jsonl")
        #expect(file.documents.map(\.fragment) == ["tl-20200103-001", "tl-20200105-014", "tl-20200108-003", "tl-20200111-007"])
        let first = try #require(file.documents.first?.document)
        #expect(first.title == "US strike at Baghdad airport kills Qassem Soleimani")
        #expect(first.date == DocumentDate(date: PartialDate(year: 2020, month: 1, day: 3), source: .frontMatter))
        #expect(first.url == "https://wire.example/2020/01/03/soleimani-killed")
        #expect(first.passages.first?.text.hasPrefix("A US drone strike") == true, "the text's first paragraph is a passage, not the title")
        #expect(file.problems.map(\.path) == ["wire.jsonl:4", "wire.jsonl:6"])
        #expect(file.problems[0].reason.words?.contains("unterminated string") == true)
        #expect(file.problems[1].reason == .missingTextField("text"))
        #expect(file.warnings.map(\.path) == ["wire.jsonl:5"])
        #expect(file.documents[3].document?.date == nil)
    }

    @Test func fieldNamesCanBeMappedAndReachIntoObjects() throws {
        let line = #"{"guid": 42, "headline": "Kataeb Hezbollah denies", "meta": {"published": "2020-01"}, "body": "Denied any role."}"#
        let fields = JSONLinesFields(id: "guid", title: "headline", date: "meta.published", text: "body")
        let file = JSONLinesReader(fields: fields).read(line + "\r\n\r\n", path: "a.jsonl")
        #expect(file.problems.isEmpty)
        let source = try #require(file.documents.first)
        #expect(source.fragment == "42")
        #expect(source.document?.title == "Kataeb Hezbollah denies")
        #expect(source.document?.date?.date == PartialDate(year: 2020, month: 1))
        #expect(source.document?.passages.map(\.text) == ["Denied any role."])
    }

    @Test(arguments: [
        ("[1, 2]", "not a JSON object"),
        (#"{"text": "a"}"# + "\n" + #"{"text": "b"}"#, ""),
        (#"{"id": "x", "text": "a"}"# + "\n" + #"{"id": "x", "text": "b"}"#, "id 'x' already used on line 1"),
    ])
    func badLinesAreSkippedWithAReason(text: String, reason: String) {
        let file = JSONLinesReader().read(text, path: "a.jsonl")
        if reason.isEmpty {
            #expect(file.problems.isEmpty)
            #expect(file.documents.map(\.fragment) == ["1", "2"], "the line number names an article without an id")
        } else {
            #expect(file.problems.count == 1)
            #expect(file.problems.first?.reason.words?.contains(reason) == true, "\(file.problems)")
        }
    }

    @Test func theHashChangesWithTheLineAndWithTheMapping() {
        let a = JSONLinesReader().read(#"{"id": 1, "text": "a", "body": "b"}"#, path: "x").documents[0].hash
        let b = JSONLinesReader().read(#"{"id": 1, "text": "a2", "body": "b"}"#, path: "x").documents[0].hash
        let c = JSONLinesReader(fields: JSONLinesFields(text: "body")).read(#"{"id": 1, "text": "a", "body": "b"}"#, path: "x").documents[0].hash
        #expect(Set([a, b, c]).count == 3)
    }

    @Test func knownArticlesAreNotParsedAgain() {
        let text = #"{"id": "a", "text": "one"}"# + "\n" + #"{"id": "b", "text": "two"}"#
        let first = JSONLinesReader().read(text, path: "x")
        let known = ["a": first.documents[0].hash, "b": "some other hash"]
        let second = JSONLinesReader().read(text, path: "x", known: known)
        #expect(second.documents.map(\.hash) == first.documents.map(\.hash))
        #expect(second.documents[0].document == nil, "unchanged: not parsed")
        #expect(second.documents[1].document == first.documents[1].document, "changed: parsed")
    }
}
