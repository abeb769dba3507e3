/// Turns query text into the FTS5 expression that is bound to MATCH.
///
/// TEMPORARY (until the query parser lands): every whitespace-separated word becomes a quoted string.
enum QueryCompiler {
    static func expression(for query: String) throws(SearchError) -> String {
        let words = query.split(whereSeparator: { $0.isWhitespace })
        guard !words.isEmpty else { throw .syntax(message: "nothing to search for", position: 1) }
        return words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")
    }
}

private extension Substring {
    func replacingOccurrences(of a: String, with b: String) -> String {
        var out = ""
        for c in self { out += String(c) == a ? b : String(c) }
        return out
    }
}
