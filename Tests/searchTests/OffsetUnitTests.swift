import Foundation
import Analysis
import Storage
import Searcher
import Testing
@testable import Rendering
@testable import search

struct OffsetUnitTests {
    /// Byte ranges and the same ranges in code points, over texts with 1- to 4-byte characters.
    @Test(arguments: [
        ("Tahrir Square", [[0, 6], [7, 13]], [[0, 6], [7, 13]]),
        ("Kāẓim al-Muhandis", [[0, 8], [9, 20]], [[0, 5], [6, 17]]),
        ("Baghdad’s airport", [[0, 7], [12, 19]], [[0, 7], [10, 17]]),
        ("🇮🇶 Kata'ib", [[9, 16]], [[3, 10]]),
        ("Qāsim", [[0, 0], [6, 6]], [[0, 0], [5, 5]]),
        ("", [], []),
    ] as [(String, [[Int]], [[Int]])])
    func charsCountCodePoints(_ text: String, _ bytes: [[Int]], _ chars: [[Int]]) {
        #expect(OffsetUnit.chars.convert(bytes, in: text) == chars)
        #expect(OffsetUnit.bytes.convert(bytes, in: text) == bytes)
        // What a script does with them: slicing the code points gives the bytes' text.
        let scalars = Array(text.unicodeScalars)
        for (b, c) in zip(bytes, chars) {
            let byBytes = String(decoding: Array(text.utf8)[b[0]..<b[1]], as: UTF8.self)
            var byChars = ""
            byChars.unicodeScalars.append(contentsOf: scalars[c[0]..<c[1]])
            #expect(byBytes == byChars)
        }
    }

    @Test func jsonOutputCountsCharsWhenAsked() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("docs/a.txt", "Kāẓim al-Muhandis in Baghdad\n\nThe strike on Baghdad’s airport killed Abū Mahdī al-Muhandis.\n")
        #expect(try Run(["index", "docs", "--db", "i.db", "-q"], in: folder.path).status == 0)
        for format in ["json", "jsonl"] {
            let run = try Run(["Mahdi Muhandis", "--db", "i.db", "--format", format, "--offsets", "chars", "--exact"], in: folder.path)
            #expect(run.status == 0, "\(run.stderr)")
            let line = try #require(run.stdout.split(separator: "\n").first)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let result = try #require(format == "json" ? (object["results"] as? [[String: Any]])?.first : object)
            func slices(_ text: String, _ key: String) -> [String] {
                let scalars = Array(text.unicodeScalars)
                return (result[key] as? [[Int]] ?? []).map { r in
                    var s = ""
                    s.unicodeScalars.append(contentsOf: scalars[r[0]..<r[1]])
                    return s
                }
            }
            #expect(slices(result["text"] as? String ?? "", "highlights") == ["Mahdī", "al-Muhandis"])
            #expect(slices(result["snippet"] as? String ?? "", "snippet_highlights") == ["Mahdī", "al-Muhandis"])
            #expect(slices(result["title"] as? String ?? "", "title_highlights") == ["al-Muhandis"])
        }
        let show = try Run(["show", "docs/a.txt", "--db", "i.db", "-q", "Muhandis", "--exact", "--format", "json", "--offsets", "chars"],
                           in: folder.path)
        let view = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let passage = try #require((view["passages"] as? [[String: Any]])?.first)
        let range = try #require((passage["highlights"] as? [[Int]])?.first)
        let scalars = Array((passage["text"] as? String ?? "").unicodeScalars)
        var word = ""
        word.unicodeScalars.append(contentsOf: scalars[range[0]..<range[1]])
        #expect(word == "al-Muhandis")
    }
}
