import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct SegmenterTests {
    struct Result: Equatable {
        var title: String?
        var paragraphs: [String]
        var wrapped: Bool
    }

    func segment(_ s: String, knownTitle: String? = nil) -> Result {
        withBytes(s) { b in
            let o = Segmenter.segment(b, from: 0, knownTitle: knownTitle)
            return Result(title: o.title, paragraphs: o.paragraphs.map { $0.map { ByteText.string(b, $0) }.joined(separator: " ") },
                          wrapped: o.hardWrapped)
        }
    }

    static let wrapped = """
        A headline about the protests
        The protests began in the capital and spread to the south of
        the country within days, according to officials who spoke on
        condition of anonymity.
        Section heading
        Security forces fired on the crowds near the bridge and the
        square, and the government cut the internet for several days
        while the ministers met.
        """

    @Test func hardWrappedParagraphsAndHeadings() {
        let r = segment(Self.wrapped)
        #expect(r.title == "A headline about the protests")
        #expect(r.wrapped)
        #expect(r.paragraphs == [
            "The protests began in the capital and spread to the south of the country within days, according to officials who spoke on condition of anonymity.",
            "Section heading",
            "Security forces fired on the crowds near the bridge and the square, and the government cut the internet for several days while the ministers met.",
        ])
    }

    @Test func hardWrappedWithBlankLinesUsesBlocks() {
        let text = """
            The protests began in the capital and spread to the south of
            the country within days. Officials who spoke on condition of
            anonymity said so.

            Security forces fired on the crowds near the bridge and the
            square, and the government cut the internet for several days
            while the ministers met.

            A third paragraph is here to show that blank lines separate the
            paragraphs of this file. It ends here.
            """
        let r = segment(text)
        #expect(r.wrapped)
        #expect(r.title == nil)
        #expect(r.paragraphs.count == 3)
        #expect(r.paragraphs[0].hasSuffix("on condition of anonymity said so."))
    }

    @Test(arguments: [
        // One paragraph per line is not wrapping, even with lines of similar length.
        "Headline\nFirst sentence of a paragraph.\nSecond paragraph is here.\nThird one is here too.\nAnd a fourth.",
        // A list of short lines starting in lower case is not wrapping either: too short and too varied.
        "x\nalpha\nbeta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi\nrho\nsigma",
    ])
    func notHardWrapped(text: String) {
        #expect(!segment(text).wrapped)
    }

    @Test(arguments: [
        // Caption above the headline, repeated under it.
        ("Iraqi protester\n\nThe Headline\n\nIraqi protester\n\nBody text here.", "The Headline", ["Body text here."]),
        // Ad first, then headline, then a caption printed twice.
        ("728 x 90\n\nThe Headline\n\nA caption - 2019\nA caption - 2019\n\nBody text here.", "The Headline", ["Body text here."]),
        // Breadcrumb ending with the headline, then the headline, then a standalone caption.
        ("Home News World The Headline\n\nThe Headline\n\nIraq demonstrations\n\nBody text here.", "The Headline", ["Body text here."]),
        // A short line under the title that continues into the text is kept.
        ("The Headline\nSome words\nmore words follow here.", "The Headline", ["Some words", "more words follow here."]),
        // A first line that stops on a function word was wrapped, it is not a title.
        ("The government said on Monday that the\nIraqi protesters would be heard.", nil,
         ["The government said on Monday that the", "Iraqi protesters would be heard."]),
        // A first line that is a sentence is not a title.
        ("He said it was over.\n\nBody text here.", nil, ["He said it was over.", "Body text here."]),
        // A date line under the title is not a caption; a Markdown heading marker is not part of the title.
        ("## The Headline\n\nNovember 10, 2019\n\nBody text here.", "The Headline", ["November 10, 2019", "Body text here."]),
        ("The Headline\n\nMonday 10 November\n\nBody text here.", "The Headline", ["Monday 10 November", "Body text here."]),
        // Front matter gives the title; the repeated headline is dropped, another first line is kept.
        ("Given\n\nBody text here.", "Given", ["Body text here."]),
        // A file that is only a headline keeps it as its passage, so a search that matches it can show it.
        ("Soleimani killed in Baghdad strike\n", "Soleimani killed in Baghdad strike", ["Soleimani killed in Baghdad strike"]),
        ("# Soleimani killed\n\n", "Soleimani killed", ["Soleimani killed"]),
        ("Given\n", "Given", ["Given"]),
    ] as [(String, String?, [String])])
    func titleAndCaptions(text: String, title: String?, paragraphs: [String]) {
        let known = text.hasPrefix("Given") ? "Given" : nil
        let r = segment(text, knownTitle: known)
        #expect(r.title == title)
        #expect(r.paragraphs == paragraphs)
    }

    @Test func knownTitleKeepsDifferentFirstLine() {
        let r = segment("Other headline\n\nBody text here.", knownTitle: "Given")
        #expect(r.title == "Given")
        #expect(r.paragraphs == ["Other headline", "Body text here."])
    }

    @Test func furnitureIsRemovedAndCopyrightYearKept() {
        withBytes("Headline\n\nText.\n\nTags: , ,\n\nCopyright © 2020 All Rights Reserved\nExit mobile version\n") { b in
            let o = Segmenter.segment(b, from: 0, knownTitle: nil)
            #expect(o.copyrightYear == 2020)
            #expect(o.removed == [.emptyTags, .copyright(year: 2020), .siteChrome])
            #expect(o.paragraphs.count == 1)
        }
    }
}
