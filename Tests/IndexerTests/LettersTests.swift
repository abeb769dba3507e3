import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

/// The rules written once in Analysis (`Letters`, `trimming(where:)`) and Storage (`PartialDate.leadingISO`), with
/// the variants their callers name.
struct LettersTests {
    /// Every byte: the names' vowels are a e i o u, Porter2's add y; nothing else (capitals, digits, bytes of other
    /// letters) is a vowel.
    @Test(arguments: [(Letters.isVowel as @Sendable (UInt8) -> Bool, "aeiou"), (Letters.isPorter2Vowel, "aeiouy")])
    func vowelsAreExactlyTheirLetters(isVowel: @Sendable (UInt8) -> Bool, letters: String) {
        let expected = Set(letters.utf8)
        let wrong = (0...255).map(UInt8.init).filter { isVowel($0) != expected.contains($0) }
        #expect(wrong.isEmpty, "\(wrong)")
    }

    /// The name folding and the stemmer ask the shared table.
    @Test func callersUseTheSharedTable() {
        for b in (0...255).map(UInt8.init) { #expect(NameFolding.isVowel(b) == Letters.isVowel(b)) }
    }

    @Test(arguments: [
        (" \tKhamenei\r ", "Khamenei", "Khamenei"), ("\u{A0}Basra\n", "\u{A0}Basra\n", "Basra"), ("\r\n x \r\n", "\r\n x \r\n", "x"),
        ("", "", ""), (" \t ", "", ""), ("a b", "a b", "a b"),
    ])
    func trimsItsSet(text: String, lexicon: String, whitespace: String) {
        // The lexicon's set (space, tab, CR; "\r\n" is one Character, not CR) and the document readers' (any whitespace).
        #expect(text.trimming { $0 == " " || $0 == "\t" || $0 == "\r" } == lexicon)
        #expect(text.trimming(where: \.isWhitespace) == whitespace)
        #expect(text[...].trimmingSpaces() == whitespace)
    }

    /// One reader of a leading ISO date, with the time marks as its parameter: metadata timestamps accept a lower-case
    /// t, `DateExtractor.parseDate` does not.
    @Test(arguments: [
        ("2019-11-28T09:42:00+03:00", "2019-11-28" as String?, "2019-11-28" as String?), ("2019-11-28t09:42", "2019-11-28", nil),
        ("  2019-11 ", "2019-11", "2019-11"), ("2019-12-291", nil, nil), ("2019-13", nil, nil), ("2019-1-5", nil, nil),
        ("201", nil, nil), ("", nil, nil), ("2019-11-28Z", nil, nil), ("2020-02-29 00:00", "2020-02-29", "2020-02-29"),
    ])
    func leadingISOWithEitherMarks(text: String, metadata: String?, extractor: String?) {
        #expect(PartialDate.leadingISO(text)?.iso == metadata)
        #expect(PartialDate.leadingISO(text, timeMarks: [UInt8(ascii: "T"), UInt8(ascii: " ")])?.iso == extractor)
    }
}
