import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct EnglishWordsTests {
    @Test(arguments: ["had", "bidder", "the", "protests", "running", "hashed", "said", "army", "sunny", "made",
                      // English proper nouns that are no names of the domain (Data/english-proper-words.txt).
                      "sachs", "czech", "guinness", "june", "july", "monday", "thursday", "reuters"])
    func english(_ word: String) {
        #expect(EnglishWords.contains(word))
    }

    // Names, and the loanwords of Data/english-words-names.txt, are not English words.
    @Test(arguments: ["hadi", "badr", "soleimani", "iraq", "iran", "khamenei", "ayatollah", "imam", "sheikh", "xyzzy", "abd",
                      // Capitalised dictionary entries that are names of the domain keep their keys.
                      "hussein", "tehran", "baghdad", "muhammad", "khomeini", "qaddafi", "hezbollah"])
    func notEnglish(_ word: String) {
        #expect(!EnglishWords.contains(word))
    }
}
