import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct ByteTextTests {
    @Test(arguments: [("  a b  ", "a b"), ("\u{00A0}\tx\u{00A0}", "x"), ("\u{FEFF}x", "x"), ("   ", ""), ("", "")])
    func trim(text: String, expected: String) {
        #expect(withBytes(text) { ByteText.string($0, ByteText.trim($0, 0..<$0.count)) } == expected)
    }

    @Test(arguments: [("done.", true), ("done.”", true), ("done?)", true), ("wait…", true), ("go on", false), ("\"", false), ("", false)])
    func endsSentence(text: String, expected: Bool) {
        #expect(withBytes(text) { ByteText.endsSentence($0, 0..<$0.count) } == expected)
    }

    @Test(arguments: [("Khamenei’s", 10), ("", 0), ("abc", 3)])
    func charCount(text: String, expected: Int) {
        #expect(withBytes(text) { ByteText.charCount($0, 0..<$0.count) } == expected)
    }

    @Test(arguments: [("— – …", false), ("«»", false), ("١٢", true), ("é", true), ("7", true)])
    func wordCharacters(text: String, expected: Bool) {
        #expect(withBytes(text) { ByteText.hasWordCharacter($0, 0..<$0.count) } == expected)
    }

    @Test(arguments: [("one two  three", 3), (" ", 0), ("a\u{00A0}b", 2)])
    func words(text: String, expected: Int) {
        #expect(withBytes(text) { ByteText.wordCount($0, 0..<$0.count) } == expected)
    }
}
