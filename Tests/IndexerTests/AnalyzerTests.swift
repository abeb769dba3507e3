import Foundation
import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct AnalyzerTests {
    let analyzer = Analyzer()

    /// The terms a query gives: name keys for names, stems for English words.
    func queryTerms(_ text: String) -> [String] { analyzer.tokens(text, mode: .query).map(\.term) }

    /// Token positions: each the set of terms there (a term and its colocated keys, or a query's alternatives).
    func positions(_ text: String, _ mode: Analyzer.Mode) -> [Set<String>] {
        var result: [Set<String>] = []
        for token in analyzer.tokens(text, mode: mode) {
            if token.colocated, !result.isEmpty { result[result.count - 1].insert(token.term) } else { result.append([token.term]) }
        }
        return result
    }

    /// True when the query matches the document as an FTS5 phrase: at consecutive positions, some alternative of
    /// each query position is a term of the document position.
    func phraseMatches(_ query: String, in document: String) -> Bool {
        let q = positions(query, .query)
        let p = positions(document, .document)
        guard !q.isEmpty, q.count <= p.count else { return false }
        return (0...(p.count - q.count)).contains { start in q.indices.allSatisfy { !p[start + $0].isDisjoint(with: q[$0]) } }
    }

    // The spellings of one name in the five corpus articles, and more: the same query terms.
    @Test(arguments: [
        ["Soleimani", "Suleimani", "Sulaimani", "Soleymani", "Sulaymani"],
        ["Qassem", "Qasem", "Qasim", "Ghasem", "Kassem"],
        ["Qassem Soleimani", "Qasem Suleimani"],
        ["Kata'ib Hezbollah", "Kata’ib Hezbollah", "Kataeb Hezbollah", "Kataib Hizballah", "Kata'ib Hizbullah"],
        ["Asaib al-Haq", "Asaeb al-Haq", "Asa'ib al-Haq", "Asayeb al Haq"],
        ["Asayeb Ahl al-Haq", "Asaeb-Ahl-Haq", "Asa'ib Ahl al-Haq", "Asaib Ahl el-Haq"],
        ["Abdul-Mahdi", "Abdul Mahdi", "Abdul Mehdi", "Abdulmahdi", "Abd al-Mahdi", "Abdel Mahdi", "Abd-al-Mahdi"],
        ["al-Shabi", "al-Shaabi", "al-Sha'abi", "al-Sha’abi", "ash-Shaabi", "Shaabi"],
        ["Mohammed", "Mohammad", "Muhammad", "Mohamed", "Muhammed"],
        ["Abu Mahdi al-Muhandis", "Abu Mahdi al-Mohandes", "Abu Mahdi Muhandes", "Abu Mahdi Mohandes", "Abu Mehdi al-Mohandess"],
        ["Abdullah", "Abdallah", "Abdulla", "Abdoullah"],
        ["Hezbollah", "Hizbullah", "Hizballah", "Hezbolah", "HEZBOLLAH"],
        ["Khamenei", "Khamenei’s", "Khamene'i"],
        ["Husseiniyah", "Husseiniya", "Husseiniyya"],
        ["Ḥasan", "Hasan", "Hassan", "HASAN"],
        ["Ṣaddām", "Saddam"],
        ["Ẓāhir", "Zahir", "Dhahir"],
        ["Şehram", "Shahram"],
        ["Ayatollah", "Ayatullah"],
        ["ʿAli", "Ali", "'Ali"],
        ["Iraqis", "Iraqi"],
        ["Abdoul Wahid", "Abd al-Wahid", "Abdulwahid"],
        ["Mohand", "Mohanad"], ["Fadl", "Fadil"], ["Hossain", "Husajn", "Hüseyn"], ["Yusuf", "Jusuf"],
        ["Aleksandr", "Alekszandr"], ["Nikolaevich", "Nikołajewicz", "Nikolaevič"], ["Farrāǧ", "Farraj"], ["Çelebi", "Chelebi"], ["al-Mahdi", "Almahdi", "Mahdi"],
        ["al-Hassan", "Alhassan"], ["Muxtar", "Mukhtar"], ["Fadhil", "Fadil"], ["Abdulatif", "Abdullatif", "Abdul Latif"],
        ["Abdurahman", "Abdurrahman", "Abdul Rahman"], ["Aleksej", "Aleksei"], ["Buchari", "Bukhari"], ["Michail", "Mikhail"],
        ["Gamal", "Jamal", "Cemal"], ["Ragab", "Rajab"], ["Georgios", "Georgi"], ["Aleksandras", "Aleksandr"],
        ["Zubaydeh", "Zubayda", "Zubaide"], ["Saleh", "Salih"], ["Hamzeh", "Hamza"], ["Khamenei", "Khāminaʼī"],
        ["Abulfazl", "Abolfazl", "Abu al-Fazl"], ["Rahmatullah", "Rahmatoullah"], ["Ruhulloh", "Ruhollah"],
        ["Ahmet", "Ahmed"], ["Petrović", "Petrovich", "Petrowitsch"], ["Salah ad-Din", "Salaheddine", "Salah al-Din", "Ṣalāḥ ud-Dīn"], ["Saifuddin", "Saif al-Din", "Saif al Din"], ["Mohammadreza", "Mohammad Reza", "Mohammad-Reza"], ["Aliakbar", "Ali Akbar"], ["Amirhossein", "Amir Hossein"], ["Nureddin", "Noureddine", "Nur ad-Din"], ["Nikolajewitsch", "Nikolaevich"], ["Recep", "Rajab"], ["Hacene", "Hassan"], ["Nacer", "Naser"], ["Aloui", "Alwi"],
        ["Abdelouahed", "Abdelwahed"], ["Taufik", "Tawfik"], ["Hocine", "Hussein"], ["Abderrahmane", "Abdul Rahman"],
    ] as [[String]])
    func spellingsMatch(_ spellings: [String]) {
        for a in spellings {
            for b in spellings where a != b {
                #expect(phraseMatches(a, in: b), "\(a) → \(positions(a, .query)) does not find \(b) → \(positions(b, .document))")
            }
        }
    }

    // Names and words that must stay apart.
    @Test(arguments: [
        ("Khomeini", "Khamenei"), ("Iraq", "Iran"), ("Hadi", "had"), ("Hadi", "Huda"), ("Badr", "bidder"),
        ("Iraqi", "Iranian"), ("Hassan", "Hussein"), ("Mahdi", "made"), ("Sadr", "cedar"), ("Qasem", "chasm"),
        ("Hamas", "hams"), ("Amiri", "army"), ("Shia", "she"), ("Ali", "all"),
        ("Osama", "Asma"), ("Hashd", "hashed"), ("Najaf", "Nasaf"), ("Basra", "Busra"), ("Mosul", "missile"), ("Saud", "Said"), ("Saud", "Sayyid"), ("Younis", "June"), ("Younes", "Jones"), ("Khalil", "Hillel"), ("Arash", "Irish"), ("Alanus", "Illinois"),
        ("Hatem", "Khatami"), ("Amin", "Amina"), ("Alvaro", "Varo"), ("Alexander", "Xander"),
        ("Zubaida", "Zubaidi"), ("Talha", "Talhi"), ("Hani", "Hania"), ("Jamal", "Kamal"), ("Abbas", "Abba"),
        // Issue 13, from real news: English proper nouns and acronyms that met names through a key, and -allah
        // compounds that met the word Allah.
        ("Sheikh", "Sachs"), ("Sheikh", "Czech"), ("Shiite", "SETT"), ("Shiite", "CIT"), ("Guinness", "June"),
        ("Guinness", "July"), ("Guinness", "Monday"), ("Allah", "Abdullah"), ("Allah", "Hezbollah"), ("Allah", "Mozilla"),
        ("Allah", "Godzilla"), ("Allah", "Nasrallah"), ("Allah", "Ramallah"), ("Hezbollah", "Abdullah"),
    ] as [(String, String)])
    func staysApart(_ a: String, _ b: String) {
        #expect(!phraseMatches(a, in: b), "\(a) finds \(b)")
        #expect(!phraseMatches(b, in: a), "\(b) finds \(a)")
    }

    // Phrases match across spellings in the real corpus articles.
    @Test(arguments: [
        ("000", "Abu Mahdi al-Muhandis"), ("003", "Abu Mahdi al-Muhandis"), ("003", "Abu Mehdi Mohandes"),
        ("000", "Qasem Suleimani"), ("003", "Qasem Soleimani"), ("002", "Kataeb Hizballah"), ("001", "Kataib Hezbollah"),
        ("003", "Kata'ib Hezbollah"), ("001", "Asa'ib al-Haq"), ("003", "Asa'ib Ahl al-Haq"), ("004", "Adil Abd al-Mahdi"),
        ("003", "Abdulmahdi"), ("003", "Hashed al-Shaabi"), ("000", "Muhammad"), ("003", "Muhammad"), ("000", "Khamenei"),
    ] as [(String, String)])
    func corpusPhrase(_ prefix: String, _ query: String) throws {
        let names = ["000_601c25b13da8ffc6", "001_9a3819d3190d61ef", "002_3f5214270b71f301", "003_9aeccf3a8347b6ab",
            "004_935e62f9ed8833da"]
        let name = try #require(names.first { $0.hasPrefix(prefix) })
        let text = packageFile("corpus/\(name).txt")
        #expect(text.count > 1000)
        #expect(phraseMatches(query, in: text), "\(query) not found in \(name)")
    }

    @Test(arguments: [
        ("Khomeini", "Qassem Soleimani"), ("Iran", "protests in Iraq"), ("Hadi", "he had gone"),
        ("Badr", "the highest bidder"), ("Abu Mahdi al-Muhandis", "Abu Mahdi and Muhandis"), ("Salah ad-Din", "Salah made a din"),
    ] as [(String, String)])
    func phraseDoesNotMatch(_ query: String, _ document: String) {
        #expect(!phraseMatches(query, in: document))
    }

    // Byte ranges point at the words as written.
    @Test(arguments: [
        ("Kata’ib Hezbollah", [("kataib", "Kata’ib"), ("hezbollah", "Hezbollah")]),
        ("the al-Muhandis case", [("the", "the"), ("muhandis", "al-Muhandis"), ("case", "case")]),
        ("Ḥasan’s car", [("hasan", "Ḥasan"), ("car", "car")]),
        ("Abdulmahdi", [("abdul", "Abdul"), ("mahdi", "mahdi")]),
        ("ʿAbd al-Wāḥid", [("abd", "ʿAbd"), ("wahid", "al-Wāḥid")]),
        ("Straße 12-B", [("strasse", "Straße"), ("12", "12"), ("b", "B")]),
        ("Al Jazeera, Al Gore", [("jazeera", "Jazeera"), ("al", "Al"), ("gore", "Gore")]),
        ("Тегеран Iran", [("тегеран", "Тегеран"), ("iran", "Iran")]),
        ("as-Sadr at-risk US-Saudi", [("sadr", "as-Sadr"), ("at", "at"), ("risk", "risk"), ("us", "US"), ("saudi", "Saudi")]),
    ] as [(String, [(String, String)])])
    func rangesCoverWordsAsWritten(_ text: String, _ expected: [(String, String)]) {
        let utf8 = Array(text.utf8)
        let terms = analyzer.tokens(text, mode: .queryExact)
        #expect(terms.map(\.term) == expected.map(\.0))
        for (token, (_, written)) in zip(terms, expected) {
            #expect(String(decoding: utf8[token.start..<token.end], as: UTF8.self) == written, "\(token)")
        }
        // The document's keys sit at the same range as their term.
        let doc = analyzer.tokens(text, mode: .document)
        for (k, token) in doc.enumerated() where token.colocated {
            #expect(k > 0 && doc[k - 1].start == token.start && doc[k - 1].end == token.end)
        }
    }

    // What each mode emits.
    @Test(arguments: [
        (Analyzer.Mode.document, "Suleimani protests", ["suleimani", "+#sulemeni", "+##sulmni", "protests"]),
        (.query, "Suleimani protests", ["#sulemeni", "+##sulmni", "+#sulemene", "+##sulmne", "+suleimani", "protests"]),
        (.queryExact, "Suleimani protests", ["suleimani", "protests"]),
        (.prefix, "Suleim", ["suleim"]),
        (.prefix, "Protest", ["protest"]),
        (.document, "The 2019 F-16", ["the", "2019", "f", "16"]),
        (.query, "had Hadi", ["had", "#hadi", "+#hade", "+#hedi", "+#hede", "+hadi"]),
        (.document, "Mehdi", ["mehdi", "+#mehdi", "+##mehdi"]),
        (.query, "Mehdi", ["#mahdi", "+##mahdi", "+#mahde", "+##mahde", "+#mihdi", "+##mihdi", "+#mihde", "+##mihde", "+#mehdi", "+##mehdi", "+#mehde", "+##mehde", "+mehdi"]),
        (.document, "Ali", ["ali", "+#ali"]),
        (.query, "Almahdi", ["#almehdi", "+##almhdi", "+#almehde", "+##almhde", "+#elmehdi", "+##elmhdi", "+#elmehde", "+##elmhde", "+#mahdi", "+##mahdi", "+#mahde", "+##mahde", "+#mehdi", "+##mehdi", "+#mehde", "+##mehde", "+almahdi"]),
        // Only a capitalised name gets keys in a document; the query's spelling finds it written in lower case.
        (.document, "hezbollah Hezbollah", ["hezbollah", "hezbollah", "+#hezbela", "+##hezbla"]),
        (.document, "ftrace ʿAli Ḥasan", ["ftrace", "ali", "+#ali", "hasan", "+#hasen", "+##hasn"]),
    ] as [(Analyzer.Mode, String, [String])])
    func modes(_ mode: Analyzer.Mode, _ text: String, _ expected: [String]) {
        let stemmed = expected.map { $0 == "protests" ? EnglishStemmer.stem("protests") : $0 }
        let got = analyzer.tokens(text, mode: mode).map { ($0.colocated ? "+" : "") + $0.term }
        #expect(got == stemmed)
    }

    // Words that are not names get no name key in a document: months, weekdays, English proper nouns of the
    // dictionary (Data/english-proper-words.txt), acronyms; names of the domain and names in capitals keep theirs.
    @Test(arguments: [
        ("June", false), ("Monday", false), ("Thursday", false), ("Sachs", false), ("Czech", false), ("Guinness", false),
        ("Mozilla", false), ("SETT", false), ("CIT", false), ("PMOI", false), ("Hussein", true), ("Tehran", true),
        ("Qaddafi", true), ("Khadafy", true), ("ALI", true), ("HASAN", true), ("Hezbollah", true), ("Shiite", true),
    ] as [(String, Bool)])
    func namesGetKeysOtherWordsDoNot(_ word: String, _ keyed: Bool) {
        #expect(analyzer.tokens(word, mode: .document).contains(where: \.colocated) == keyed, "\(word)")
        #expect(analyzer.isName(word) == keyed)
    }

    // A compound in -allah is one word with one range, so a highlight covers all of it.
    @Test(arguments: ["Hezbollah", "Abdullah", "Nasrallah", "Ramallah", "Hizbullah", "Rahmatoullah"])
    func allahCompoundIsOneWord(_ word: String) {
        let tokens = analyzer.tokens(word, mode: .document).filter { !$0.colocated }
        #expect(tokens.count == 1)
        #expect(tokens.first.map { $0.start == 0 && $0.end == word.utf8.count } ?? false)
    }

    @Test func englishWordsAreStemmed() {
        let got = analyzer.tokens("protesters running", mode: .document).map(\.term)
        #expect(got == [EnglishStemmer.stem("protesters"), EnglishStemmer.stem("running")])
    }

    @Test func plainAnalyzerHasNoKeys() {
        let plain = Analyzer(nameKeys: false)
        #expect(plain.tokens("Qassem al-Soleimani", mode: .document).map(\.term) == ["qassem", "al", "soleimani"])
    }

    @Test func isName() {
        #expect(analyzer.isName("Soleimani"))
        #expect(!analyzer.isName("bidder"))
        #expect(!analyzer.isName("al"))
    }

    // Invalid UTF-8 and odd input: no crash, ranges inside the text and in order.
    @Test(arguments: [
        [0xFF, 0xFE, 0x41, 0x80, 0x42], [0xC3], [0xE2, 0x80], [0x61, 0xE2, 0x80, 0x99], [0xF0, 0x9F, 0x98],
        [0xED, 0xA0, 0x80, 0x61], [0x27, 0x27, 0x73], [0xCA, 0xBF], [0xCA, 0xBF, 0x61], [0x2D, 0x2D, 0x61, 0x6C, 0x2D],
        [0x61, 0x6C, 0x2D], [0x61, 0x6C], [0xCC, 0x81, 0x61], [0x61, 0x27, 0x73, 0x27],
    ] as [[UInt8]])
    func oddBytes(_ bytes: [UInt8]) {
        for mode in [Analyzer.Mode.document, .query, .queryExact, .prefix] {
            var last = 0
            bytes.withUnsafeBufferPointer { buffer in
                analyzer.tokenize(buffer, mode: mode) { term, start, end, _ in
                    #expect(term.count > 0)
                    #expect(start >= 0 && start < end && end <= bytes.count)
                    #expect(start >= last || true)
                    last = start
                }
            }
        }
    }

    @Test func randomBytesNeverCrash() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<64 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let r = UInt8(truncatingIfNeeded: state >> 56)
                // Mostly letters, apostrophes, hyphens and UTF-8 lead bytes.
                let choices: [UInt8] = [r, 0x61 &+ r % 26, 0x27, 0x2D, 0x20, 0xC3, 0xE2, 0x80]
                bytes.append(choices[Int(r % 8)])
            }
            var count = 0
            bytes.withUnsafeBufferPointer { buffer in
                analyzer.tokenize(buffer, mode: .document) { term, start, end, _ in
                    count += 1
                    #expect(term.count > 0 && term.count <= NameFolding.maxKeyLength + 1)
                    #expect(start >= 0 && start < end && end <= bytes.count)
                }
            }
            #expect(count >= 0)
        }
    }

    /// `.offsets` must put every word where `.document` does, or highlights land on the wrong words. The five corpus
    /// articles hold every kind of word the analyzer treats specially (articles, glued names, possessives, marks).
    @Test(arguments: ["000", "001", "002", "003", "004"])
    func offsetsModeHasTheDocumentsPositionsAndRanges(article: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/corpus")
        let name = try #require(names.first { $0.hasPrefix(article + "_") })
        let text = packageFile("corpus/" + name) + " al-Haq as-Sadr Almahdi Hezbollah's ʿAli Abdulatif PMU"
        let plain = { (mode: Analyzer.Mode) in
            analyzer.tokens(text, mode: mode).filter { !$0.colocated }.map { [$0.start, $0.end] }
        }
        let document = plain(.document)
        #expect(document.count > 300)
        #expect(plain(.offsets) == document)
        #expect(analyzer.tokens(text, mode: .offsets).allSatisfy { !$0.colocated })
    }

    @Test func longWordsAreCut() {
        let long = String(repeating: "é", count: 100) + " " + String(repeating: "x", count: 500) + " Тегеран"
        let tokens = analyzer.tokens(long, mode: .document)
        #expect(tokens.map(\.term) == [String(repeating: "e", count: 64), String(repeating: "x", count: 64), "тегеран"])
        #expect(tokens[0].start == 0 && tokens[0].end == 200)
        #expect(tokens[1].end == 701)
    }

    @Test func emptyText() {
        #expect(analyzer.tokens("", mode: .document).isEmpty)
        #expect(analyzer.tokens(" — ‘’ -- ", mode: .document).isEmpty)
    }

    @Test func emitErrorsPropagate() {
        struct Stop: Error {}
        var bytes = Array("Soleimani and Qasem".utf8)
        var seen = 0
        #expect(throws: Stop.self) {
            try bytes.withUnsafeMutableBufferPointer { b in
                try analyzer.tokenize(UnsafeBufferPointer(b), mode: .document) { _, _, _, _ in
                    seen += 1
                    if seen == 2 { throw Stop() }
                }
            }
        }
        #expect(seen == 2)
    }
}

struct AcronymTests {
    @Test(arguments: [
        ("PMU", true), ("PMOI", true), ("IRGC", true), ("MEK", true), ("NCRI", true), ("PMF", true),
        ("SALIM", false), ("ALI", false), ("HADI", false), ("Pmoi", false), ("IRAQI", false), ("P", false),
    ])
    func capitalsAreAcronymsOnlyWhenTheyLookLikeOne(word: String, acronym: Bool) {
        var copy = word
        let result = copy.withUTF8 { Analyzer.isAcronym($0.baseAddress!, 0, $0.count) }
        #expect(result == acronym, "\(word)")
    }

    @Test func anAcronymInAQueryIsLookedUpAsWritten() {
        // PMU and PMOI share a name key; as acronyms in a query they must not find each other.
        let analyzer = Analyzer()
        #expect(analyzer.tokens("PMU", mode: .query).map(\.term) == ["pmu"])
        #expect(analyzer.tokens("PMOI", mode: .document).map(\.term) != analyzer.tokens("PMU", mode: .query).map(\.term))
        #expect(analyzer.tokens("SALIM", mode: .query).contains { $0.term.hasPrefix("#") }, "a name in capitals keeps its variants")
    }
}
