import Foundation
import Testing
import TestSupport
@testable import Analysis
@testable import Searcher
@testable import generate_tables

/// The committed generated files are what `swift run generate-tables` makes from Data/ and today's analyzer: a new
/// word, alias, or change to the name folding or the stemmer fails here until the files are regenerated.
struct GeneratedFileTests {
    @Test func everyGeneratedFileIsUpToDate() throws {
        let files = try GeneratedFile.all(root: packageRoot)
        #expect(files.count == 2)
        for file in files {
            let committed = packageFile(file.path)
            // A Boolean, not the texts: a stale table would print 400 KB twice.
            let same = committed == file.text
            #expect(same, "\(file.path) is stale: run swift run generate-tables, then build again")
        }
    }

    @Test func theEmbeddedTableFindsEveryWordAndTheLoanwordsStayNames() throws {
        let words = EnglishWordsTableSource.words(englishWords: packageFile("Data/english-words.txt"),
                                                  properWords: packageFile("Data/english-proper-words.txt"),
                                                  names: packageFile("Data/english-words-names.txt"))
        #expect(words.count > 70000)
        #expect(!words.contains("ayatollah") && !words.contains("sheikh"))
        #expect(words.contains("Sachs") || words.contains("sachs") || words.contains { $0.lowercased() == "sachs" })
        #expect(words.allSatisfy { EnglishWords.contains($0) })
        #expect(EnglishWords.slotBits == EnglishWordsTableSource.slotBits)
    }

    @Test func theShippedLexiconIsTheDataFileAsAnalysedNow() throws {
        let fresh = try Lexicon(text: packageFile("Data/lexicon.txt"), file: "Data/lexicon.txt")
        // Booleans, not the arrays: a stale table would otherwise print the whole lexicon twice.
        let sameEntries = Lexicon.shipped.entries == fresh.entries
        let sameForms = Lexicon.shipped.forms == fresh.forms
        #expect(sameEntries, "run swift run generate-tables")
        #expect(sameForms, "run swift run generate-tables")
    }

    /// Names needing escapes survive the round trip through Swift source.
    @Test func lexiconSourceEscapesQuotesBackslashesAndNonASCII() throws {
        let lexicon = try Lexicon(text: "person | Ali \"Chemical\" al-Majid | a\\b | Qāsim", file: "test")
        let source = LexiconTableSource.source(lexicon)
        #expect(source.contains(#"canonical: "Ali \"Chemical\" al-Majid""#))
        #expect(source.contains(#""a\\b""#))
        #expect(source.contains(#""Q\u{101}sim""#))
    }

    @Test(arguments: [(0, "?"), (1, "@"), (63, "~")] as [(UInt32, Character)])
    func sixBitsAreOnePrintableCharacter(bits: UInt32, character: Character) {
        #expect(EnglishWordsTableSource.encode(bits) == character)
    }
}
