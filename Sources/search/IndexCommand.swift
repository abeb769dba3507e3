import ArgumentParser
import FoundationEssentials
import Indexer
import Storage
import Rendering

/// `search index PATH...`: add, update and remove documents so the index matches the folders.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index the articles under folders: .txt, .md, .html pages and .jsonl archives (again: only what changed).",
        discussion: """
        Walks each folder recursively, choosing files as ripgrep does: hidden files and folders are skipped; the \
        rules of .gitignore files (inside a git work tree), .ignore and .searchignore files are applied, those of \
        the folders above too (--no-ignore reads everything); symbolic links are followed while they stay inside \
        the folder (--follow follows them anywhere), and a file reached through several links is one document. \
        Files without an extension (mail and news spools, the 20 Newsgroups layout) are read as plain text when \
        they are text. --glob and --type choose files by name (a file named on the command line is always read). \
        The summary counts what was skipped, by reason. Files that did not change are skipped, changed ones \
        replaced, deleted ones removed. Optional front matter (title:, date:, url:) at the top \
        of a text file wins over what is guessed from the text. Files that cannot be read are named on stderr, \
        counted, and do not stop the run: the exit status is then 1 (0 when every file was indexed, 2 when nothing \
        could be).

        Web pages (.html, .htm) are read with an HTML parser: the article's text without scripts, styles, menus, \
        headers, footers, sidebars and forms; the title from og:title or <title>; the date from \
        article:published_time, a date <meta> or <time datetime>.

        JSON Lines archives (.jsonl, .ndjson) hold one article per line, a JSON object with the fields id, title, \
        date, url and text; --jsonl-FIELD names other fields (a dotted name reaches inside objects: meta.published). \
        Each article is a document named archive.jsonl#ID. A bad line is reported as FILE:LINE and skipped; the \
        rest is indexed. A changed archive replaces its articles: new ones are added, changed ones updated, \
        missing ones removed.

        Names get keys that match their other spellings where they are written with a capital (Suleimani, \
        al-Muhandis): lower-case words outside the dictionary are mostly jargon. For an archive written without \
        capitals (transcripts, social media, URL slugs), --lowercase-names keys lower-case names too; the index \
        remembers it, and search rebuild --lowercase-names or --no-lowercase-names changes it.

        On a terminal, a progress line shows files and megabytes done, the rate, the time left and the current \
        file; it is never printed into a pipe or a file. --quiet prints only errors.

        Examples:
          search index corpus/
          search index ~/news ~/archive/2020 --db news.db
          search index wire.jsonl --jsonl-text body --jsonl-id guid
          search index saved-pages/ --quiet   only errors, for cron
          search index corpus/ --wait 30      wait while another run writes
          search index tweets/ --db tweets.db --lowercase-names
          search index spool/ -g '!*.bak' -g '!drafts/'   no backups, no drafts
          search index notes/ --type md       only Markdown
          search index mail/ --type eml       .eml files too, read as plain text
        """)

    @OptionGroup var database: DatabaseOption

    @Argument(help: ArgumentHelp("Folders or files to index.", valueName: "PATH"), completion: .file())
    var paths: [String]

    @OptionGroup var waiting: WaitOption

    @Flag(help: "Key names written in lower case too (when building a new index; the index remembers it).")
    var lowercaseNames = false

    @Option(help: ArgumentHelp("Skip files, and articles of .jsonl archives, larger than this many megabytes (indexing a file takes about 6 times its size in memory; an archive is read article by article).", valueName: "MB"))
    var maxFileSize: Int = 16

    @Flag(name: .shortAndLong, help: "Print only errors: no progress line, no summary.")
    var quiet = false

    @Flag(help: "Read and compare every file, even one whose size and time did not change (finds a change cp -p kept hidden).")
    var rehash = false

    @Option(name: [.customShort("g"), .long], help: ArgumentHelp("Read only files matching GLOB, or never those matching !GLOB (repeat it; as rg -g: relative to the folder, * stays within a folder, ** crosses folders).", valueName: "GLOB"))
    var glob: [String] = []

    @Option(name: [.customShort("t"), .long], help: ArgumentHelp("Read only files of TYPE (repeat it): txt, md, html, jsonl, text (plain text of any name), none (no extension), or any other extension, read as plain text.", valueName: "TYPE"))
    var type: [String] = []

    @Option(name: [.customShort("T"), .customLong("type-not")], help: ArgumentHelp("Never read files of TYPE (repeat it).", valueName: "TYPE"))
    var typeNot: [String] = []

    @Flag(help: "Read every file: no .gitignore, .ignore or .searchignore rules.")
    var noIgnore = false

    @Flag(name: [.customShort("L"), .long], help: "Follow symbolic links out of the folder too (as rg -L).")
    var follow = false

    @Option(name: .customLong("jsonl-id"), help: ArgumentHelp("The field of a .jsonl article holding its id.", valueName: "FIELD"))
    var jsonlID = "id"

    @Option(name: .customLong("jsonl-title"), help: ArgumentHelp("The field holding the title.", valueName: "FIELD"))
    var jsonlTitle = "title"

    @Option(name: .customLong("jsonl-date"), help: ArgumentHelp("The field holding the date.", valueName: "FIELD"))
    var jsonlDate = "date"

    @Option(name: .customLong("jsonl-url"), help: ArgumentHelp("The field holding the address.", valueName: "FIELD"))
    var jsonlURL = "url"

    @Option(name: .customLong("jsonl-text"), help: ArgumentHelp("The field holding the text.", valueName: "FIELD"))
    var jsonlText = "text"

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one folder or file to index") }
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be a positive number of megabytes") }
        for pattern in glob where Glob(pattern.hasPrefix("!") ? String(pattern.dropFirst()) : pattern) == nil {
            throw ValidationError("--glob: '\(pattern)' is an empty pattern")
        }
        for name in type + typeNot where name.isEmpty || !name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) }) {
            throw ValidationError("--type: '\(name)' is not a file type (a name like md, html, none, or an extension without the dot)")
        }
    }

    func run() throws {
        var options = IndexOptions()
        options.waitForLock = waiting.wait
        options.rehash = rehash
        options.maxFileSize = Int64(maxFileSize) * 1_048_576
        options.jsonLinesFields = JSONLinesFields(id: jsonlID, title: jsonlTitle, date: jsonlDate, url: jsonlURL, text: jsonlText)
        // Without the flag an existing index keeps what it was built with.
        if lowercaseNames { options.settings = IndexSettings(lowerCaseNames: true) }
        options.walk.globs = glob
        options.walk.types = type
        options.walk.excludedTypes = typeNot
        options.walk.ignoreFiles = !noIgnore
        options.walk.followLinks = follow
        let summary = try IndexCommand.index(paths: paths, database: database.resolved.path, options: options, quiet: quiet)
        // As ripgrep: a path that does not exist is an error (exit 2) once the others have been indexed.
        let missing = paths.filter { !FileManager.default.fileExists(atPath: $0) }
        if !missing.isEmpty || (!summary.failed.isEmpty && summary.added + summary.updated + summary.unchanged == 0) {
            throw ExitCode(2)
        }
        // A cron job must be able to tell that files were left out (they are named on stderr).
        if summary.failedFiles > 0 { throw ExitCode(1) }
    }

    /// Runs the indexer and reports on stderr/stdout; shared with the first-use indexing of `search QUERY`.
    static func index(paths: [String], database: String, options: IndexOptions, quiet: Bool) throws -> IndexSummary {
        let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
        for path in paths where !existing.contains(path) { Output.error(IndexError.missingPath(path).description) }
        guard !existing.isEmpty else { throw ExitCode(2) }
        let paths = existing
        try createParentFolder(of: database)
        let started = Output.now()
        let writer = try IndexWriter(path: database, options: options)
        // Progress only for a person watching: never in a pipe, a log file or under --quiet.
        var meter = !quiet && Output.stderrIsTerminal ? ProgressMeter() : nil
        let summary: IndexSummary
        do {
            summary = try writer.index(paths) { progress in meter?.update(progress) }
            meter?.finish()
        } catch {
            meter?.finish()
            throw error
        }
        for failure in summary.failed { Output.error("\(failure.path): \(failure.reason.words)") }
        if !quiet {
            for warning in summary.warnings { Output.error("\(warning.path): \(warning.reason.words)") }
            let seconds = Output.now() - started
            var line = "indexed \(paths.joined(separator: " ")): \(summary.files) file\(summary.files == 1 ? "" : "s"), "
            line += "\(summary.added) added, \(summary.updated) updated, "
            line += "\(summary.unchanged) unchanged, \(summary.removed) removed"
            if summary.failed.count > 0 { line += ", \(summary.failed.count) failed" }
            if summary.otherFiles > 0 { line += ", \(summary.otherFiles) other files skipped" }
            for (reason, count) in summary.skipped.sorted(by: { $0.key < $1.key }) where count > 0 {
                line += ", \(count) \(reason.words)"
            }
            line += "; \(summary.passages) passages from \(formatBytes(summary.bytes)) in \(Output.fixed(seconds, 2)) s"
            if seconds >= 1 && summary.bytes > 0 { line += " (" + Output.fixed(Double(summary.bytes) / 1_048_576 / seconds, 1) + " MB/s)" }
            Output.errorLine(line)
        }
        return summary
    }

    static func createParentFolder(of database: String) throws {
        let parent = database.contains("/") ? String(database[..<database.lastIndex(of: "/")!]) : ""
        guard !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) else { return }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw IndexError.cannotOpen(path: database, reason: "cannot create the folder \(parent)")
        }
    }

    static func formatBytes(_ n: Int64) -> String {
        if n >= 1_048_576 { return Output.fixed(Double(n) / 1_048_576, 1) + " MB" }
        if n >= 1024 { return Output.fixed(Double(n) / 1024, 1) + " KB" }
        return "\(n) bytes"
    }
}
