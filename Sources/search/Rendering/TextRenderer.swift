import Analysis
import Indexer
import Searcher

/// Renders results for people: rank, title, date, path, then the snippet with the matched words marked.
struct TextRenderer {
    /// Colour (bold yellow) on a terminal; otherwise the matches are wrapped in `**`, which survives a pipe.
    var color: Bool
    /// `--explain`: the spellings asked for first, and why each matched word of a result matched.
    var explain = false
    /// The spellings the query asked for in place of its names (`IndexSearcher.spellingsAsked`).
    var asked: [AskedSpelling] = []

    init(color: Bool) { self.color = color }

    func render(_ response: SearchResponse, request: SearchRequest) {
        var out = ""
        if explain { out += TextRenderer.explanation(asked, exact: request.exact) }
        // With --passages N a document's passages share its rank: the rank counts documents, as the summary does.
        var rank = request.offset
        var previous: String? = nil
        for result in response.results {
            let title = result.title.map { mark($0, result.titleHighlights) } ?? "(untitled)"
            if result.path != previous {
                rank += 1
                out += "\(rank). \(title)\n"
            }
            previous = result.path
            var facts: [String] = [Output.escaped(result.date ?? "no date"), Output.escaped(Output.shellPath(result.path))]
            if request.passagesPerDocument > 1 || result.passage > 0 { facts.append("passage \(result.passage)") }
            facts.append("score " + Output.fixed(result.score, 2))
            out += "   " + facts.joined(separator: " · ") + "\n"
            out += "   " + mark(result.snippet, result.snippetHighlights) + "\n"
            if explain && !result.matchedSpellings.isEmpty {
                out += "   matched: " + result.matchedSpellings.map(TextRenderer.explained).joined(separator: ", ") + "\n"
            } else if !result.matched.isEmpty {
                out += "   matched: " + Output.escaped(result.matched.joined(separator: ", ")) + "\n"
            }
            out += "\n"
        }
        var summary: String
        if response.total == 0 {
            summary = "no matches for \(response.query)"
        } else {
            // Documents are told apart by their path: two folders may both hold a `same.txt`.
            var documents: [String] = []
            for result in response.results where documents.last != result.path { documents.append(result.path) }
            let shown = response.results.isEmpty ? "none shown" : "showing \(request.offset + 1)–\(request.offset + documents.count)"
            summary = "\(response.total) document\(response.total == 1 ? "" : "s") matched; \(shown)"
        }
        if response.undatedExcluded > 0 {
            summary += "; \(response.undatedExcluded) undated document\(response.undatedExcluded == 1 ? "" : "s") left out by the date filter"
        }
        Output.write(out)
        // Nothing found is a message, as grep's silence is: stdout stays empty for a script.
        if response.total == 0 { Output.error(summary) } else { Output.write(summary + "\n") }
    }

    /// `text` with the byte ranges marked, its control characters escaped (see `Output.escaped`); newlines become
    /// spaces unless `keepNewlines`.
    func mark(_ text: String, _ ranges: [[Int]], keepNewlines: Bool = false) -> String {
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
        // Escaped piece by piece, so that the marks themselves stay real escape sequences.
        func plain(_ slice: ArraySlice<UInt8>) -> [UInt8] {
            Array(Output.escaped(String(decoding: slice, as: UTF8.self), keepNewlines: keepNewlines).utf8)
        }
        var at = 0
        for range in merged where range[0] >= at {
            out += plain(bytes[at..<range[0]])
            out += Array(open.utf8) + plain(bytes[range[0]..<range[1]]) + Array(close.utf8)
            at = range[1]
        }
        out += plain(bytes[at...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The `--explain` header: per query name, the spellings asked for with their similarity to it.
    static func explanation(_ asked: [AskedSpelling], exact: Bool) -> String {
        if exact { return "names: --exact asks for the spellings typed only\n\n" }
        guard !asked.isEmpty else { return "names: none in the query (no spelling variants asked for)\n\n" }
        var out = "names: the spellings asked for (similarity to the name; ranked by it, then by bm25; matched at ≥ \(NameSimilarity.threshold)):\n"
        var words: [String] = []
        for a in asked where !words.contains(a.word) { words.append(a.word) }
        for word in words {
            let spellings = asked.filter { $0.word == word }
            let via = spellings.first?.viaLexicon == true ? " (a lexicon name of the query's)" : ""
            let list: [String] = spellings.map { (a: AskedSpelling) -> String in
                Output.escaped(a.spelling) + " " + Output.fixed(a.similarity, 2)
            }
            out += "  " + Output.escaped(word) + via + ": " + list.joined(separator: ", ") + "\n"
        }
        return out + "\n"
    }

    /// One matched word with why it matched: `Suleimani (0.94 to Soleimani, verdict)`.
    static func explained(_ m: MatchedSpelling) -> String {
        var why: [String] = []
        if let s = m.similarity, let q = m.query {
            why.append(Output.fixed(s, 2) + " to " + Output.escaped(q))
        } else if let q = m.query {
            why.append("for " + Output.escaped(q))
        }
        switch m.reason {
        case .typed: why = ["typed"]
        case .verdict: why.append("another spelling, accepted by the similarity")
        case .lexicon: why.append("lexicon")
        case .key: why.append("name key")
        case .word: why.append("word")
        case .exact: why.append("exact")
        }
        return Output.escaped(m.written) + " (" + why.joined(separator: ", ") + ")"
    }
}
