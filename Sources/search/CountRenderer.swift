import Foundation
import Searcher

/// Renders `search --count`: how many documents and passages match, without the results.
enum CountRenderer {
    /// The counts as JSON and CSV show them (`undated_excluded`: left out by a date filter for having no date).
    struct Counts: Codable, Equatable {
        var query: String
        var documents: Int
        var passages: Int
        var undatedExcluded: Int

        enum CodingKeys: String, CodingKey {
            case query, documents, passages, undatedExcluded = "undated_excluded"
        }
    }

    /// `7 documents, 12 passages` for people.
    static func text(_ counts: Counts) -> String {
        var line = "\(counts.documents) document\(counts.documents == 1 ? "" : "s"), \(counts.passages) passage\(counts.passages == 1 ? "" : "s")"
        if counts.undatedExcluded > 0 { line += " (\(counts.undatedExcluded) undated left out by the date filter)" }
        return line + "\n"
    }

    static func render(_ response: SearchResponse, format: OutputFormat) throws {
        let counts = Counts(query: response.query, documents: response.total, passages: response.totalPassages,
                            undatedExcluded: response.undatedExcluded)
        let out: String
        switch format {
        case .text:
            out = text(counts)
        case .json, .jsonl:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            out = String(decoding: try encoder.encode(counts), as: UTF8.self) + "\n"
        case .csv:
            out = "documents,passages\r\n\(counts.documents),\(counts.passages)\r\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
