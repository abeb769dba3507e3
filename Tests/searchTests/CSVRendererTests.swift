import Foundation
import Analysis
import Storage
import Indexer
import Testing
@testable import search

/// Reads RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks; rows end with CRLF.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
            } else {
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field); field = ""
        } else if c == "\r" && chars.first == "\n" {
            chars.removeFirst()
            row.append(field); field = ""
            rows.append(row); row = []
        } else {
            field.unicodeScalars.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

struct CSVRendererTests {
    @Test func csvIsRFC4180WithAHeaderAndOneRowPerResult() throws {
        let folder = try JSONSchemaTests.indexedFolder()
        defer { folder.remove() }
        let arguments = ["Soleimani OR Tahrir", "--db", "i.db", "--passages", "2", "--offset", "1"]
        let json = try Run(arguments + ["--format", "json"], in: folder.path).json
        let results = try #require(json["results"] as? [[String: Any]])
        let csv = try Run(arguments + ["--format", "csv"], in: folder.path)
        #expect(csv.status == 0)
        #expect(csv.stdout.hasSuffix("\r\n"))
        let rows = parseCSV(csv.stdout)
        #expect(rows.first == ["rank", "doc", "title", "date", "passage", "score", "snippet"])
        #expect(rows.count == results.count + 1)
        #expect(rows.dropFirst().allSatisfy { $0.count == 7 })
        #expect(rows.dropFirst().first?.first == "2", "ranks continue from --offset")
        for (row, result) in zip(rows.dropFirst(), results) {
            #expect(row[1] == result["doc"] as? String)
            #expect(row[2] == (result["title"] as? String ?? ""))
            #expect(row[3] == (result["date"] as? String ?? ""))
            #expect(row[6] == result["snippet"] as? String, "the snippet survives quoting")
        }
        let withCommas = results.compactMap { $0["snippet"] as? String }.filter { $0.contains(",") }
        #expect(!withCommas.isEmpty)
        for snippet in withCommas {
            #expect(csv.stdout.contains("\"" + snippet.replacingOccurrences(of: "\"", with: "\"\"") + "\"\r\n"), "a field with commas is quoted")
        }
    }

    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("crlf\r\nend", "\"crlf\r\nend\""), ("", ""),
    ])
    func csvFields(value: String, field: String) {
        #expect(CSVRenderer.field(value) == field)
        #expect(parseCSV(CSVRenderer.field(value) + "\r\n") == [[value]])
    }
}
