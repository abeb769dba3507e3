import ArgumentParser
import FoundationEssentials
import Storage

/// `search rebuild`: re-tokenizes every stored passage into a fresh full-text index, in one transaction.
struct RebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild the full-text index from the passage text stored in the index.",
        discussion: """
        Repairs what search check reports, and upgrades an index written by an older version. The files are not \
        read again: the index keeps the text of every passage and re-tokenizes it. Documents whose passages are \
        incomplete are dropped and named; the next search index of their folder adds them back. A crash during a \
        rebuild leaves the index as it was. --lowercase-names (or --no-lowercase-names) rebuilds the index with \
        keys for names written in lower case (or without them), and the index keeps that choice.

        Examples:
          search rebuild
          search rebuild --db news.db --wait 30
          search rebuild --db tweets.db --lowercase-names
        """)

    @OptionGroup var database: DatabaseOption

    @OptionGroup var waiting: WaitOption

    @Flag(inversion: .prefixedNo, help: "Key names written in lower case too, or not (default: as the index was built).")
    var lowercaseNames: Bool?

    func run() throws {
        let path = database.resolved.path
        let started = Output.now()
        let settings = lowercaseNames.map { IndexSettings(lowerCaseNames: $0) }
        let summary = try IndexRebuilder.rebuild(path: path, wait: waiting.wait, settings: settings)
        for dropped in summary.droppedDocuments {
            Output.error("\(dropped): passages incomplete; dropped (run search index on its folder to add it back)")
        }
        var line = "rebuilt \(path): \(summary.documents) documents, \(summary.passages) passages re-tokenized"
        if !summary.droppedDocuments.isEmpty { line += ", \(summary.droppedDocuments.count) incomplete documents dropped" }
        if summary.orphanPassages > 0 { line += ", \(summary.orphanPassages) orphan passages dropped" }
        for repaired in summary.repairedPassages {
            Output.error("\(repaired): its passage ranges did not fit its text; re-cut from the text at its blank lines")
        }
        if !summary.repairedPassages.isEmpty { line += ", passages of \(summary.repairedPassages.count) documents repaired" }
        line += " in " + Output.fixed(Output.now() - started, 2) + " s"
        Output.errorLine(line)
        if summary.pendingDates > 0 {
            // Dates come from the files; the stored text has lost what a file's name, front matter or page said.
            Output.error("\(summary.pendingDates) document\(summary.pendingDates == 1 ? " still waits" : "s still wait") for a date from the collection's year (an index run was stopped before its last pass); rebuild cannot date them: run search index FOLDER --db \(path) on their folders")
        }
    }
}
