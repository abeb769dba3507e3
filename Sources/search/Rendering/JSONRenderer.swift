import FoundationEssentials
import Searcher
import Rendering

/// Renders results for scripts: one JSON object (`json`) or one result per line (`jsonl`). The schema is docs/search-results.schema.json.
enum JSONRenderer {
    static func render(_ response: SearchResponse) throws {
        // Indented for a person at a terminal (JSONEncoder's layout); compact, and written directly, for scripts.
        guard !Output.stdoutIsTerminal else {
            let data = try JSONOutput.encoder(pretty: true).encode(response)
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
