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

    /// The embedded table is exactly what Data/generate.py makes from the data files.
    @Test func tableMatchesDataFiles() throws {
        let skip = Set(
            packageFile("Data/english-words-names.txt").split(separator: "\n").compactMap { line -> String? in
                let word = line.split(separator: "#", omittingEmptySubsequences: false)[0].filter { $0 != " " }
                return word.isEmpty ? nil : String(word)
            })
        #expect(skip.contains("ayatollah"))
        let proper = packageFile("Data/english-proper-words.txt").split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        let words = (packageFile("Data/english-words.txt").split(separator: "\n").map(String.init) + proper).filter { !skip.contains($0) }
        #expect(words.count > 70000)
        let slots = 1 << EnglishWords.slotBits
        var table = [UInt32](repeating: 0, count: slots)
        for word in words {
            var bytes = Array(word.utf8)
            let h = bytes.withUnsafeMutableBufferPointer { EnglishWords.hash($0.baseAddress!, count: $0.count) }
            var i = Int(h >> UInt64(64 - EnglishWords.slotBits))
            let fp = EnglishWords.fingerprint(h)
            while table[i] != 0, table[i] != fp { i = (i + 1) & (slots - 1) }
            table[i] = fp
        }
        var text: [UInt8] = []
        text.reserveCapacity(slots * 3)
        for v in table {
            for shift in [12, 6, 0] { text.append(0x3F + UInt8((v >> UInt32(shift)) & 63)) }
        }
        let embedded = EnglishWords.table.withUTF8Buffer { Array($0) }
        #expect(embedded == text, "run python3 Data/generate.py")
        var bits = [UInt8](repeating: 0, count: (26 * 26 * 26 + 5) / 6)
        for word in words where word.utf8.count == 3 {
            let b = Array(word.utf8).map { Int($0) - 97 }
            let bit = b[0] * 676 + b[1] * 26 + b[2]
            bits[bit / 6] |= 1 << UInt8(bit % 6)
        }
        #expect(EnglishWords.threeLetters.withUTF8Buffer { Array($0) } == bits.map { $0 + 0x3F })
        // Every word is found.
        #expect(words.allSatisfy { EnglishWords.contains($0) })
    }
}
