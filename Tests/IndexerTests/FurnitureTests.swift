import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

func withBytes<T>(_ s: String, _ body: (ByteText.Bytes) -> T) -> T {
    var s = s
    return s.withUTF8 { body($0) }
}

struct FurnitureTests {
    @Test(arguments: [
        ("728 x 90", Furniture.adSize), ("300×250", .adSize), ("Advertisement 160 X 600 px", .adSize),
        ("Tags: , , , , , , , ,", .emptyTags), ("Tagged with: ; |", .emptyTags), ("Filed under:", .emptyTags),
        ("Copyright © 2020 All Rights Reserved | XML Sitemap", .copyright(year: 2020)),
        ("© 2012–2019 Example News", .copyright(year: 2019)), ("(c) Example", .copyright(year: nil)),
        ("Example Ltd. All rights reserved.", .copyright(year: nil)),
        ("Social media & sharing icons powered by UltimatelySocial", .poweredBy), ("Proudly Powered by WordPress", .poweredBy),
        ("© 2020 Foo. All rights reserved.", .copyright(year: 2020)), ("Copyright 1987 Reuters Ltd.", .copyright(year: 1987)),
        ("Copyright", .copyright(year: nil)), ("All Rights Reserved.", .copyright(year: nil)),
        ("Exit mobile version", .siteChrome), ("Skip to content", .siteChrome), ("Share this:", .siteChrome),
    ])
    func furniture(line: String, kind: Furniture) {
        #expect(withBytes(line) { Furniture.classify($0, 0..<$0.count) } == kind)
    }

    @Test(arguments: [
        "Iraq: Khamenei desperate to keep pro-Iran government in power", "728 x 90 protesters were counted",
        "Tags: Iran, Iraq", "The copyright law was changed in 2019.", "Exit", "In 1990 x 2000 ways",
        "An engine powered by hydrogen " + String(repeating: "and more words ", count: 20),
        "Share this story with friends who care", "",
        // Prose that mentions copyright, credits or reserved rights is text, whatever it starts with (issue 14).
        "Copyright law was changed in 2019 and the Erbil court ruled on it.",
        "Copyright 2019 rulings were cited by the court.",
        "(c) the third clause, which the parties signed in Erbil, was void.",
        "© owners in Erbil said the new rules were unfair to small publishers and would be challenged in court.",
        "The agency said all rights reserved to the state would pass to the new authority in Erbil.",
        "The company said all rights reserved.",
        "The plant is powered by gas from the Kirkuk field.",
        "Its turbines, powered by steam, run day and night",
        "Kurdish officials said the network, powered by Chinese equipment, reaches Erbil and Sulaimaniya.",
    ])
    func text(line: String) {
        #expect(withBytes(line) { Furniture.classify($0, 0..<$0.count) } == nil)
    }

    @Test(arguments: [
        ("Home News General Over 180 Killed in Anti-Iran Regime Demos in Iraq", "Over 180 Killed in Anti-Iran Regime Demos in Iraq", true),
        ("Home News Middle East Iran: Khamenei’s Strategic Deadlock in Iraq", "Iran: Khamenei’s Strategic Deadlock in Iraq", true),
        ("World Politics Iran votes", "Iran votes", true),
        ("Home » World » Middle East", "Some headline", true),
        ("Home › News", "", true),
        ("He said it was over. Iran votes", "Iran votes", false),
        ("Homeland security was tightened", "Next line", false),
        ("Iran votes", "Iran votes", false),
        // A table row that ends with the next row (Reuters story 5, 1987) is text.
        ("Wheat   2.55   2.40       IV     4.65     --", "V     4.65     --", false),
        ("World NewsIran votes", "Iran votes", false),
        ("Reserve            nil       nil       n/a", "nil       nil       n/a", false),
    ])
    func breadcrumb(line: String, next: String, expected: Bool) {
        let text = line + "\n" + next
        let result = withBytes(text) { b in
            let l = 0..<line.utf8.count
            let n = (line.utf8.count + 1)..<b.count
            return Furniture.isBreadcrumb(b, l, next: n.isEmpty ? nil : n)
        }
        #expect(result == expected)
    }
}
