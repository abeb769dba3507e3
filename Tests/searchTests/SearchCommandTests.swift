import Foundation
import Analysis
import Storage
import Indexer
import Testing
@testable import search

struct SearchCommandTests {
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

    @Test func versionNamesTheIndexSchema() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try Run(["--version"], in: folder.path)
        #expect(run.status == 0)
        #expect(run.stdout == "search 0.4.0 (index schema \(Schema.version))\n")
    }
}
