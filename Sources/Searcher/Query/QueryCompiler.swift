/// Query text → query tree → (expanded) tree → FTS5 expression: the query side of the pipeline in one call.
enum QueryCompiler {
    /// The FTS5 expression for `text`; throws `SearchError.syntax` for a malformed query.
    static func expression(for text: String) throws(SearchError) -> String {
        let query = try QueryParser().parse(text)
        return try FTS5Expression(query).text
    }
}
