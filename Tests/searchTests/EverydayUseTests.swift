import Foundation
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

struct EverydayUseTests {
    @Test func indexShowsNoProgressInAPipeAndNothingWhenQuiet() throws {
        let folder = try JSONSchemaTests.indexedFolder()
        defer { folder.remove() }
        let piped = try Run(["index", "corpus", "--db", "fresh.db"], in: folder.path)
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains("\r") && !piped.stderr.contains("\u{1B}["), "no progress line in a pipe")
        #expect(piped.stderr.contains("indexed corpus: 7 files, 10 added, 0 updated, 0 unchanged, 0 removed, 2 failed"), "\(piped.stderr)")
        #expect(piped.stderr.contains("wire-2020-01.jsonl:4: not valid JSON (column 127: unterminated string); line skipped"))
        let quiet = try Run(["index", "corpus", "--db", "quiet.db", "--quiet"], in: folder.path)
        #expect(quiet.status == 0)
        #expect(!quiet.stderr.contains("indexed"), "--quiet prints only errors")
        #expect(quiet.stderr.split(separator: "\n").allSatisfy { $0.contains("jsonl:") }, "\(quiet.stderr)")
    }

    @Test func indexShowsProgressOnATerminal() throws {
        // util-linux's script(1) gives the program a pseudo-terminal.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let folder = try JSONSchemaTests.indexedFolder()
        defer { folder.remove() }
        let command = "'\(Run.binary)' index corpus --db tty.db"
        let run = try Run(["-qec", command, "/dev/null"], in: folder.path, executable: "/usr/bin/script")
        #expect(run.status == 0)
        #expect(run.stdout.contains("\r0/7 files · 0.0/0.0 MB"), "\(run.stdout.debugDescription)")
        #expect(run.stdout.contains("\r\u{1B}[K"), "the line is erased before the summary")
        #expect(run.stdout.contains("indexed corpus: 7 files"))
    }

    @Test func archivesAndPagesAreSearchableAndListed() throws {
        let folder = try JSONSchemaTests.indexedFolder()
        defer { folder.remove() }
        let list = try Run(["-l", "Quds OR Kataeb", "--db", "i.db"], in: folder.path)
        #expect(list.status == 0)
        let docs = list.stdout.split(separator: "\n").map(String.init)
        #expect(docs.contains("html/baghdad-protest-camp.html"))
        #expect(docs.contains("jsonl/wire-2020-01.jsonl#tl-20200103-001"))
        #expect(Set(docs).count == docs.count)
        // Twelve articles in one archive: -l lists every match, not the first ten.
        try folder.write("many.jsonl", (1...12).map { #"{"id": "n\#($0)", "title": "Note \#($0)", "text": "Najaf again."}"# }.joined(separator: "\n"))
        _ = try Run(["index", "many.jsonl", "--db", "many.db"], in: folder.path)
        let all = try Run(["-l", "Najaf", "--db", "many.db"], in: folder.path).stdout.split(separator: "\n")
        #expect(all.count == 12)
        #expect(all.first == "many.jsonl#n1")
        // --limit still caps it.
        let capped = try Run(["-l", "Quds OR Kataeb", "--db", "i.db", "-n", "1"], in: folder.path)
        #expect(capped.stdout == docs[0] + "\n")
        let none = try Run(["-l", "xylophonequartz", "--db", "i.db"], in: folder.path)
        #expect(none.status == 1 && none.stdout.isEmpty)
        // Furniture of the page is not indexed.
        #expect(try Run(["Subscribe OR cookies OR gtag", "--db", "i.db"], in: folder.path).status == 1)
    }

    @Test func countPrintsDocumentsAndPassages() throws {
        let folder = try JSONSchemaTests.indexedFolder()
        defer { folder.remove() }
        let json = try Run(["Tahrir", "--db", "i.db", "--format", "json"], in: folder.path).json
        let total = try #require(json["total"] as? Int)
        let passages = try #require(json["total_passages"] as? Int)
        let text = try Run(["Tahrir", "--db", "i.db", "--count"], in: folder.path)
        #expect(text.status == 0)
        #expect(text.stdout == "\(total) documents, \(passages) passages\n")
        let counted = try Run(["Tahrir", "--db", "i.db", "--count", "--format", "json"], in: folder.path)
        #expect(counted.stdout == #"{"documents":\#(total),"passages":\#(passages),"query":"Tahrir","undated_excluded":0}"# + "\n")
        let zero = try Run(["xylophonequartz", "--db", "i.db", "--count"], in: folder.path)
        #expect(zero.status == 1)
        #expect(zero.stdout == "0 documents, 0 passages\n")
        let both = try Run(["Tahrir", "--db", "i.db", "--count", "-l"], in: folder.path)
        #expect(both.status == 2)
    }

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
        #expect(csv.stdout.contains("\"Thousands of young Iraqis returned to Tahrir Square in Baghdad on Friday, chanting against both Washington and Tehran.\""),
                "a field with commas is quoted")
    }

    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("crlf\r\nend", "\"crlf\r\nend\""), ("", ""),
    ])
    func csvFields(value: String, field: String) {
        #expect(CSVRenderer.field(value) == field)
        #expect(parseCSV(CSVRenderer.field(value) + "\r\n") == [[value]])
    }

    @Test func sortByDateIsNewestFirstWithUndatedLast() throws {
        let folder = try JSONSchemaTests.indexedFolder()
        defer { folder.remove() }
        let run = try Run(["Baghdad OR Tahrir OR Soleimani OR Iraq", "--db", "i.db", "--sort", "date", "--format", "json", "-n", "50"], in: folder.path)
        let results = try #require(run.json["results"] as? [[String: Any]])
        let dates = results.map { $0["date"] as? String }
        let dated = dates.prefix { $0 != nil }.map { $0! }
        #expect(dated.count >= 3)
        #expect(dated == dated.sorted(by: >), "\(dates)")
        #expect(dates.dropFirst(dated.count).allSatisfy { $0 == nil }, "undated last: \(dates)")
        #expect(dates.contains { $0 == nil })
        let relevance = try Run(["Baghdad OR Tahrir OR Soleimani OR Iraq", "--db", "i.db", "--format", "json", "-n", "50"], in: folder.path)
        let byScore = try #require(relevance.json["results"] as? [[String: Any]])
        #expect(Set(byScore.compactMap { $0["doc"] as? String }) == Set(results.compactMap { $0["doc"] as? String }))
    }

    @Test func showPrintsADocumentWithItsMatchesMarked() throws {
        let folder = try JSONSchemaTests.indexedFolder()
        defer { folder.remove() }
        let run = try Run(["show", "html/baghdad-protest-camp.html", "--db", "i.db", "-q", "Tahrir"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "Protest camp in **Tahrir** Square holds out after night of tear gas")
        #expect(lines.contains("date:     2019-11-28 (from front-matter)"))
        #expect(lines.contains("url:      https://tigrisledger.example/iraq/2019/11/28/tahrir-camp-holds-out"))
        #expect(lines.contains { $0.hasPrefix(">[0] BAGHDAD — Demonstrators in **Tahrir** Square") })
        #expect(lines.contains { $0.hasPrefix(" [1] Volunteers") }, "passages without a match are shown unflagged")

        let matching = try Run(["show", "html/baghdad-protest-camp.html", "--db", "i.db", "-q", "Tahrir", "--matching", "--format", "json"], in: folder.path)
        let view = matching.json
        let passages = try #require(view["passages"] as? [[String: Any]])
        #expect(passages.count == view["matching_passages"] as? Int)
        #expect(passages.allSatisfy { !(($0["highlights"] as? [[Int]]) ?? []).isEmpty })
        #expect(view["date_source"] as? String == "front-matter")

        let article = try Run(["show", folder.path + "/corpus/jsonl/wire-2020-01.jsonl#tl-20200105-014", "--db", "i.db"], in: folder.path)
        #expect(article.status == 0)
        #expect(article.stdout.hasPrefix("Iraqi parliament votes to expel foreign troops\n"))
        #expect(article.stdout.contains("doc:      jsonl/wire-2020-01.jsonl#tl-20200105-014"))

        let missing = try Run(["show", "no/such.txt", "--db", "i.db"], in: folder.path)
        #expect(missing.status == 2)
        #expect(missing.stderr == "search: no document no/such.txt in the index (the paths are those search -l prints)\n")
    }

    @Test func statsDescribesTheIndex() throws {
        let folder = try JSONSchemaTests.indexedFolder()
        defer { folder.remove() }
        let text = try Run(["stats", "--db", "i.db"], in: folder.path)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("index:      i.db ("))
        #expect(text.stdout.contains("documents:  10 ("))
        let json = try Run(["stats", "--db", "i.db", "--format", "json"], in: folder.path).json
        #expect(json["documents"] as? Int == 10)
        #expect((json["passages"] as? Int ?? 0) > 10)
        #expect(json["last_day"] as? String == "2020-01-08")
        #expect((json["database_bytes"] as? Int ?? 0) > 4096)
        #expect(json["names"] is [Any])
        let missing = try Run(["stats", "--db", "none.db"], in: folder.path)
        #expect(missing.status == 2)
    }

    @Test(arguments: [[String](), ["query"], ["index"], ["show"], ["stats"], ["analyze"]])
    func everyCommandsHelpHasExamples(command: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try Run(command + ["--help"], in: folder.path)
        #expect(run.status == 0)
        #expect(run.stdout.contains("Examples:"), "\(command)")
        #expect(run.stdout.contains("  search "), "examples are commands to type")
    }

    @Test(arguments: [("bash", "complete -o filenames -F _search search"), ("zsh", "#compdef search"), ("fish", "complete -c 'search'")])
    func completionScripts(shell: String, marker: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try Run(["--generate-completion-script", shell], in: folder.path)
        #expect(run.status == 0)
        #expect(run.stdout.contains(marker))
        for word in ["index", "show", "stats", "files-with-matches", "jsonl-text"] { #expect(run.stdout.contains(word), "\(shell): \(word)") }
    }
}
