import Foundation
import Searcher

/// Renders results for scripts: one JSON object (`json`) or one result per line (`jsonl`). The schema is in the README.
enum JSONRenderer {
    private static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func render(_ response: SearchResponse) throws {
        let data = try encoder(pretty: Output.stdoutIsTerminal).encode(response)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    static func renderLines(_ response: SearchResponse) throws {
        let encoder = encoder(pretty: false)
        var out = Data()
        for result in response.results {
            out += try encoder.encode(result)
            out += Data("\n".utf8)
        }
        FileHandle.standardOutput.write(out)
    }
}
