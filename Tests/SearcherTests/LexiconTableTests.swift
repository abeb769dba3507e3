import Testing
@testable import Analysis
@testable import Searcher

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct LexiconTableTests {
    /// The table compiled in is what `Data/lexicon.txt` and today's analyzer make: a change to either (the name
    /// folding, the stemmer, a new alias) fails here until the table is regenerated.
    @Test func tableIsTheDataFileAsAnalysedNow() throws {
        let fresh = try Lexicon(text: Lexicon.shippedText, file: "Data/lexicon.txt")
        let path = packageRoot + "/Sources/Searcher/Lexicon/LexiconTable.swift"
        if getenv("SEARCH_REGENERATE_LEXICON") != nil, let f = fopen(path, "wb") {
            let text = Array(fresh.tableSource().utf8)
            fwrite(text, 1, text.count, f)
            fclose(f)
        }
        let command = "the lexicon table is stale: run SEARCH_REGENERATE_LEXICON=1 swift test --filter LexiconTableTests, then build again"
        // Booleans, not the arrays: a stale table would otherwise print the whole lexicon twice.
        let sameEntries = Lexicon.shipped.entries == fresh.entries
        let sameForms = Lexicon.shipped.forms == fresh.forms
        let sameSource = packageFile("Sources/Searcher/Lexicon/LexiconTable.swift") == fresh.tableSource()
        #expect(sameEntries, "\(command)")
        #expect(sameForms, "\(command)")
        #expect(sameSource, "\(command)")
    }

    /// Names needing escapes survive the round trip through Swift source.
    @Test func sourceEscapesQuotesBackslashesAndNonASCII() throws {
        let lexicon = try Lexicon(text: "person | Ali \"Chemical\" al-Majid | a\\b | Qāsim", file: "test")
        let source = lexicon.tableSource()
        #expect(source.contains(#"canonical: "Ali \"Chemical\" al-Majid""#))
        #expect(source.contains(#""a\\b""#))
        #expect(source.contains(#""Q\u{101}sim""#))
    }
}
