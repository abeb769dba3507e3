import ArgumentParser
import Indexer

/// `search analyze TEXT`: shows the tokens, stems and name keys the analyzer makes, to explain a match or a miss.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Show the tokens, stems and name keys of a text, as indexed or as queried.",
        discussion: """
        Two texts match when they share terms at the same positions. Name keys start with # and stand at the same \
        position as the word (shown with +).

        Examples:
          search analyze "Qassem Suleimani"
          search analyze "Kata'ib Hezbollah" --as query
          search analyze "qassem suleimani" --lowercase-names
        """)

    enum Reading: String, ExpressibleByArgument, CaseIterable { case document, query, exact }

    @Argument(help: "The text to analyze.")
    var text: [String]

    @Option(name: .customLong("as"), help: "Read the text as a document, a query, or an exact query.")
    var reading: Reading = .document

    @Flag(help: "Read a document as an index built with --lowercase-names does: lower-case names get keys too.")
    var lowercaseNames = false

    func run() throws {
        let text = self.text.joined(separator: " ")
        let mode: Analyzer.Mode = switch reading {
        case .document: .document
        case .query: .query
        case .exact: .queryExact
        }
        let bytes = Array(text.utf8)
        var out = ""
        var position = -1
        for token in Analyzer(lowerCaseNames: lowercaseNames).tokens(text, mode: mode) {
            if !token.colocated { position += 1 }
            let written = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
            let pad = String(repeating: " ", count: max(1, 20 - token.term.count))
            out += token.colocated ? "   + " : String(repeating: " ", count: max(0, 4 - String(position).count)) + String(position) + " "
            out += token.term + pad + "\(written)  [\(token.start)..<\(token.end)]\n"
        }
        Output.write(out)
    }
}
