import FoundationEssentials
import Searcher
import Rendering

/// Renders `search --count`: how many documents and passages match, without the results.
enum CountRenderer {
    /// `7 documents, 12 passages` for people.
    static func text(_ counts: MatchCount) -> String {
        var line = "\(counts.documents) document\(counts.documents == 1 ? "" : "s"), \(counts.passages) passage\(counts.passages == 1 ? "" : "s")"
        if counts.undatedExcluded > 0 { line += " (\(counts.undatedExcluded) undated left out by the date filter)" }
        return line + "\n"
    }

    static func render(_ counts: MatchCount, format: OutputFormat) throws {
        let out: String
        switch format {
        case .text:
            out = text(counts)
        case .json, .jsonl:
            let encoder = JSONOutput.encoder()
            out = String(decoding: try encoder.encode(counts), as: UTF8.self) + "\n"
        case .csv:
            out = "documents,passages\r\n\(counts.documents),\(counts.passages)\r\n"
        }
        Output.write(out)
    }
}
