import FoundationEssentials
import Searcher

/// Renders results for scripts: one JSON object (`json`) or one result per line (`jsonl`). The schema is docs/search-results.schema.json.
enum JSONRenderer {
    private static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func render(_ response: SearchResponse) throws {
        let data = try encoder(pretty: Output.stdoutIsTerminal).encode(response)
        Output.write(bytes: Array(data) + [0x0A])
    }

    static func renderLines(_ response: SearchResponse) throws {
        let encoder = encoder(pretty: false)
        var out: [UInt8] = []
        for result in response.results {
            out += Array(try encoder.encode(result))
            out.append(0x0A)
        }
        Output.write(bytes: out)
    }
}
