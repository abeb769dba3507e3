import Searcher

/// Renders results as RFC 4180 CSV for spreadsheets: a header row, then one row per result, CRLF line ends.
enum CSVRenderer {
    static let header = ["rank", "doc", "title", "date", "passage", "score", "snippet"]

    /// The whole table; `offset` numbers the ranks from where the page starts.
    static func table(_ response: SearchResponse, offset: Int) -> String {
        var rows = [header]
        var rank = offset
        var lastDoc: String?
        for result in response.results {
            // Several passages of one document share its rank.
            if result.doc != lastDoc { rank += 1 }
            lastDoc = result.doc
            rows.append([String(rank), result.doc, result.title ?? "", result.date ?? "", String(result.passage),
                         String(result.score), result.snippet])
        }
        return rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A field, quoted when it holds a comma, a quote or a line break (quotes doubled). `a"b` → `"a""b"`.
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }

    static func render(_ response: SearchResponse, offset: Int) {
        Output.write(table(response, offset: offset))
    }
}
