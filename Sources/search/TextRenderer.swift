import Searcher

/// Renders results for people: rank, title, date, path, then the snippet with the matched words marked.
struct TextRenderer {
    /// Colour (bold yellow) on a terminal; otherwise the matches are wrapped in `**`, which survives a pipe.
    var color: Bool

    func render(_ response: SearchResponse, request: SearchRequest) {
        var out = ""
        for (index, result) in response.results.enumerated() {
            let rank = request.offset + index + 1
            let title = result.title.map { mark($0, result.titleHighlights) } ?? "(untitled)"
            out += "\(rank). \(title)\n"
            var facts: [String] = [result.date ?? "no date", result.doc]
            if request.passagesPerDocument > 1 || result.passage > 0 { facts.append("passage \(result.passage)") }
            facts.append("score " + Output.fixed(result.score, 2))
            out += "   " + facts.joined(separator: " · ") + "\n"
            out += "   " + mark(result.snippet, result.snippetHighlights).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ") + "\n"
            if !result.matched.isEmpty { out += "   matched: " + result.matched.joined(separator: ", ") + "\n" }
            out += "\n"
        }
        var summary: String
        if response.total == 0 {
            summary = "no matches for \(response.query)"
        } else {
            let shown = response.results.isEmpty ? "none shown" : "showing \(request.offset + 1)–\(request.offset + Set(response.results.map(\.doc)).count)"
            summary = "\(response.total) document\(response.total == 1 ? "" : "s") matched; \(shown)"
        }
        if response.undatedExcluded > 0 {
            summary += "; \(response.undatedExcluded) undated document\(response.undatedExcluded == 1 ? "" : "s") left out by the date filter"
        }
        out += summary + "\n"
        Output.write(out)
    }

    /// `text` with the byte ranges marked.
    func mark(_ text: String, _ ranges: [[Int]]) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + ranges.count * 12)
        let (open, close) = color ? ("\u{1B}[1;33m", "\u{1B}[0m") : ("**", "**")
        // Words of one phrase read better as one mark: join ranges separated only by spaces.
        var merged: [[Int]] = []
        for range in ranges.sorted(by: { $0[0] < $1[0] }) where range.count == 2 && range[0] <= range[1] && range[1] <= bytes.count {
            if let last = merged.last, last[1] <= range[0], bytes[last[1]..<range[0]].allSatisfy({ $0 == 0x20 }) {
                merged[merged.count - 1][1] = range[1]
            } else {
                merged.append(range)
            }
        }
        var at = 0
        for range in merged where range[0] >= at {
            out += bytes[at..<range[0]]
            out += Array(open.utf8) + bytes[range[0]..<range[1]] + Array(close.utf8)
            at = range[1]
        }
        out += bytes[at...]
        return String(decoding: out, as: UTF8.self)
    }
}
