import Foundation
import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

func corpusText(_ prefix: String) throws -> (String, String) {
    let dir = URL(fileURLWithPath: packageRoot).appendingPathComponent("corpus")
    let name = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasPrefix(prefix) })
    return (try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8), name)
}

struct DocumentParserTests {
    struct CorpusCase: Sendable, CustomTestStringConvertible {
        var file: String
        var title: String
        var date: String?
        var source: DateSource?
        var precision: PartialDate.Precision?
        var passages: Int
        var testDescription: String { file }
    }

    @Test(arguments: [
        // 000 names no year: "Monday, October 7" fits 2013, 2019 and 2024, so without a reference year there is no date.
        CorpusCase(file: "000", title: "Khamenei’s enemies: Iraqis rebel against Tehran’s mullahs and their puppets in Baghdad",
                   date: nil, source: nil, precision: nil, passages: 17),
        CorpusCase(file: "001", title: "Over 180 Killed in Anti-Iran Regime Demos in Iraq",
                   date: nil, source: nil, precision: nil, passages: 8),
        CorpusCase(file: "002", title: "MEK Iran: Iraq Uprising Scuppers Iranian Regime’s Plans",
                   date: "2020", source: .copyright, precision: .year, passages: 13),
        CorpusCase(file: "003", title: "Iran: Khamenei’s Strategic Deadlock in Iraq",
                   date: "2020-01-03", source: .latestMention, precision: .day, passages: 49),
        CorpusCase(file: "004", title: "Iraq: Khamenei desperate to keep pro-Iran government in power",
                   date: "2019-11-10", source: .dateline, precision: .day, passages: 10),
    ])
    func corpus(_ c: CorpusCase) throws {
        let (text, name) = try corpusText(c.file)
        let doc = DocumentParser.parse(text, fileName: name)
        #expect(doc.title == c.title)
        #expect(doc.date?.date.iso == c.date)
        #expect(doc.date?.source == c.source)
        #expect(doc.date?.date.precision == c.precision)
        #expect(doc.passages.count == c.passages)
        #expect(!doc.passages.contains { $0.text == c.title }, "the title is not repeated as a passage")
        for p in doc.passages {
            #expect(!p.text.contains("Exit mobile version") && !p.text.hasPrefix("Home News") && !p.text.contains("728 x 90"))
            #expect(!p.text.hasPrefix("Tags:") && !p.text.hasPrefix("Copyright") && !p.text.contains("powered by"))
        }
    }

    @Test(arguments: [(2019, "2019-10-07"), (2020, "2019-10-07"), (2014, "2013-10-07"), (2023, "2024-10-07")])
    func weekdayWithReferenceYear(reference: Int, expected: String) throws {
        let (text, name) = try corpusText("000")
        let doc = DocumentParser.parse(text, fileName: name, referenceYear: reference)
        #expect(doc.date == DocumentDate(date: try #require(PartialDate(iso: expected)), source: .latestMention))
    }

    @Test func hardWrappedFileIsRejoined() throws {
        let (text, name) = try corpusText("000")
        let doc = DocumentParser.parse(text, fileName: name)
        let first = try #require(doc.passages.first).text
        #expect(first.contains("organized by Iraqis to demand the departure"))
        #expect(first.hasSuffix("hijacking the political decisions in their country."))
        #expect(!doc.passages.contains { $0.text.contains("\n") || $0.text.contains("  ") })
        #expect(doc.passages[2].text == "Khamenei’s enemies")
        #expect(doc.passages[14].text == "Iranian imperialism")
    }

    @Test func captionsAndBylines() throws {
        let (t1, n1) = try corpusText("001")
        #expect(DocumentParser.parse(t1, fileName: n1).passages.first?.text.hasPrefix("The Asaib") == true)
        let (t2, n2) = try corpusText("002")
        let d2 = DocumentParser.parse(t2, fileName: n2)
        #expect(d2.passages.first?.text.hasSuffix("- File Photo") == true)
        #expect(!d2.passages.contains { $0.text == "Iraqi protester" })
        let (t4, n4) = try corpusText("004")
        let d4 = DocumentParser.parse(t4, fileName: n4)
        #expect(d4.passages.first?.text == "Reporting by PMOI/MEK")
        #expect(!d4.passages.contains { $0.text.hasPrefix("Demonstrations in Iraq") })
    }

    @Test(arguments: [
        ("On 6 December, a militia", ["2019-12-06"]),
        ("The protesters withdrew from the US Embassy in Baghdad on 1 January", ["2020-01-01"]),
        ("US President Donald Trump said on 31 December", ["2019-12-31"]),
        ("In November, following a rise in gasoline prices", ["2019-11"]),
    ])
    func passageMentionedDates(prefix: String, expected: [String]) throws {
        let (text, name) = try corpusText("003")
        let doc = DocumentParser.parse(text, fileName: name)
        let p = try #require(doc.passages.first { $0.text.hasPrefix(prefix) || $0.text.contains(prefix) })
        #expect(p.mentionedDates.map(\.iso) == expected)
    }

    @Test(arguments: [
        ("---\ntitle: Given\ndate: 2018-05-02\nurl: https://e.org/a\n---\nHeadline\n\nOn 3 January 2020 it rained.\n",
         "Given", "2018-05-02", "https://e.org/a", 2),
        ("title: Given\ndate: May 2, 2018\n\nGiven\n\nOn 3 January 2020 it rained.\n", "Given", "2018-05-02", nil, 1),
        ("---\ndate: 2018\n---\nIran, November 10, 2019—Text.\n", "x", "2018", nil, 1),
    ])
    func frontMatterWins(text: String, title: String, date: String, url: String?, passages: Int) {
        let doc = DocumentParser.parse(text, fileName: "x.txt")
        #expect(doc.title == title)
        #expect(doc.date == DocumentDate(date: PartialDate(iso: date)!, source: .frontMatter))
        #expect(doc.url == url)
        #expect(doc.passages.count == passages)
    }

    @Test(arguments: [
        ("Headline\n\nPublished: November 10, 2019\n\nOn 12 December 2019 something.\n", "2019-11-10", DateSource.text),
        ("Headline\n\nBAGHDAD, Nov. 10 (Reuters) - Text about 2019-11-09.\n", "2019-11-10", .dateline),
        ("Headline\n\nSomething happened on 3 March 2018 and on 4 April 2018.\n", "2018-04-04", .latestMention),
        ("# Headline\n\nNovember 10, 2019\n\nOn 12 December 2019 something.\n", "2019-11-10", .text),
        ("Headline\n\nPosted on Nov 10, 2019 by Admin\n\nOn 12 December 2019 something.\n", "2019-11-10", .text),
        ("Headline\n\nThe vote of 10 November 2019: what it means\n\nOn 12 December 2019 something.\n", "2019-12-12", .latestMention),
        ("Headline\n\nSomething happened in May.\n\nCopyright © 2015–2017 Site\n", "2017", .copyright),
    ])
    func dateSources(text: String, iso: String, source: DateSource) {
        let doc = DocumentParser.parse(text, fileName: "x.txt")
        #expect(doc.date == DocumentDate(date: PartialDate(iso: iso)!, source: source))
    }

    @Test(arguments: [
        ("", 0), ("\u{FEFF}", 0), ("\n\n\r\n", 0), ("!!! ??? ...\n--- ***\n", 0), ("12345 67890", 1),
        ("\u{FEFF}Title line\r\n\r\nFirst paragraph here.\r\nSecond paragraph here.\r\n", 2),
        ("---\n", 0), ("---\ntitle: never closed\n", 1), ("\r\r\rA\rB", 1),
    ])
    func robustInputs(text: String, passages: Int) {
        let doc = DocumentParser.parse(text, fileName: "f.txt")
        #expect(doc.passages.count == passages)
        #expect(doc.date == nil)
        for p in doc.passages { #expect(!p.text.contains("\r") && !p.text.hasPrefix("\u{FEFF}")) }
    }

    @Test func crlfAndBomDoNotLeak() {
        let doc = DocumentParser.parse("\u{FEFF}Title line\r\n\r\nFirst paragraph here.\r\n", fileName: "f.txt")
        #expect(doc.title == "Title line")
        #expect(doc.passages.map(\.text) == ["First paragraph here."])
    }

    @Test func fallbackTitleIsTheFileName() {
        let doc = DocumentParser.parse("this starts in lower case and is a sentence.", fileName: "dir/a.b.txt")
        #expect(doc.title == "a.b")
        #expect(doc.passages.count == 1)
    }

    @Test func manyEmptyAndFurnitureLines() {
        let text = String(repeating: "\n", count: 500_000) + String(repeating: "728 x 90\r\n", count: 50_000) + "Headline\n\nBody."
        let doc = DocumentParser.parse(text, fileName: "n.txt")
        #expect(doc.title == "Headline")
        #expect(doc.passages.map(\.text) == ["Body."])
        let segmented = withBytes(text) { Segmenter.segment($0, from: 0, knownTitle: nil) }
        #expect(segmented.removed.count == Segmenter.maxRemovedKept)
    }

    @Test(arguments: [200_000, 1_000_000])
    func giantSingleLine(bytes: Int) {
        var words = ""
        while words.utf8.count < bytes { words += "Soleimani met officials in Baghdad on 3 January 2020 again " }
        let doc = DocumentParser.parse(words, fileName: "g.txt")
        #expect(doc.passages.count > bytes / 1500)
        #expect(doc.passages.allSatisfy { $0.text.utf8.count <= PassageSplitter.maxPiece + PassageSplitter.splitAbove })
        #expect(doc.date?.date.iso == "2020-01-03")
        let noSpaces = String(repeating: "é", count: bytes / 2)
        let d2 = DocumentParser.parse(noSpaces, fileName: "g.txt")
        #expect(d2.passages.map(\.text).joined() == noSpaces)
    }
}

extension DocumentParserTests {
    /// Deterministic pseudo-random documents built from the pieces the parser reacts to: it must never
    /// trap, and its passages must be trimmed single lines with text in them.
    @Test(arguments: [1, 2, 3, 4])
    func randomDocuments(seed: UInt64) {
        let pieces = ["\r", "\n", "\r\n", "\n\n", " ", "\u{00A0}", "\u{FEFF}", "—", "–", "-", ",", ".", ":", "“", "”",
                      "October", "Oct.", "1st", "31", "7", "2019", "2019-02-30", "2020-01-03", "Monday", "of", "in",
                      "last year", "U.S.", "Mr.", "é", "ي", "---", "title:", "date:", "728 x 90", "Home", "Copyright ©",
                      "Tags: , ,", "powered by", "Exit mobile version", "word", "Word", "a", "the", "15,000", "#"]
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<(next() % 400) { text += pieces[next() % pieces.count] }
            let doc = DocumentParser.parse(text, fileName: "r.txt", referenceYear: next() % 2 == 0 ? nil : 2019)
            for p in doc.passages {
                #expect(!p.text.isEmpty && !p.text.contains("\n") && !p.text.contains("\r"))
                #expect(p.text.first?.isWhitespace == false && p.text.last?.isWhitespace == false)
            }
            if let d = doc.date { #expect(PartialDate(iso: d.date.iso) == d.date) }
        }
    }
}
