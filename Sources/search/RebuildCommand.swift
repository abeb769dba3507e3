import ArgumentParser
import Foundation
import Indexer

/// `search rebuild`: re-tokenizes every stored passage into a fresh full-text index, in one transaction.
struct RebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild the full-text index from the passage text stored in the index.",
        discussion: """
        Repairs what search check reports, and upgrades an index written by an older version. The files are not \
        read again: the index keeps the text of every passage and re-tokenizes it. Documents whose passages are \
        incomplete are dropped and named; the next search index of their folder adds them back. A crash during a \
        rebuild leaves the index as it was.

        Examples:
          search rebuild
          search rebuild --db news.db --wait 30
        """)

    @OptionGroup var database: DatabaseOption

    @Option(help: ArgumentHelp("Seconds to wait for another process that is writing the index.", valueName: "SECONDS"))
    var wait: Double = 0

    func validate() throws {
        guard wait >= 0 else { throw ValidationError("--wait must be zero or more seconds") }
    }

    func run() throws {
        let path = database.resolved.path
        let started = Date()
        let summary = try IndexRebuilder.rebuild(path: path, wait: wait)
        for dropped in summary.droppedDocuments {
            Output.error("\(dropped): passages incomplete; dropped (run search index on its folder to add it back)")
        }
        var line = "rebuilt \(path): \(summary.documents) documents, \(summary.passages) passages re-tokenized"
        if !summary.droppedDocuments.isEmpty { line += ", \(summary.droppedDocuments.count) incomplete documents dropped" }
        if summary.orphanPassages > 0 { line += ", \(summary.orphanPassages) orphan passages dropped" }
        line += String(format: " in %.2f s", Date().timeIntervalSince(started))
        Output.errorLine(line)
    }
}
