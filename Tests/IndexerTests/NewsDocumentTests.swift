import Foundation
import Testing
import TestSupport
@testable import Analysis
@testable import Storage
@testable import Indexer

/// A fixture cut from ../shared/realnews (see Tests/Fixtures/realnews/PROVENANCE.md).
func realNews(_ name: String) throws -> String {
    try String(contentsOfFile: packageRoot + "/Tests/Fixtures/realnews/" + name, encoding: .utf8)
}

/// Real news as users keep it (issue 14): no article text dropped, and what is left out counted by reason.
struct NewsDocumentTests {
    @Test(arguments: [
        // Paragraphs that open with a copyright mark or mention credits or reserved rights are article text.
        ("Kurds vote\n\nCopyright law in Erbil was changed in 2019, the court said.\n\n(c) The third clause was void, said a judge in Erbil.\n\n© holders in Erbil protested on Monday.\n\nThe station, powered by diesel, serves Erbil.\n\nAll rights reserved by the treaty pass to Erbil, officials said.\n\nCopyright © 2020 Example News. All rights reserved.\n",
         5, "copyright footer 1"),
        ("Oil prices rise\n\nNEW YORK, March 2 - Crude oil rose.\n\nPrices were firm.\n Reuter\n", 2, "wire sign-off 1"),
        ("Oil prices rise\n\nNEW YORK, March 2 - Crude oil rose, Reuters said.\n", 1, nil),
        ("Headline here\n\nText of the story.\n\nShare this:\n728 x 90\nPowered by WordPress\n", 1, "ad size 1; credit line 1; site chrome 1"),
    ] as [(String, Int, String?)])
    func nothingDropped(text: String, passages: Int, dropped: String?) {
        let d = DocumentParser.parse(text, fileName: "a.txt")
        #expect(d.passages.count == passages, "\(d.passages.map(\.text))")
        #expect(d.droppedSummary == dropped)
        // Every word of every kept paragraph is in the passages.
        let joined = d.passages.map(\.text).joined(separator: " ")
        for word in ["Erbil", "Crude", "firm", "Reuters said"] where text.contains(word) && !text.contains(word + "\n Reuter") {
            #expect(joined.contains(word))
        }
    }

    // Reuters stories of 1987 as one file each (headline, blank line, dateline and wire text): the year is the
    // collection's, never that of a maturity or a fiscal year the story mentions.
    @Test(arguments: [
        ("reuters/10437.txt", 1987, "1987-03-27", "NEW YORK, March 27 -; notes mature on March 26, 1992"),
        ("reuters/10437.txt", nil, nil, "no collection year: a maturity (notes mature on March 26, 1992) supports none; the collection's year settles it"),
        ("reuters/589.txt", 1987, "1987-03-02", "lower-case month: NEW YORK, march 2 -"),
        ("reuters/1213.txt", 1987, "1987-03-03", "no comma: LAKE SUCCESS, N.Y. March 3 -"),
        ("reuters/10511.txt", 1987, "1987-03-27", "agency after the date: BRUSSELS, March 27, Reuter -"),
        ("reuters/5.txt", 1987, "1987-02-26", "a price table below the dateline"),
        ("reuters/1219.txt", 1987, "1987-03-03", "debentures due March 2002"),
    ] as [(String, Int?, String?, String)])
    func wireDatelines(file: String, reference: Int?, expected: String?, why: String) throws {
        let d = DocumentParser.parse(try realNews(file), fileName: file, referenceYear: reference)
        #expect(d.date?.date.iso == expected, "\(why)")
        if expected != nil { #expect(d.date?.source == .dateline, "\(why)") }
        #expect(d.needsCollectionYear == (reference == nil), "\(why)")
        // No mentioned date lies beyond the story's year by more than the bound (tables, far maturities).
        for p in d.passages { for m in p.mentionedDates { #expect(m.year <= 1987 + DocumentParser.futureBound, "\(why): \(m)") } }
        #expect(d.droppedSummary == "wire sign-off 1", "\(why)")
    }

    // Every word of a wire story is in its title or passages; only the sign-off is left out. These stories lost a
    // line each before: "will be powered by General" (a credit), "advertisements." (site chrome), "Reserve nil nil
    // n/a" above "nil nil n/a" (a breadcrumb), "STOCKHOLM, March 13 - …" (an image caption).
    @Test(arguments: ["18583", "15754", "13803", "4677", "5", "589", "1213", "10511", "10437", "1219", "13476", "13859"])
    func noWordOfAStoryIsDropped(id: String) throws {
        let text = try realNews("reuters/\(id).txt")
        let d = DocumentParser.parse(text, fileName: id + ".txt", referenceYear: 1987)
        let kept = ((d.title ?? "") + " " + d.passages.map(\.text).joined(separator: " ")).split { $0 == " " || $0 == "\n" }
        var counts: [Substring: Int] = [:]
        for w in kept { counts[w, default: 0] += 1 }
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for w in lines.filter({ $0 != "Reuter" && $0 != "REUTER" }).joined(separator: " ").split(separator: " ") {
            #expect((counts[w] ?? 0) > 0, "\(id): \(w)")
            counts[w, default: 0] -= 1
        }
        #expect(d.droppedSummary == "wire sign-off 1", "\(id)")
        #expect(d.title == lines.first, "\(id)")
    }

    // Headlines as the wire has them (Reuters-21578 titles; briefs are the headline alone).
    @Test(arguments: [
        ("Unilever Plc and Nv combined 1986 pre-tax profit 1.14 billion stg vs 953 mln.\n", "Unilever Plc and Nv combined 1986 pre-tax profit 1.14 billion stg vs 953 mln.", 0),
        ("HECK'S INC TO RELEASE NEWS SHORTLY .\n", "HECK'S INC TO RELEASE NEWS SHORTLY .", 0),
        ("FRANCE SETTLES 21.95 BILLION FRANCS SHORT-TERM CURRENCY INTERVENTION\nDEBT - OFFICIAL\n", "FRANCE SETTLES 21.95 BILLION FRANCS SHORT-TERM CURRENCY INTERVENTION DEBT - OFFICIAL", 0),
        ("TALKS ON OIL PRICES TO RESUME IN\nGENEVA NEXT WEEK\n\nGENEVA, March 3 - Talks resume.\n", "TALKS ON OIL PRICES TO RESUME IN GENEVA NEXT WEEK", 1),
        ("BANK OF ENGLAND OFFERS HELP\n\nthe bank said it offered help to the market\nthis morning.\n", "BANK OF ENGLAND OFFERS HELP", 2),
        ("U.S. COMMERCIAL PAPER FALLS 375 MLN DLRS IN FEB 18 WEEK, FED SAYS\n", "U.S. COMMERCIAL PAPER FALLS 375 MLN DLRS IN FEB 18 WEEK, FED SAYS", 0),
        ("CONRAC CORP REJECTS MARK IV INDUSTRIES TENDER OFFER,\nEXPLORES ALTERNATIVES\n", "CONRAC CORP REJECTS MARK IV INDUSTRIES TENDER OFFER, EXPLORES ALTERNATIVES", 0),
        ("LAIDLAW DECLARES THREE FOR TWO SPLIT, BOOSTS PAYOUT to\n5-1/4 CTS/SHR FROM FOUR CTS\n", "LAIDLAW DECLARES THREE FOR TWO SPLIT, BOOSTS PAYOUT to 5-1/4 CTS/SHR FROM FOUR CTS", 0),
        ("DELTA GROUP <DLTL.L> YEAR TO JAN 3.\n\nLONDON, March 25 - Shr net basis 24.8p vs 24.5p\n", "DELTA GROUP <DLTL.L> YEAR TO JAN 3.", 1),
        ("PETRO-CANADA RAISES CRUDE POSTINGS 32 CTS CANADIAN/BBL.\nSWEET CRUDE AT 25.60 DLRS CANADIAN/BBL.\n", "PETRO-CANADA RAISES CRUDE POSTINGS 32 CTS CANADIAN/BBL. SWEET CRUDE AT 25.60 DLRS CANADIAN/BBL.", 0),
        ("FEDERAL CO PREDICTS RECORD EARNINGS PER SHARE 4.25-4.50\nDLRS FISCAL 1987.\n\nNEW YORK, March 3 - Federal said.\n", "FEDERAL CO PREDICTS RECORD EARNINGS PER SHARE 4.25-4.50 DLRS FISCAL 1987.", 1),
        ("this starts in lower case and is a sentence.\n", "a", 1),
        ("Iran, November 10, 2019—Text.\n", "a", 1),
    ] as [(String, String, Int)])
    func wireHeadlines(text: String, title: String, passages: Int) {
        let d = DocumentParser.parse(text, fileName: "a.txt")
        #expect(d.title == title)
        // A headline-only file keeps its headline as its passage too.
        #expect(d.passages.count == max(passages, 1))
    }

    @Test(arguments: [
        ("WASHINGTON, March 3 - The Senate voted on February 27, 1987 to back it.", nil, "1987-03-03", "a dated mention days before supports its year"),
        ("WASHINGTON, March 3 - The notes mature on March 1, 1992.", nil, nil, "a maturity is a term, not an event: it supports no year"),
        ("WASHINGTON, March 3 - The notes are due March 1, 1992.", nil, nil, "due"),
        ("WASHINGTON, March 3 - The warrants are exercisable from today until March 1, 1992.", nil, nil, "until"),
        ("WASHINGTON, March 3 - The shares are not redeemable through refunding operations before March 1, 1992.", nil, nil, "redeemable, five words before"),
        ("WASHINGTON, March 3 - Union dues rose on February 27, 1987.", nil, "1987-03-03", "dues are not due"),
        ("WASHINGTON, March 3 - The notes mature in 1992. The Senate voted on February 27, 1987.", nil, "1987-03-03", "a term word in the sentence before does not count"),
        ("WASHINGTON, March 3 - The notes mature on March 1, 1992.", 1987, "1987-03-03", "the collection's year wins"),
        ("WASHINGTON, March 3 - Prices were firm.", nil, nil, "nothing to go on"),
        ("Prices -\n Jul    2185    2190\n Aug    2190    2195\n\nPrices rose in July 1987.", nil, "1987-07", "table rows are not dates"),
        // Futures tables of Reuters stories 13999, 14278, 14564 (dated 1975, 1922, 1885 before).
        (" MAY7  1918 OFF 16\n JUL7  1950 OFF 17\n SEP7  1975 OFF 14\n", nil, nil, "JUL7 is a futures month"),
        (" MAY 1922   (1934)\n JLY 1956   (1967)\n", nil, nil, "columns"),
        (" MAY7 1873L  1877H  1892  1873  1883L  1885H\n", nil, nil, "columns"),
    ] as [(String, Int?, String?, String)])
    func datelineYear(body: String, reference: Int?, expected: String?, why: String) {
        let d = DocumentParser.parse("Headline here\n\n" + body, fileName: "a.txt", referenceYear: reference)
        #expect(d.date?.date.iso == expected, "\(why)")
    }

    // Usenet posts of talk.politics.mideast (20 Newsgroups, 1993), as the copy has them: no file extension.
    @Test(arguments: [
        ("20news/75364", "Re: ISLAM BORDERS. ( was :Israel: misisipi to ganges)", "hasan@McRCIM.McGill.EDU"),
        ("20news/75367", "Re: How many Mutlus can dance on the head of a pin?", "tclock@orion.oac.uci.edu (Tim Clock)"),
        ("20news/75902", "Re: How many israeli soldiers does it take to kill a 5 yr old child?", "jhsegal@wiscon.weizmann.ac.il (Livian Segal)"),
        ("20news/76396", "Re: Israeli Terrorism", "amoss@shuldig.cs.huji.ac.il (Amos Shapira)"),
    ])
    func postsAreTitledBySubject(file: String, subject: String, from: String) throws {
        let text = try realNews(file)
        let d = DocumentParser.parse(text, fileName: file)
        #expect(d.title == subject)
        #expect(d.author == from)
        // Headers are metadata, not passages; quoted lines stay searchable.
        for p in d.passages {
            #expect(!p.text.hasPrefix("From:") && !p.text.hasPrefix("Subject:") && !p.text.hasPrefix("Lines:") && !p.text.hasPrefix("Organization:"))
        }
        let quoted = text.split(separator: "\n").first { $0.hasPrefix(">") || $0.hasPrefix("|>") }
        if let q = quoted, let word = q.split(separator: " ").last(where: { $0.count > 4 }) {
            #expect(d.passages.contains { $0.text.contains(word) }, "\(word)")
        }
        // A post is dated only by a Date: header, and these have none.
        #expect(d.date == nil)
    }

    @Test(arguments: [
        ("From: a@b.c (A B)\nSubject: Hello there\nDate: Tue, 13 Apr 1993 10:02:11 GMT\n\nBody text.\n", "Hello there", "1993-04-13", 1),
        ("From our correspondent in Erbil\n\nBody text.\n", "From our correspondent in Erbil", nil, 1),
        ("From: the desk\nThe story starts here without a blank line.\nIt goes on.\n", nil, nil, 3),
        ("Subject: Only a subject line\n", nil, nil, 1),
    ] as [(String, String?, String?, Int)])
    func headerBlocks(text: String, title: String?, date: String?, passages: Int) {
        let d = DocumentParser.parse(text, fileName: "post.txt")
        if let title { #expect(d.title == title) }
        #expect(d.date?.date.iso == date)
        #expect(d.passages.count + (d.title == "post" || title != nil ? 0 : 1) >= passages - 1)
        // Nothing of a file that is not a post is lost.
        if title == nil {
            let all = ([d.title ?? ""] + d.passages.map(\.text)).joined(separator: " ")
            for line in text.split(separator: "\n") { #expect(all.contains(line.trimmingCharacters(in: .whitespaces))) }
        }
    }
}
