import Testing
@testable import Analysis
@testable import Searcher

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct LexiconTests {
    @Test func shippedParses() {
        let lexicon = Lexicon.shipped
        #expect(lexicon.entries.count >= 40)
        #expect(lexicon.entries.contains { $0.canonical == "Popular Mobilization Forces" && $0.aliases.contains("PMF") })
    }

    // A query word sequence, the words the match covers, and one alternative it must offer.
    @Test(arguments: [
        (["PMF"], 0..<1, "Popular Mobilization Forces"),
        (["pmf", "leaders"], 0..<1, "Hashd al-Shaabi"),
        (["Popular", "Mobilisation", "Forces"], 0..<3, "PMF"),
        (["Hashd", "al-Shaabi", "fighters"], 0..<2, "Popular Mobilization Forces"),
        (["attack", "by", "Kataeb", "Hizballah"], 2..<4, "KH"),
        (["MEK"], 0..<1, "People's Mojahedin Organization of Iran"),
        (["Mujahedin-e", "Khalq"], 0..<2, "PMOI"),
        (["IRGC"], 0..<1, "Islamic Revolutionary Guard Corps"),
        (["Revolutionary", "Guards"], 0..<2, "IRGC"),
        (["League", "of", "the", "Righteous"], 0..<4, "Asa'ib Ahl al-Haq"),
        (["Asaeb", "Ahl", "al-Haq"], 0..<3, "AAH"),
        (["Suleimani"], 0..<1, "Haj Qassem"),
        // Spellings whose keys differ from the alias's in one reading still share one at each position.
        (["Mohandes"], 0..<1, "Jamal Jaafar al-Ibrahimi"), (["al-Mohandes"], 0..<1, "Jamal Jaafar al-Ibrahimi"),
        (["Kataeb", "Hezbollah"], 0..<2, "KH"), (["Asayeb", "Ahl", "al-Haq"], 0..<3, "AAH"),
        (["US", "embassy"], 0..<1, "United States"),
        (["Liberation", "Square"], 0..<2, "Tahrir Square"),
    ] as [([String], Range<Int>, String)])
    func finds(_ words: [String], _ range: Range<Int>, _ alternative: String) throws {
        let matches = Lexicon.shipped.alternatives(for: words)
        let match = try #require(matches.first)
        #expect(match.words == range)
        #expect(match.alternatives.contains(alternative.split(separator: " ").map(String.init)))
    }

    // A name holding the typed words finds nothing more than they do, so it is not an alternative.
    @Test(arguments: [(["Muhandis"], "Abu Mahdi al-Muhandis"), (["Soleimani"], "Qassem Soleimani"),
        (["Qods", "Force"], "Quds Force")] as [([String], String)])
    func leavesOutNamesHoldingTheTypedWords(_ words: [String], _ holder: String) throws {
        let match = try #require(Lexicon.shipped.alternatives(for: words).first)
        #expect(!match.alternatives.contains(holder.split(separator: " ").map(String.init)))
        #expect(!match.alternatives.isEmpty)
    }

    @Test(arguments: [["us"], ["is", "it"], ["kh"], ["the", "protests"], ["Iraq"]] as [[String]])
    func findsNothing(_ words: [String]) {
        #expect(Lexicon.shipped.alternatives(for: words).isEmpty)
    }

    @Test func longestMatchWins() throws {
        let matches = Lexicon.shipped.alternatives(for: ["Quds", "Force", "and", "Kata'ib", "Hezbollah"])
        #expect(matches.map(\.words) == [0..<2, 3..<5])
        #expect(matches.first?.entry.canonical == "Quds Force")
    }

    @Test(arguments: [
        ("org | Only a name", 1, "found 2 fields"),
        ("# comment\n\nperson | A | B\nthing | X | Y", 4, "unknown kind `thing`"),
        ("org | A | | B", 1, "field 3 is empty"),
        ("org", 1, "found 1 field"),
    ] as [(String, Int, String)])
    func malformed(_ text: String, _ line: Int, _ reason: String) {
        do {
            _ = try Lexicon(text: text, file: "mine.txt")
            Issue.record("no error for \(text)")
        } catch let error as Lexicon.LoadError {
            guard case .malformedLine(let file, let l, let r) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(file == "mine.txt" && l == line && r.contains(reason))
            #expect(error.description.hasPrefix("mine.txt:\(line): "))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func userFileIsReadAndAdded() throws {
        let path = "/tmp/lexicon-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).txt"
        let text = "# mine\nperson | Ali al-Sistani | Sistani\norg | Tishreen Movement | October Revolution\n"
        let f = try #require(fopen(path, "wb"))
        _ = text.utf8CString.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count - 1, f) }
        fclose(f)
        defer { unlink(path) }
        let mine = try Lexicon(contentsOfFile: path)
        #expect(mine.entries.map(\.canonical) == ["Ali al-Sistani", "Tishreen Movement"])
        #expect(mine.entries[1].line == 3)
        let both = Lexicon.shipped.adding(mine)
        let match = try #require(both.alternatives(for: ["October", "Revolution"]).first)
        #expect(match.alternatives == [["Tishreen", "Movement"]])
    }

    @Test func malformedUserFileNamesFileAndLine() throws {
        let path = "/tmp/lexicon-bad-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).txt"
        let f = try #require(fopen(path, "wb"))
        let text = "person | A | B\norg = Tishreen Movement\n"
        _ = text.utf8CString.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count - 1, f) }
        fclose(f)
        defer { unlink(path) }
        #expect(throws: Lexicon.LoadError.malformedLine(file: path, line: 2, reason: "expected `kind | canonical name | alias …` with at least one alias, found 1 field")) {
            try Lexicon(contentsOfFile: path)
        }
    }

    @Test func missingFile() {
        #expect(throws: Lexicon.LoadError.unreadable(file: "/nonexistent/lexicon.txt")) {
            try Lexicon(contentsOfFile: "/nonexistent/lexicon.txt")
        }
    }
}
