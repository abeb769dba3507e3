import Foundation
import Testing
import TestSupport
@testable import Analysis
@testable import Storage
@testable import Indexer

/// JSON Lines archives and file encodings as real news comes (issue 14, issue 15 item 3), through the real writer and
/// a real SQLite file.
struct NewsArchiveTests {
    func rows(_ db: String, _ sql: String) throws -> [[String?]] {
        let database = try Database(path: db, access: .readOnly)
        let s = try database.prepare(sql, context: "test")
        var out: [[String?]] = []
        while try s.step() { out.append((0..<2).map { s.text(Int32($0)) }) }
        return out
    }

    func line(_ id: String, date: String?, _ text: String) -> String {
        let d = date.map { "\"\($0)\"" } ?? "null"
        return "{\"id\": \"\(id)\", \"title\": \"Headline \(id)\", \"date\": \(d), \"text\": \"\(text)\"}"
    }

    @Test func anArchiveLargerThanTheFileLimitIsReadArticleByArticle() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // 3,000 articles of about 1 KB: 3 MB, three times the 1 MB limit, which now applies to each article.
        var lines: [String] = []
        let filler = String(repeating: "Crude oil prices rose in heavy trading, dealers said. ", count: 18)
        for i in 0..<3000 { lines.append(line("a\(i)", date: "1987-03-0\(i % 9 + 1)", "NEW YORK, March \(i % 9 + 1) - \(filler)")) }
        lines.append(line("huge", date: "1987-03-01", String(repeating: "x ", count: 700_000)))
        try folder.write("wire/reuters.jsonl", lines.joined(separator: "\n") + "\n")
        var options = IndexOptions()
        options.maxFileSize = 1_048_576
        let summary = try IndexWriter(path: folder.path + "/i.db", options: options).index([folder.path + "/wire"])
        #expect(summary.added == 3000)
        #expect(summary.files == 1)
        // An article of 1 MB (in whole MB, as the message counts) over the limit of 1 MB.
        guard case let .articleTooLarge(size, limit)? = summary.failed.first?.reason, summary.failed.count == 1 else {
            Issue.record("\(summary.failed)")
            return
        }
        #expect(size / 1_048_576 == 1 && limit == 1_048_576)
        #expect(summary.failed.first?.path.hasSuffix("reuters.jsonl:3001") == true)
        #expect(try rows(folder.path + "/i.db", "SELECT count(*), count(date) FROM documents") == [["3000", "3000"]])
        // Unchanged on a second run, and a changed article in a big archive is one update.
        let again = try IndexWriter(path: folder.path + "/i.db", options: options).index([folder.path + "/wire"])
        #expect((again.added, again.updated, again.unchanged, again.removed) == (0, 0, 3000, 0))
        lines[1500] = line("a1500", date: "1987-03-04", "NEW YORK, March 4 - Changed.")
        lines.removeLast()
        lines.removeLast()
        try folder.write("wire/reuters.jsonl", lines.joined(separator: "\n") + "\n")
        let third = try IndexWriter(path: folder.path + "/i.db", options: options).index([folder.path + "/wire"])
        #expect((third.added, third.updated, third.unchanged, third.removed) == (0, 1, 2998, 1))
    }

    @Test func oneBadByteSpoilsOnlyItsLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var bytes = Array((line("1", date: "1987-10-19", "M\u{00FC}nchen traders sold") + "\n").utf8)
        // Story 17980 of Reuters-21578 holds a stray 0xFC (ü in Latin-1) in otherwise plain text.
        bytes += Array(line("2", date: "1987-10-19", "Kāẓim met Rafsanjani in Tehran. X").utf8).dropLast(3) + [0xFC] + Array("\"}\n".utf8)
        bytes += Array((line("3", date: "1987-10-19", "کاظم in Arabic script") + "\n").utf8)
        try folder.write("wire/a.jsonl", bytes: bytes)
        let summary = try IndexWriter(path: folder.path + "/i.db").index([folder.path + "/wire"])
        #expect(summary.added == 3)
        #expect(summary.warnings.map(\.path).map { $0.hasSuffix("a.jsonl:2") } == [true])
        let texts = try rows(folder.path + "/i.db", "SELECT body, NULL FROM documents_fts ORDER BY rowid").map { $0[0] ?? "" }
        #expect(texts[0].contains("München"))
        #expect(texts[1].contains("Kāẓim met Rafsanjani") && texts[1].contains("Tehran. ü"))
        #expect(texts[2].contains("کاظم"))
    }

    @Test(arguments: [
        ([0x4B, 0xC4, 0x81, 0xE1, 0xBA, 0x93, 0x69, 0x6D, 0x20, 0xFC], "Kāẓim ü", true),
        ([0x63, 0x61, 0x66, 0xE9], "café", false),
        ([0xE2, 0x80, 0x9C, 0x71, 0x94], "“q”", true),
        ([0xED, 0xA0, 0x80], "í\u{A0}\u{20AC}", false),
        ([0xC0, 0xAF], "À¯", false),
    ] as [([UInt8], String, Bool)])
    func decodingIsLocal(bytes: [UInt8], text: String, mixed: Bool) {
        let r = SourceReader.decodeLocally(bytes)
        #expect(r.text == text)
        #expect(r.warning == (mixed ? "not valid UTF-8 in 1 byte; read as Windows-1252 there, the rest as UTF-8" : "not valid UTF-8; read as Windows-1252"))
    }

    @Test func anArticleWithoutADateIsDatedFromItsDatelineInTheArchivesYear() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let lines = [
            line("1", date: "1987-03-02", "NEW YORK, March 2 - Crude rose."),
            line("2", date: nil, "ZURICH, April 13 - The bonds mature on April 12, 1992, the bank said."),
            "{\"id\": \"3\", \"text\": \"LONDON, april 14 - Gold fell.\"}",
        ]
        try folder.write("wire/a.jsonl", lines.joined(separator: "\n"))
        _ = try IndexWriter(path: folder.path + "/i.db").index([folder.path + "/wire"])
        #expect(try rows(folder.path + "/i.db", "SELECT date, date_source FROM documents ORDER BY path")
            == [["1987-03-02", "front-matter"], ["1987-04-13", "dateline"], ["1987-04-14", "dateline"]])
    }

    @Test func aFolderOfWireStoriesTakesTheCollectionsYear() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for name in ["10437", "589", "1213", "10511", "5", "1219"] {
            try folder.write("wire/\(name).txt", try realNews("reuters/\(name).txt"))
        }
        // Three stories whose text pins the year down (a date of 1987 a few days before the dateline) give the folder
        // its year (CollectionYear: one or two would not).
        for name in ["01027", "01063", "02023"] {
            try folder.write("wire/\(name).txt", try String(contentsOfFile: packageRoot + "/Tests/Fixtures/collection-year/wire/\(name).txt", encoding: .utf8))
        }
        _ = try IndexWriter(path: folder.path + "/i.db").index([folder.path + "/wire"])
        let dates = try rows(folder.path + "/i.db", "SELECT relpath, date FROM documents ORDER BY relpath")
        #expect(dates == [["01027.txt", "1987-03-03"], ["01063.txt", "1987-03-03"], ["02023.txt", "1987-03-05"],
                          ["10437.txt", "1987-03-27"], ["10511.txt", "1987-03-27"], ["1213.txt", "1987-03-03"], ["1219.txt", "1987-03-03"],
                          ["5.txt", "1987-02-26"], ["589.txt", "1987-03-02"]])
        #expect(try rows(folder.path + "/i.db", "SELECT count(*), NULL FROM documents WHERE dropped = 'wire sign-off 1'") == [["9", nil]])
    }
}
