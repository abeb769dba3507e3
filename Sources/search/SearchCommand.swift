import ArgumentParser
import Indexer
import Searcher

/// The `search` command: subcommands for indexing and querying; a bare query runs `search query`.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search for news archives, finding Arabic and Persian names in any Latin spelling.",
        discussion: """
        Index a folder of articles (.txt, .md, .html pages, .jsonl archives), then search it. Names match across \
        spellings: Soleimani finds Suleimani, Kata'ib Hezbollah finds Kataeb Hezbollah.

        The index lives in --db FILE, else $SEARCH_DB, else .search/index.db in the current folder. A query with no \
        index there in a folder that has corpus/ indexes corpus/ first.

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
          search --generate-completion-script bash > search.bash

        Exit status: 0 when something matched, 1 when nothing did, 2 on an error (as grep).
        """,
        version: "search 0.4.0 (index schema \(Schema.version))",
        subcommands: [QueryCommand.self, IndexCommand.self, ShowCommand.self, StatsCommand.self, AnalyzeCommand.self,
                      CheckCommand.self, RebuildCommand.self, NamesCommand.self],
        defaultSubcommand: QueryCommand.self
    )
}

/// Where the index lives, shared by every subcommand.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The index file.", discussion: "Default: $SEARCH_DB, else .search/index.db in the current folder.", valueName: "FILE"))
    var db: String?

    /// The path to use and whether the user chose it.
    var resolved: (path: String, explicit: Bool) {
        if let db { return (db, true) }
        if let env = Output.environment("SEARCH_DB") { return (env, true) }
        return (".search/index.db", false)
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
