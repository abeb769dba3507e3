import Indexer

/// Query text → query tree → expanded tree → FTS5 expression: the query side of the pipeline in one call.
enum QueryCompiler {
    /// The FTS5 expression for `text`, with lexicon names expanded when a lexicon is given; throws
    /// `SearchError.syntax` for a malformed query.
    static func expression(for text: String, lexicon: Lexicon?) throws(SearchError) -> String {
        var query = try QueryParser().parse(text)
        if let lexicon { query = QueryExpander(lexicon: lexicon).expand(query) }
        return try FTS5Expression(query).text
    }
}
