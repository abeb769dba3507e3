import ArgumentParser
import FoundationEssentials
import Indexer

/// `search index PATH...`: add, update and remove documents so the index matches the folders.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index the .txt and .md files under folders (again: only what changed).",
        discussion: """
        Walks each folder recursively (hidden files and folders are skipped). Files that did not change are \
        skipped, changed ones replaced, deleted ones removed. Optional front matter (title:, date:, url:) at the top \
        of a file wins over what is guessed from the text. Files that cannot be read are named on stderr, counted, \
        and do not stop the run.

        Examples:
          search index corpus/
          search index ~/news ~/archive/2020 --db news.db
          search index corpus/ --wait 30        wait up to 30 s if another index run is writing
        """)

    @OptionGroup var database: DatabaseOption

    @Argument(help: ArgumentHelp("Folders or files to index.", valueName: "PATH"))
    var paths: [String]

    @Option(help: ArgumentHelp("Seconds to wait for another process that is writing the index.", valueName: "SECONDS"))
    var wait: Double = 0

    @Option(help: ArgumentHelp("Skip files larger than this many megabytes.", valueName: "MB"))
    var maxFileSize: Int = 256

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one folder or file to index") }
        guard wait >= 0 else { throw ValidationError("--wait must be zero or more seconds") }
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be a positive number of megabytes") }
    }

    func run() throws {
        var options = IndexOptions()
        options.waitForLock = wait
        options.maxFileSize = Int64(maxFileSize) * 1_048_576
        let summary = try IndexCommand.index(paths: paths, database: database.resolved.path, options: options, quiet: quiet)
        if !summary.failed.isEmpty && summary.added + summary.updated + summary.unchanged == 0 && !paths.isEmpty {
            throw ExitCode(2)
        }
    }

    /// Runs the indexer and reports on stderr/stdout; shared with the first-use indexing of `search QUERY`.
    static func index(paths: [String], database: String, options: IndexOptions, quiet: Bool) throws -> IndexSummary {
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            throw IndexError.missingPath(path)
        }
        try createParentFolder(of: database)
        let started = Output.now()
        let writer = try IndexWriter(path: database, options: options)
        let summary = try writer.index(paths)
        for failure in summary.failed { Output.error("\(failure.path): \(failure.reason)") }
        if !quiet {
            for warning in summary.warnings { Output.error("\(warning.path): \(warning.reason)") }
            let seconds = Output.now() - started
            var line = "indexed \(paths.joined(separator: " ")): \(summary.added) added, \(summary.updated) updated, "
            line += "\(summary.unchanged) unchanged, \(summary.removed) removed"
            if summary.failed.count > 0 { line += ", \(summary.failed.count) failed" }
            if summary.otherFiles > 0 { line += ", \(summary.otherFiles) other files skipped" }
            line += "; \(summary.passages) passages from \(formatBytes(summary.bytes)) in \(Output.fixed(seconds, 2)) s"
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
