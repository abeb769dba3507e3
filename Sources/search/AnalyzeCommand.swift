import ArgumentParser
import FoundationEssentials
import Analysis
import Storage
import Rendering

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
          search analyze "Abdulmahdi" --format json
        """)

    enum Reading: String, ExpressibleByArgument, CaseIterable { case document, query, exact }

    @Argument(help: "The text to analyze.")
    var text: [String]

    @Option(name: .customLong("as"), help: "Read the text as a document, a query, or an exact query.")
    var reading: Reading = .document

    @Flag(help: "Read a document as an index built with --lowercase-names does: lower-case names get keys too.")
    var lowercaseNames = false

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "text, or json: one object per position with its byte range, the words as written, its term (the stem of an English word, the folded spelling of a name) and its name keys.")
    var format: Format = .text

    /// One position of the JSON output.
    struct Position: Encodable {
        var position: Int
        var start: Int
        var end: Int
        var written: String
        /// The spelling or stem at this position; nil for a query name, which asks for its keys and its spelling.
        var term: String?
        /// Every term at the position, in the order the analyzer emits them.
        var terms: [String]
        /// The name keys among them (`#…` key, `##…` coarse key); empty for a word that is not a name.
        var keys: [String]
        var name: Bool
    }

    func run() throws {
        let text = self.text.joined(separator: " ")
        let mode: Analyzer.Mode = switch reading {
        case .document: .document
        case .query: .query
        case .exact: .queryExact
        }
        let bytes = Array(text.utf8)
        if format == .json {
            var positions: [Position] = []
            for token in Analyzer(lowerCaseNames: lowercaseNames).tokens(text, mode: mode) {
                let written = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
                let isKey = token.term.hasPrefix("#")
                if !token.colocated || positions.isEmpty {
                    positions.append(Position(position: positions.count, start: token.start, end: token.end, written: written,
                                              term: nil, terms: [], keys: [], name: false))
                }
                positions[positions.count - 1].terms.append(token.term)
                if isKey {
                    positions[positions.count - 1].keys.append(token.term)
                    positions[positions.count - 1].name = true
                } else if positions[positions.count - 1].term == nil {
                    positions[positions.count - 1].term = token.term
                }
            }
            struct Analysis: Encodable { var text: String; var reading: String; var positions: [Position] }
            let encoder = JSONOutput.encoder()
            let data = try encoder.encode(Analysis(text: text, reading: reading.rawValue, positions: positions))
            Output.write(String(decoding: data, as: UTF8.self) + "\n")
            return
        }
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
