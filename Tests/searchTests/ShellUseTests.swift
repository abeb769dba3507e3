import Foundation
import Analysis
import Storage
import Indexer
import Testing
@testable import search

/// Everyday shell use through the real binary: paths that open, options and exit codes, what the walk reads, the
/// index found from a subfolder, text output, help, manual page, completions and the timeline.
struct ShellUseTests {
    /// Two indexed folders that both hold `same.txt`, and a subfolder to run from.
    static func twoFolders() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("news/a/same.txt", "Najaf in spring\n\nProtesters gathered in Najaf on Friday.\n")
        try folder.write("news/b/same.txt", "Najaf in autumn\n\nNajaf again, and Karbala.\n")
        try folder.write("news/b/deep/other.txt", "Basra\n\nNajaf is mentioned once here.\n")
        try FileManager.default.createDirectory(atPath: folder.path + "/elsewhere", withIntermediateDirectories: true)
        let run = try Run(["index", "news/a", "news/b", "--db", "i.db", "-q"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        return folder
    }

    // MARK: 1. paths a shell can open

    @Test func pathsAreUsableFromTheCurrentFolderOnePerDocument() throws {
        let folder = try ShellUseTests.twoFolders()
        defer { folder.remove() }
        let here = try Run(["-l", "Najaf", "--db", "i.db"], in: folder.path)
        #expect(here.status == 0)
        #expect(Set(here.stdout.split(separator: "\n")) == ["news/a/same.txt", "news/b/same.txt", "news/b/deep/other.txt"])
        for line in here.stdout.split(separator: "\n") {
            #expect(FileManager.default.fileExists(atPath: folder.path + "/" + line), "\(line) opens from the folder")
        }
        // From inside one folder: its files relative, the other folder's absolute.
        let inside = try Run(["-l", "Najaf", "--db", "../../i.db"], in: folder.path + "/news/a")
        #expect(Set(inside.stdout.split(separator: "\n")) == ["same.txt", "\(folder.path)/news/b/same.txt", "\(folder.path)/news/b/deep/other.txt"])
        let outside = try Run(["-l", "Najaf", "--db", "../i.db"], in: folder.path + "/elsewhere")
        #expect(outside.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix(folder.path + "/news/") }, "\(outside.stdout)")
        // Text output names the same paths, and counts two documents called same.txt as two.
        let text = try Run(["Najaf", "--db", "i.db"], in: folder.path)
        #expect(text.stdout.contains(" · news/a/same.txt · ") && text.stdout.contains(" · news/b/same.txt · "), "\(text.stdout)")
        #expect(text.stdout.hasSuffix("3 documents matched; showing 1–3\n"), "\(text.stdout)")
        // -0: NUL-ended, nothing else.
        let null = try Run(["-l", "Najaf", "--db", "i.db", "-0"], in: folder.path)
        #expect(null.stdout.split(separator: "\0").map(String.init).sorted() == ["news/a/same.txt", "news/b/deep/other.txt", "news/b/same.txt"])
        #expect(null.stdout.hasSuffix("\0") && !null.stdout.contains("\n"))
        let long = try Run(["-l", "Najaf", "--db", "i.db", "--null"], in: folder.path)
        #expect(long.stdout == null.stdout)
    }

    @Test(arguments: ["json", "jsonl"])
    func listingAsJSON(format: String) throws {
        let folder = try ShellUseTests.twoFolders()
        defer { folder.remove() }
        let run = try Run(["-l", "Najaf", "--db", "i.db", "--format", format], in: folder.path)
        #expect(run.status == 0)
        let objects: [[String: Any]]
        if format == "json" {
            #expect(run.json["total"] as? Int == 3)
            #expect(run.json["query"] as? String == "Najaf")
            objects = run.json["documents"] as? [[String: Any]] ?? []
        } else {
            objects = run.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
        #expect(objects.count == 3)
        for object in objects {
            let file = try #require(object["file"] as? String)
            #expect(object["path"] as? String == folder.path + "/" + file)
            #expect(object["doc"] as? String == (file as NSString).lastPathComponent || (object["doc"] as? String)?.hasPrefix("deep/") == true)
            #expect(object.keys.contains("title") && object.keys.contains("date"))
        }
    }

    /// `-l` and `timeline` JSON follow docs/search-listing.schema.json.
    @Test func listingAndTimelineJSONFollowTheirSchema() throws {
        let text = try String(contentsOfFile: packageRoot + "/docs/search-listing.schema.json", encoding: .utf8)
        let validator = SchemaValidator(root: try JSONValue.parse(text))
        let folder = try JSONSchemaTests.indexedFolder()
        defer { folder.remove() }
        let listing = try Run(["-l", "Soleimani OR Tahrir", "--db", "i.db", "--format", "json"], in: folder.path)
        let listingErrors = validator.errors(try JSONValue.parse(listing.stdout))
        #expect(listingErrors.isEmpty, "\(listingErrors)")
        let lines = try Run(["-l", "Soleimani OR Tahrir", "--db", "i.db", "--format", "jsonl"], in: folder.path).stdout.split(separator: "\n")
        #expect(lines.count >= 3)
        for line in lines {
            let errors = validator.errors(try JSONValue.parse(String(line)), at: "#/$defs/listed")
            #expect(errors.isEmpty, "\(line): \(errors)")
        }
        for by in ["year", "month", "week", "day"] {
            let run = try Run(["timeline", "Soleimani OR Tahrir", "--db", "i.db", "--by", by, "--format", "json"], in: folder.path)
            let errors = validator.errors(try JSONValue.parse(run.stdout), at: "#/$defs/timeline")
            #expect(errors.isEmpty, "\(by): \(errors)")
        }
    }

    // MARK: 2. options and exit codes

    @Test(arguments: [
        (["-dash"], Int32(2), "'-dash' is not an option"),
        (["-Lebanon", "Iraq"], 2, "'-Lebanon' is not an option; a query word starting with - leaves that word out"),
        (["Najaf", "--since", "2020", "--until", "2019"], 2, "--since 2020 is after --until 2019"),
        (["Najaf", "--mentions-since", "2020-02", "--mentions-until", "2020-01-31"], 2, "--mentions-since 2020-02 is after --mentions-until 2020-01-31"),
        (["-l", "Najaf", "--format", "csv"], 2, "-l prints text, json or jsonl"),
        (["Najaf", "-0"], 2, "--null goes with -l"),
        (["xylophonequartz"], 1, "search: no matches for xylophonequartz"),
        (["-l", "xylophonequartz"], 1, ""),
        (["-l", "Najaf", "--limit", "0"], 0, ""),
        (["Najaf", "-n1"], 0, ""),
        (["-ln1", "Najaf"], 0, ""),
        (["--", "Najaf", "-Karbala"], 0, ""),
    ])
    func optionsAndExitCodes(arguments: [String], status: Int32, message: String) throws {
        let folder = try ShellUseTests.twoFolders()
        defer { folder.remove() }
        let run = try Run(["--db", "i.db"] + arguments, in: folder.path)
        #expect(run.status == status, "\(arguments): \(run.stderr)")
        if status == 2 { #expect(run.stderr.split(separator: "\n").count == 1, "one line: \(run.stderr)") }
        if !message.isEmpty { #expect(run.stderr.contains(message), "\(run.stderr)") }
        if status != 0 { #expect(run.stdout.isEmpty, "nothing on stdout: \(run.stdout)") }
        if arguments.first == "-dash" { #expect(!run.stdout.contains("USAGE")) }
        if arguments == ["Najaf", "-n1"] || arguments == ["-ln1", "Najaf"] {
            #expect(run.stdout.split(separator: "\n").filter { $0.hasPrefix("1. ") || $0.hasPrefix("2. ") || $0.hasPrefix("news/") }.count == 1, "\(run.stdout)")
        }
        if arguments.first == "--" { #expect(run.stdout.contains("news/a/same.txt") && !run.stdout.contains("news/b/same.txt"), "\(run.stdout)") }
    }

    @Test func checkSpeaksSnakeCaseJSONAndKeepsTheOldFlag() throws {
        let folder = try ShellUseTests.twoFolders()
        defer { folder.remove() }
        let json = try Run(["check", "--db", "i.db", "--format", "json"], in: folder.path)
        #expect(json.status == 0)
        #expect(json.json["schema_version"] as? Int == Schema.version)
        #expect(!json.stdout.contains("schemaVersion"))
        let old = try Run(["check", "--db", "i.db", "--json"], in: folder.path)
        #expect(old.stdout == json.stdout)
        let help = try Run(["check", "--help"], in: folder.path)
        #expect(help.stdout.contains("--format") && !help.stdout.contains("--json"), "the old flag is hidden")
    }

    @Test func indexExitsOneWhenFilesFailed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("news/good.txt", "Good\n\nNajaf.\n")
        #expect(try Run(["index", "news", "--db", "ok.db", "-q"], in: folder.path).status == 0)
        try folder.write("news/empty.txt", "")
        let failed = try Run(["index", "news", "--db", "failed.db"], in: folder.path)
        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(failed.stderr.contains("empty.txt: empty file"))
        #expect(failed.stderr.contains("1 added") && failed.stderr.contains("1 failed"))
        #expect(try Run(["Najaf", "--db", "failed.db"], in: folder.path).status == 0, "the rest is indexed")
    }

    /// Colour as ripgrep decides: only on a terminal, not with NO_COLOR, not for TERM=dumb.
    @Test(arguments: [("xterm-256color", [String: String](), true), ("dumb", [:], false), ("xterm", ["NO_COLOR": "1"], false)])
    func colourOnATerminal(term: String, environment: [String: String], coloured: Bool) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let folder = try ShellUseTests.twoFolders()
        defer { folder.remove() }
        var env = environment
        env["TERM"] = term
        let command = "'\(Run.binary)' Najaf --db i.db"
        let run = try Run(["-qec", command, "/dev/null"], in: folder.path, environment: env, executable: "/usr/bin/script")
        #expect(run.stdout.contains("Najaf"))
        #expect(run.stdout.contains("\u{1B}[1;33m") == coloured, "\(term) \(environment): \(run.stdout.debugDescription)")
    }

    /// Text from documents never reaches the terminal with its control characters: titles, paths, passages.
    @Test func controlCharactersFromDocumentsAreEscaped() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let osc52 = "\u{1B}]52;c;SGVsbG8=\u{07}"
        try folder.write("news/wire.jsonl", #"{"id": "1", "title": "Najaf\u001b]52;c;SGVsbG8=\u0007 line one\nline two", "text": "Najaf \u001b[2J cleared \u001b]52;c;SGVsbG8=\u0007 the clipboard."}"# + "\n")
        try folder.write("news/bad\u{1B}[31mname.txt", "Najaf title\n\nNajaf in \u{1B}[5mblinking\u{1B}[0m text.\n")
        #expect(try Run(["index", "news", "--db", "i.db", "-q"], in: folder.path).status == 0)
        for arguments in [["Najaf", "--color", "never"], ["-l", "Najaf"], ["show", "news/wire.jsonl#1", "-q", "Najaf", "--color", "never"],
                          ["timeline", "Najaf"], ["stats"]] {
            let run = try Run(arguments + ["--db", "i.db"], in: folder.path)
            #expect(!run.stdout.contains("\u{1B}") && !run.stdout.contains("\u{07}"), "\(arguments): \(run.stdout.debugDescription)")
            #expect(!run.stderr.contains("\u{1B}"), "\(arguments): \(run.stderr.debugDescription)")
        }
        let text = try Run(["Najaf", "--db", "i.db", "--color", "never"], in: folder.path).stdout
        #expect(text.contains("\\x1b]52;c;SGVsbG8=\\x07"), "visible, not obeyed: \(text)")
        #expect(text.contains("line one line two"), "a title's newline does not break the layout: \(text)")
        #expect(text.contains("news/bad\\x1b[31mname.txt"))
        // With colour, the only escape sequences are the marks.
        let coloured = try Run(["Najaf", "--db", "i.db", "--color", "always"], in: folder.path).stdout
        #expect(!coloured.contains(osc52) && !coloured.contains("\u{1B}]") && !coloured.contains("\u{1B}[2J"))
        // JSON keeps the text as it is (escaped by JSON itself).
        let json = try Run(["Najaf", "--db", "i.db", "--format", "json"], in: folder.path)
        #expect(json.stdout.contains("\\u001b]52;c;SGVsbG8=\\u0007"))
        // -0 gives the name's real bytes, for xargs -0.
        let null = try Run(["-l", "Najaf", "--db", "i.db", "-0"], in: folder.path)
        #expect(null.stdout.split(separator: "\0").contains("news/bad\u{1B}[31mname.txt"))
    }

    // MARK: 3. what the walk reads

    static func walkFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("root/a.txt", "Najaf one\n\nNajaf text.\n")
        try folder.write("root/sub/b.md", "Najaf two\n\nNajaf text.\n")
        try folder.write("root/node_modules/m.txt", "Najaf module\n\nNajaf text.\n")
        try folder.write("root/drafts/d.txt", "Najaf draft\n\nNajaf text.\n")
        try folder.write("root/build/out.txt", "Najaf built\n\nNajaf text.\n")
        try folder.write("root/keep.bak", "Najaf backup\n")
        try folder.write("root/mail/1.eml", "Subject: Najaf mail\n\nNajaf text.\n")
        try folder.write("root/.ignore", "node_modules/\n")
        try folder.write("root/.searchignore", "# drafts are not articles\ndrafts/\n")
        try folder.write("root/.gitignore", "/build\n")
        try folder.write("outside/s.txt", "Najaf secret\n\nNajaf outside.\n")
        try folder.write("root/blob", bytes: [0x4E, 0x61, 0x6A, 0x61, 0x66, 0x00, 0x01])
        try FileManager.default.createDirectory(atPath: folder.path + "/root/20news", withIntermediateDirectories: true)
        for name in ["75885", "76333", "76352"] {
            try FileManager.default.copyItem(atPath: packageRoot + "/Tests/Fixtures/20news/" + name, toPath: folder.path + "/root/20news/" + name)
        }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/root/out.txt", withDestinationPath: "../outside/s.txt")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/root/outdir", withDestinationPath: "../outside")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/root/alias.txt", withDestinationPath: "a.txt")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/rootlink", withDestinationPath: "root")
        let bad = folder.path + "/root/caf\u{E9}.txt"
        var name = Array(bad.utf8.dropLast("\u{E9}.txt".utf8.count)) + [0xE9] + Array(".txt".utf8)
        name.append(0)
        let fd = name.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        if fd >= 0 { _ = write(fd, "Najaf latin\n", 12); close(fd) }
        return folder
    }

    static func listed(_ folder: TemporaryFolder, _ db: String) throws -> Set<String> {
        Set(try Run(["-l", "Najaf OR Lebanon OR Israel OR kidding", "--db", db], in: folder.path).stdout.split(separator: "\n").map(String.init))
    }

    @Test(arguments: [
        // (index options, documents found, phrases the summary holds)
        ([String](), ["root/a.txt", "root/sub/b.md", "root/20news/75885", "root/20news/76333", "root/20news/76352"],
         ["3 ignored by .gitignore/.ignore/.searchignore", "2 symbolic links out of the folder (see --follow)", "1 already found through another link",
          "1 without an extension and not text", "2 other files skipped"]),
        (["--no-ignore"], ["root/a.txt", "root/sub/b.md", "root/build/out.txt", "root/node_modules/m.txt", "root/drafts/d.txt",
                           "root/20news/75885", "root/20news/76333", "root/20news/76352"], []),
        (["--follow"], ["root/a.txt", "root/sub/b.md", "root/out.txt", "root/20news/75885", "root/20news/76333",
                        "root/20news/76352"], []),
        (["-g", "*.md"], ["root/sub/b.md"], ["left out by --glob/--type"]),
        (["-g", "!20news/", "-g", "!*.md"], ["root/a.txt"], []),
        (["--glob", "*.bak"], ["root/keep.bak"], []),
        (["-t", "none"], ["root/20news/75885", "root/20news/76333", "root/20news/76352"], []),
        (["-t", "eml", "-t", "md"], ["root/mail/1.eml", "root/sub/b.md"], []),
        (["-T", "txt", "-T", "none"], ["root/sub/b.md"], []),
    ])
    func theWalkChoosesFilesAsRipgrepDoes(options: [String], expected: [String], summary: [String]) throws {
        let folder = try ShellUseTests.walkFolder()
        defer { folder.remove() }
        // A git work tree, so that .gitignore applies (hidden: never indexed itself).
        try FileManager.default.createDirectory(atPath: folder.path + "/root/.git", withIntermediateDirectories: true)
        let run = try Run(["index", "root", "--db", "i.db"] + options, in: folder.path)
        #expect(run.status == 1, "the file name that is not UTF-8 failed: \(run.stderr)")
        #expect(run.stderr.contains("root/caf\\xe9.txt: file name is not valid UTF-8"), "\(run.stderr)")
        for phrase in summary { #expect(run.stderr.contains(phrase), "\(options): \(phrase) in \(run.stderr)") }
        #expect(try ShellUseTests.listed(folder, "i.db") == Set(expected), "\(options)")
    }

    @Test func gitignoreCountsOnlyInsideAGitWorkTree() throws {
        let folder = try ShellUseTests.walkFolder()
        defer { folder.remove() }
        _ = try Run(["index", "root", "--db", "i.db", "-q"], in: folder.path)
        #expect(try ShellUseTests.listed(folder, "i.db").contains("root/build/out.txt"))
        try FileManager.default.createDirectory(atPath: folder.path + "/.git", withIntermediateDirectories: true)
        _ = try Run(["index", "root", "--db", "git.db", "-q"], in: folder.path)
        #expect(!(try ShellUseTests.listed(folder, "git.db").contains("root/build/out.txt")), "a .git above the root makes a work tree")
        // An ignore file in a folder above the indexed one applies too.
        try folder.write(".ignore", "sub/\n")
        _ = try Run(["index", "root", "--db", "above.db", "-q"], in: folder.path)
        #expect(!(try ShellUseTests.listed(folder, "above.db").contains("root/sub/b.md")))
    }

    @Test func aFolderReachedThroughALinkIsTheSameDocuments() throws {
        let folder = try ShellUseTests.walkFolder()
        defer { folder.remove() }
        _ = try Run(["index", "root", "--db", "i.db", "-q"], in: folder.path)
        let before = try Run(["Najaf", "--db", "i.db", "--count"], in: folder.path).stdout
        let again = try Run(["index", "rootlink", "--db", "i.db"], in: folder.path)
        #expect(again.stderr.contains("0 added"), "\(again.stderr)")
        #expect(try Run(["Najaf", "--db", "i.db", "--count"], in: folder.path).stdout == before)
        _ = try Run(["index", "root", "rootlink", "--db", "both.db"], in: folder.path)
        #expect(try Run(["Najaf", "--db", "both.db", "--count"], in: folder.path).stdout == before)
    }

    // MARK: 4. the index found from a subfolder

    @Test func theIndexIsFoundFromAnySubfolderThenInSearchDB() throws {
        let folder = try ShellUseTests.twoFolders()
        defer { folder.remove() }
        #expect(try Run(["index", "news", "-q"], in: folder.path).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/.search/index.db"))
        let deep = try Run(["-l", "Karbala"], in: folder.path + "/news/b/deep")
        #expect(deep.status == 0, "\(deep.stderr)")
        #expect(deep.stdout == folder.path + "/news/b/same.txt\n", "not under the current folder: absolute")
        let b = try Run(["-l", "Karbala"], in: folder.path + "/news/b")
        #expect(b.stdout == "same.txt\n")
        // Nowhere: the message says where it looked; $SEARCH_DB is next.
        let nowhere = try TemporaryFolder()
        defer { nowhere.remove() }
        let none = try Run(["Najaf"], in: nowhere.path)
        #expect(none.status == 2)
        #expect(none.stderr.contains("no index: looked for .search/index.db in \(nowhere.path) and every folder above, and $SEARCH_DB is not set"), "\(none.stderr)")
        let env = try Run(["-l", "Karbala"], in: nowhere.path, environment: ["SEARCH_DB": folder.path + "/.search/index.db"])
        #expect(env.status == 0 && env.stdout == folder.path + "/news/b/same.txt\n", "\(env.stdout)")
    }

    // MARK: 5. text output

    @Test func passagesShareTheirDocumentsRank() throws {
        let folder = try corpusCopy()
        defer { folder.remove() }
        _ = try Run(["index", "corpus", "--db", "i.db", "-q"], in: folder.path)
        let run = try Run(["Iraq", "--db", "i.db", "--passages", "3", "-n", "2"], in: folder.path)
        let ranks = run.stdout.split(separator: "\n").filter { $0.range(of: #"^\d+\. "#, options: .regularExpression) != nil }.map { String($0.prefix(3)) }
        #expect(ranks == ["1. ", "2. "], "\(run.stdout)")
        #expect(run.stdout.components(separatedBy: " · passage ").count - 1 > 2, "several passages shown")
        #expect(run.stdout.hasSuffix("showing 1–2\n"))
    }

    @Test func statsShowsAsManyNamesAsAskedAndYearOnlyDatesAsYears() throws {
        let folder = try corpusCopy()
        defer { folder.remove() }
        _ = try Run(["index", "corpus", "--db", "i.db", "-q"], in: folder.path)
        for n in [3, 10, 25] {
            let run = try Run(["stats", "--db", "i.db", "--names", "\(n)"], in: folder.path)
            let names = run.stdout.components(separatedBy: "(documents, then spellings seen)\n").last?.split(separator: "\n") ?? []
            #expect(names.count == n, "--names \(n): \(run.stdout)")
        }
        let stats = try Run(["stats", "--db", "i.db"], in: folder.path).stdout
        #expect(stats.contains(" to 2020\n"), "a year-only date shows as its year: \(stats)")
        let json = try Run(["stats", "--db", "i.db", "--format", "json"], in: folder.path).json
        #expect(json["last_date"] as? String == "2020" && json["last_day"] as? String == "2020-12-31")
    }

    // MARK: 6. a path filter, and ties broken by the passage

    @Test(arguments: [("same.txt", 2), ("deep/*", 1), ("*.txt", 3), ("**/other.txt", 1), ("nothing*", 0)])
    func pathFilter(glob: String, documents: Int) throws {
        let folder = try ShellUseTests.twoFolders()
        defer { folder.remove() }
        let list = try Run(["-l", "Najaf", "--db", "i.db", "--path", glob], in: folder.path)
        #expect(list.stdout.split(separator: "\n").count == documents, "\(glob): \(list.stdout)")
        #expect(list.status == (documents == 0 ? 1 : 0))
        let json = try Run(["Najaf", "--db", "i.db", "--path", glob, "--format", "json"], in: folder.path).json
        #expect(json["total"] as? Int == documents)
        let count = try Run(["Najaf", "--db", "i.db", "--path", glob, "--count"], in: folder.path).stdout
        #expect(count.hasPrefix("\(documents) document"), "\(count)")
    }

    @Test func equalScoresAreOrderedByHowWellThePassageMatches() throws {
        let folder = try corpusCopy()
        defer { folder.remove() }
        _ = try Run(["index", "corpus", "--db", "i.db", "-q"], in: folder.path)
        let results = try Run(["Soleimani", "--db", "i.db", "--format", "json"], in: folder.path).json["results"] as? [[String: Any]] ?? []
        #expect(results.count == 5)
        let scores = results.compactMap { $0["score"] as? Double }
        // Every document holds the name, so bm25 floors its IDF; only the one spelling it as typed scores above 0
        // (the typed spelling is asked for once more, issue 13). The others tie at 0.00 as a user sees them.
        #expect(scores.filter { Output.fixed($0, 2) == "0.00" }.count >= 4, "every document holds Soleimani: \(scores)")
        for (a, b) in zip(results, results.dropFirst()) where a["score"] as? Double == b["score"] as? Double {
            let ma = (a["highlights"] as? [[Int]])?.count ?? 0, mb = (b["highlights"] as? [[Int]])?.count ?? 0
            #expect(ma >= mb, "more matches in the best passage first: \(ma) then \(mb)")
        }
        // The same order every run, and not the index's row order.
        let again = try Run(["Soleimani", "--db", "i.db", "--format", "json"], in: folder.path).json["results"] as? [[String: Any]] ?? []
        #expect(again.map { $0["doc"] as? String } == results.map { $0["doc"] as? String })
    }

    // MARK: 7. help, manual page, completions

    @Test func helpHasNoStrayBackslashesAndTablesDoNotWrap() throws {
        for command in ["show", "stats", "query", "index", "timeline", "check"] {
            let run = try Run([command, "--help"], in: packageRoot, environment: ["COLUMNS": "80"])
            #expect(run.status == 0)
            #expect(!run.stdout.contains("\\\n") && !run.stdout.contains(" \\ "), "\(command): \(run.stdout)")
        }
        // Indented lines (tables, examples) must fit in 80 columns, or ArgumentParser wraps them at column 0.
        for command in SearchCommand.configuration.subcommands + [SearchCommand.self] {
            for line in command.configuration.discussion.split(separator: "\n") where line.hasPrefix("  ") {
                #expect(line.count <= 80, "\(command.configuration.commandName ?? ""): \(line)")
            }
        }
    }

    @Test func theCheckedInManualPageIsWhatTheBinaryWrites() throws {
        let run = try Run(["manual"], in: packageRoot)
        #expect(run.status == 0)
        let checkedIn = try String(contentsOfFile: packageRoot + "/share/man/man1/search.1", encoding: .utf8)
        #expect(run.stdout == checkedIn, "regenerate it: search manual > share/man/man1/search.1")
        for section in [".SH EXIT STATUS", ".SH ENVIRONMENT", ".SH FILES", "SEARCH_DB", "\\-\\-offsets", "\\-\\-lowercase\\-names",
                        "\\-\\-no\\-ignore", "\\-\\-null", ".SS \"search timeline"] {
            #expect(checkedIn.contains(section), "\(section)")
        }
        #expect(!(try Run(["--help"], in: packageRoot)).stdout.contains("manual"), "the generator is hidden")
    }

    @Test func bashCompletesPathsAndOptionValues() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else { return }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("news/a.txt", "x")
        let script = try Run(["--generate-completion-script", "bash"], in: folder.path).stdout
        try folder.write("search.bash", script)
        let driver = """
        shopt -s extglob; source ./search.bash
        c() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
              _search search "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"; echo "${COMPREPLY[*]}"; }
        c search --format ""; c search Soleimani --format ""; c search index ""; c search --db ""; c search show ""; c search ""
        """
        try folder.write("driver.sh", driver)
        let binFolder = (Run.binary as NSString).deletingLastPathComponent
        let run = try Run(["driver.sh"], in: folder.path, environment: ["PATH": binFolder + ":/usr/bin:/bin"], executable: "/bin/bash")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count >= 6, "\(run.stdout) \(run.stderr)")
        guard lines.count >= 6 else { return }
        #expect(lines[0] == "text json jsonl csv", "no subcommands after --format: \(lines[0])")
        #expect(lines[1] == "text json jsonl csv")
        for i in 2...4 { #expect(lines[i].split(separator: " ").contains("news"), "a path completes: \(lines[i])") }
        #expect(lines[5].contains("timeline") && lines[5].contains("index"))
    }

    // MARK: 8. timeline

    @Test func timelineCountsMatchesPerPeriod() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let articles = [("2019-10-07", "a"), ("2019-10-20", "b"), ("2019-11-03", "c"), ("2020-01-03", "d"), ("2020", "e"), (nil, "f")]
        for (date, name) in articles {
            try folder.write("news/\(name).txt", (date.map { "---\ndate: \($0)\ntitle: \(name)\n---\n" } ?? "") + "Soleimani \(name)\n\nSoleimani was in the news.\n")
        }
        #expect(try Run(["index", "news", "--db", "i.db", "-q"], in: folder.path).status == 0)
        let csv = try Run(["timeline", "Soleimani", "--db", "i.db", "--by", "month", "--format", "csv"], in: folder.path)
        #expect(csv.status == 0)
        #expect(csv.stdout == "period,first_day,last_day,documents\r\n2019-10,2019-10-01,2019-10-31,2\r\n2019-11,2019-11-01,2019-11-30,1\r\n2019-12,2019-12-01,2019-12-31,0\r\n2020-01,2020-01-01,2020-01-31,1\r\n", "\(csv.stdout)")
        let json = try Run(["timeline", "Soleimani", "--db", "i.db", "--format", "json"], in: folder.path).json
        #expect(json["total"] as? Int == 6 && json["undated"] as? Int == 1 && json["imprecise"] as? Int == 0)
        #expect((json["periods"] as? [[String: Any]])?.map { $0["documents"] as? Int ?? -1 } == [3, 2])
        let weeks = try Run(["timeline", "Soleimani", "--db", "i.db", "--by", "week", "--format", "json", "--until", "2019-10-31"], in: folder.path).json
        let periods = weeks["periods"] as? [[String: Any]] ?? []
        #expect(periods.first?["period"] as? String == "2019-W41" && periods.first?["first_day"] as? String == "2019-10-07", "\(periods)")
        #expect(periods.last?["period"] as? String == "2019-W44", "the chart spans to --until")
        let text = try Run(["timeline", "Soleimani", "--db", "i.db", "--by", "month"], in: folder.path, environment: ["COLUMNS": "40"])
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("20") }.allSatisfy { $0.count <= 40 }, "\(text.stdout)")
        #expect(lines.contains { $0.hasPrefix("2019-10 2 ") && $0.hasSuffix("█") }, "\(text.stdout)")
        #expect(lines.contains("2019-12 0"))
        #expect(text.stdout.contains("1 undated document not charted") && text.stdout.contains("1 document dated less precisely than a month not charted"))
        #expect(!text.stdout.contains("\u{1B}["), "no colour in a pipe")
        let coloured = try Run(["timeline", "Soleimani", "--db", "i.db", "--color", "always"], in: folder.path).stdout
        #expect(coloured.contains("\u{1B}[36m"))
        let svg = try Run(["timeline", "Soleimani", "--db", "i.db", "--by", "month", "--format", "svg"], in: folder.path).stdout
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.hasSuffix("</svg>\n"))
        #expect(svg.components(separatedBy: "<rect x=").count - 1 == 4, "one bar per month")
        let none = try Run(["timeline", "xylophonequartz", "--db", "i.db"], in: folder.path)
        #expect(none.status == 1)
        let bad = try Run(["timeline", "Soleimani", "--db", "i.db", "--since", "2020", "--until", "2019"], in: folder.path)
        #expect(bad.status == 2 && bad.stderr.contains("--since 2020 is after --until 2019"))
        let huge = try Run(["timeline", "Soleimani", "--db", "i.db", "--by", "day", "--since", "1900"], in: folder.path)
        #expect(huge.status == 2 && huge.stderr.contains("a chart by day from 1900-01-01 to 2020-01-03 has 43832 periods, more than 20000"), "\(huge.stderr)")
        #expect(huge.stdout.isEmpty)
        let since = try Run(["timeline", "Soleimani", "--db", "i.db", "--since", "2020", "--format", "json"], in: folder.path).json
        #expect(since["total"] as? Int == 2, "the date filters of a query")
    }
}
