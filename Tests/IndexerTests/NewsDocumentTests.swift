import Testing
@testable import Indexer

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
}
