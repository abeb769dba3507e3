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
        // Indented for a person at a terminal (JSONEncoder's layout); compact, and written directly, for scripts.
        guard !Output.stdoutIsTerminal else {
            let data = try encoder(pretty: true).encode(response)
            Output.write(bytes: Array(data) + [0x0A])
            return
        }
        var writer = JSONWriter()
        writer.write(response)
        Output.write(bytes: writer.bytes + [0x0A])
    }

    static func renderLines(_ response: SearchResponse) throws {
        var writer = JSONWriter()
        for result in response.results {
            writer.write(result)
            writer.newline()
        }
        Output.write(bytes: writer.bytes)
    }
}
