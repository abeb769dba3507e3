import Foundation
import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct EnglishStemmerTests {
    /// The package root, found by walking up from this file to the folder holding `Package.swift`.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    /// Stems `word` through the byte API with the 64-byte buffer the tokenizer guarantees.
    static func stemBytes(_ word: [UInt8]) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max(64, word.count))
        buffer.replaceSubrange(0..<word.count, with: word)
        let count = word.count
        let newCount = buffer.withUnsafeMutableBufferPointer { EnglishStemmer.stem($0.baseAddress!, count: count) }
        return Array(buffer[0..<newCount])
    }

    @Test func agreesWithSnowballOnTheWholeReferenceVocabulary() throws {
        let url = Self.packageRoot.appendingPathComponent("Tests/Fixtures/porter2-reference.tsv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "word\tstem")
        var rows = 0
        var mismatches: [String] = []
        var mismatchCount = 0
        for line in lines.dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            try #require(columns.count == 2, "malformed row: \(line)")
            rows += 1
            let word = String(columns[0])
            let expected = String(columns[1])
            let got = String(decoding: Self.stemBytes(Array(word.utf8)), as: UTF8.self)
            if got != expected {
                mismatchCount += 1
                if mismatches.count < 20 { mismatches.append("\(word) → \(got), expected \(expected)") }
            }
        }
        #expect(rows == 42_649)
        #expect(mismatchCount == 0, "\(mismatchCount) mismatches, first: \(mismatches.joined(separator: "; "))")
    }

    @Test(arguments: [
        ("running", "run"), ("generously", "generous"), ("skies", "sky"), ("news", "news"),
        ("dying", "die"), ("lying", "lie"), ("vying", "vie"), ("consign", "consign"), ("consigned", "consign"),
        ("consignment", "consign"), ("caresses", "caress"), ("cries", "cri"), ("ties", "tie"), ("gas", "gas"),
        ("gaps", "gap"), ("kiwis", "kiwi"), ("hopping", "hop"), ("hoped", "hope"), ("added", "add"),
        ("luxuriated", "luxuri"), ("happy", "happi"), ("saying", "say"), ("yes", "yes"), ("sky", "sky"),
        ("proceed", "proceed"), ("proceedings", "proceed"), ("exceeding", "exceed"), ("agreed", "agre"),
        ("inning", "inning"), ("innings", "inning"), ("evening", "evening"), ("communism", "communism"),
        ("generate", "generat"), ("university", "universiti"), ("universal", "universal"),
        ("pasted", "paste"), ("pasting", "paste"), ("past", "past"), ("geologist", "geolog"),
        ("geology", "geolog"), ("organization", "organiz"), ("emergency", "emergenc"), ("arsenal", "arsenal"),
        ("ugly", "ugli"), ("early", "earli"), ("only", "onli"), ("gently", "gentl"), ("atlas", "atlas"),
        ("dog's", "dog"), ("dogs'", "dog"), ("'tis", "tis"), ("sanctions", "sanction"),
        ("militias", "militia"), ("hezbollah", "hezbollah"), ("negotiations", "negoti"),
        ("internationally", "internat"),
    ])
    func handPickedWords(word: String, stem: String) {
        #expect(EnglishStemmer.stem(word) == stem)
        #expect(Self.stemBytes(Array(word.utf8)) == Array(stem.utf8))
    }

    @Test(arguments: ["", "a", "s", "'", "is", "as", "us", "ys", "''", "'s"])
    func wordsOfAtMostTwoBytesAreUnchanged(word: String) {
        #expect(EnglishStemmer.stem(word) == word)
    }

    @Test func wordsLongerThanTheMaximumAreLeftAlone() {
        let long = String(repeating: "nationalization", count: 5)  // 75 bytes
        #expect(EnglishStemmer.stem(long) == long)
        let atLimit = String(repeating: "a", count: EnglishStemmer.maximumLength - 7) + "nations"
        #expect(EnglishStemmer.stem(atLimit).count < atLimit.count)
    }

    @Test func emptyCountDoesNotTouchTheBuffer() {
        var buffer = [UInt8](repeating: 0xAA, count: 64)
        let n = buffer.withUnsafeMutableBufferPointer { EnglishStemmer.stem($0.baseAddress!, count: 0) }
        #expect(n == 0)
        #expect(buffer.allSatisfy { $0 == 0xAA })
    }

    /// Arbitrary bytes (digits, punctuation, upper case, UTF-8 fragments) must neither crash nor write
    /// outside `buffer[0..<count]`, and the result never grows.
    @Test func arbitraryBytesAreSafe() {
        var rng = SeededGenerator(state: 0x5EED)
        let alphabet: [UInt8] = Array("aeiouyYbcdlnrstgw'0159-".utf8) + [0x00, 0x80, 0xC3, 0xA9, 0xFF]
        for round in 0..<20_000 {
            let count = Int(rng.next() % 67)
            var buffer = [UInt8](repeating: 0xEE, count: 80)
            for i in 0..<count {
                buffer[i] = round.isMultiple(of: 2)
                    ? alphabet[Int(rng.next() % UInt64(alphabet.count))]
                    : UInt8(truncatingIfNeeded: rng.next())
            }
            let n = buffer.withUnsafeMutableBufferPointer { EnglishStemmer.stem($0.baseAddress!, count: count) }
            #expect(n >= 0 && n <= count)
            #expect(buffer[count...].allSatisfy { $0 == 0xEE })
        }
    }

    /// Digits are neither vowels nor letters to drop: a plural `-s` goes only after a real vowel.
    @Test(arguments: [("1990s", "1990s"), ("co2s", "co2"), ("ca11ed", "ca11"), ("b2bs", "b2bs")])
    func digitsCountAsConsonants(word: String, stem: String) {
        #expect(EnglishStemmer.stem(word) == stem)
    }
}

