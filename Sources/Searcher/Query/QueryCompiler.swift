import Indexer

/// Query text → query tree → expanded tree → FTS5 expression: the query side of the pipeline in one call.
enum QueryCompiler {
    /// The FTS5 expression for `text`, with lexicon names expanded when a lexicon is given; throws
    /// `SearchError.syntax` for a malformed query.
    static func expression(for text: String, lexicon: Lexicon?) throws(SearchError) -> String {
        var query = QueryCompiler.collapsed(try QueryParser().parse(text))
        if let lexicon { query = QueryCompiler.collapsed(QueryExpander(lexicon: lexicon).expand(query)) }
        let terms = QueryCompiler.termCount(query)
        if terms > maxTerms { throw .tooComplex(terms: terms, limit: maxTerms) }
        return try FTS5Expression(query).text
    }

    /// The most words, phrases and prefixes one query may look up after repeats are collapsed and names expanded.
    /// FTS5 reads each one's posting list and the ranking and highlighting visit every instance, so cost grows with
    /// terms × their occurrences: a pasted paragraph of common words took minutes. A query with a dozen names and
    /// their other names stays well below this.
    static let maxTerms = 128

    /// `query` with repeated operands of an AND or OR given once: `war war war` asks for one word, as FTS5 would
    /// match it, but evaluating a thousand copies took minutes. Operands that differ in any way (case, quoting)
    /// stay: the analyzer may read them differently.
    static func collapsed(_ query: Query) -> Query {
        func unique(_ children: [Query]) -> [Query] {
            var seen: Set<String> = []
            return children.map(collapsed).filter { seen.insert($0.description).inserted }
        }
        switch query {
        case .word, .phrase, .prefix: return query
        case let .near(children, distance): return .near(children, distance: distance)
        case let .field(field, inner): return .field(field, collapsed(inner))
        case let .not(inner): return .not(collapsed(inner))
        case let .and(children):
            let kept = unique(children)
            return kept.count == 1 ? kept[0] : .and(kept)
        case let .or(children):
            let kept = unique(children)
            return kept.count == 1 ? kept[0] : .or(kept)
        }
    }

    /// How many words, phrases and prefixes `query` looks up.
    static func termCount(_ query: Query) -> Int {
        switch query {
        case .word, .phrase, .prefix: return 1
        case let .near(children, _), let .and(children), let .or(children): return children.reduce(0) { $0 + termCount($1) }
        case let .field(_, inner), let .not(inner): return termCount(inner)
        }
    }
}
