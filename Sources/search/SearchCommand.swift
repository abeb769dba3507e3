import Glibc
import ArgumentParser
import Searcher
import Storage

/// The `search` command: subcommands for indexing and querying; a bare query runs `search query`.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search for news archives, finding Arabic and Persian names in any Latin spelling.",
        discussion: """
        Index a folder of articles (.txt, .md, .html pages, .jsonl archives), then search it. Names match across \
        spellings: Soleimani finds Suleimani, Kata'ib Hezbollah finds Kataeb Hezbollah.

        The index lives in --db FILE, else in .search/index.db of the current folder or the nearest folder above \
        that has one (as git finds .git), else in $SEARCH_DB, else in .search/index.db here. A query with no index \
        anywhere, in a folder that has corpus/, indexes corpus/ first.

        Examples:
          search index ~/news                 index a folder (again: what changed)
          search "Tahrir Square"              best passage of each matching article
          search 'Soleimani "Abu Mahdi" -Lebanon' --since 2019-10 --until 2020-01
          search Soleimani --sort date -n 20  the 20 newest matching articles
          search -l Muhandis                  matching documents, one per line
          search Muhandis --count             how many documents and passages match
          search 'NEAR(Khamenei Iraq, 5)' --format json | jq '.results[].doc'
          search show wire.jsonl#tl-20200103-001 -q Soleimani
          search stats                        what the index holds
          search timeline Soleimani --by month  when the name was in the news
          search --generate-completion-script bash > search.bash

        Exit status: 0 when something matched, 1 when nothing did, 2 on an error (as grep).
        """,
        version: "search 0.4.0 (index schema \(Schema.version))",
        subcommands: [QueryCommand.self, IndexCommand.self, ShowCommand.self, StatsCommand.self, TimelineCommand.self, AnalyzeCommand.self,
                      CheckCommand.self, RebuildCommand.self, ManualCommand.self, ServeCommand.self, NamesCommand.self],
        defaultSubcommand: QueryCommand.self
    )
}

/// Where the index lives, shared by every subcommand.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The index file.", discussion: "Default: .search/index.db in the current folder or the nearest folder above that has one (as git finds .git), else $SEARCH_DB, else .search/index.db here.", valueName: "FILE"), completion: .file())
    var db: String?

    /// The index's place when nothing names one and none is found: `.search/index.db` in the current folder.
    static let defaultPath = ".search/index.db"

    /// The path to use and whether it was chosen (by --db, by an index found here or above, or by $SEARCH_DB);
    /// `explicit` is false only for the default place, where a first query may create the index.
    var resolved: (path: String, explicit: Bool) {
        if let db { return (db, true) }
        if let found = DatabaseOption.nearest() { return (found, true) }
        if let env = Output.environment("SEARCH_DB") { return (env, true) }
        return (DatabaseOption.defaultPath, false)
    }

    /// Same as `resolved`, named (for commands that read the index).
    func located() throws -> (path: String, explicit: Bool) { resolved }

    /// `.search/index.db` in the current folder or the nearest folder above that has one, shown relative to the
    /// current folder (`../../.search/index.db`) so messages stay short.
    static func nearest() -> String? {
        var folder = Output.currentFolder
        var up = ""
        while true {
            let candidate = (folder == "/" ? "" : folder) + "/" + defaultPath
            var info = stat()
            if stat(candidate, &info) == 0 { return up + defaultPath }
            guard folder != "/", let slash = folder.lastIndex(of: "/") else { return nil }
            folder = slash == folder.startIndex ? "/" : String(folder[..<slash])
            up += "../"
        }
    }

    /// The message for "no index" at the default place: where the lookup went.
    static func notFound() -> String {
        "no index: looked for \(defaultPath) in \(Output.currentFolder) and every folder above, and $SEARCH_DB is not set; create one with: search index FOLDER"
    }
}

/// Failures the commands report with a one-line message and exit status 2.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
}

/// How long a writing command waits for another process that holds the index, shared by index, check and rebuild.
struct WaitOption: ParsableArguments {
    @Option(help: ArgumentHelp("Seconds to wait for another process that is writing the index.", valueName: "SECONDS"))
    var wait: Double = 0

    func validate() throws {
        guard wait >= 0 else { throw ValidationError("--wait must be zero or more seconds") }
    }
}
