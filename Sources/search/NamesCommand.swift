import ArgumentParser
import FoundationEssentials
import Searcher
import Analysis
import Storage
import Rendering

/// `search names NAME`: the spellings of a name the index holds, so an analyst sees how the archive writes it.
struct NamesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "names",
        abstract: "Show the spellings of a name that the index holds, with their document counts and similarity.",
        discussion: """
        A query for a name looks up the spellings of the index that share one of its name keys and asks for those \\
        whose similarity to the typed spelling (a weighted edit distance over transliteration letter classes, 1 for \\
        the same spelling) is at least the threshold; the others are listed too, marked as not matched. The typed \\
        spelling comes first, then the most similar. Lexicon names (PMF, Khamenei) are expanded by queries, not here.

        Examples:
          search names Hussein
          search names Sheikh --db news.db --format json
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var database: DatabaseOption

    @Argument(help: "The name, one word.")
    var name: String

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let matches = try IndexSearcher(path: database.resolved.path).nameSpellings(of: name)
        switch format {
        case .json:
            struct Answer: Encodable {
                var name: String
                var threshold: Double
                var spellings: [NameSpellingMatch]
            }
            let encoder = JSONOutput.encoder()
            let answer = Answer(name: name, threshold: NameSimilarity.threshold, spellings: matches)
            Output.write(bytes: Array(try encoder.encode(answer)) + [0x0A])
        case .text:
            // What the user typed, without control characters, for the terminal.
            let shown = String(String.UnicodeScalarView(name.unicodeScalars.filter { $0.properties.generalCategory != .control }))
            guard !matches.isEmpty else {
                Output.write("\(shown) is not read as a name (no name keys)\n")
                return
            }
            var out = "spellings of \(shown) in the index (similarity, documents; matched at ≥ \(NameSimilarity.threshold)):\n"
            for m in matches {
                let mark = m.accepted ? "  " : "– "
                out += "\(mark)\(m.spelling)  \(Output.fixed(m.similarity, 2))  \(m.documents)\(m.accepted ? "" : "  (not matched)")\n"
            }
            Output.write(out)
        }
    }
}
