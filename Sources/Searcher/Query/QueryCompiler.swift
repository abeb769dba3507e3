import Indexer

/// Query text → query tree → expanded tree → FTS5 expression: the query side of the pipeline in one call.
enum QueryCompiler {
    /// The FTS5 expression for `text`, with lexicon names expanded when a lexicon is given; throws
    /// `SearchError.syntax` for a malformed query.
    static func expression(for text: String, lexicon: Lexicon?) throws(SearchError) -> String {
        var query = try QueryParser().parse(text)
        if let lexicon {
            let typed = QueryCompiler.words(of: query)
            query = QueryExpander(lexicon: lexicon).expand(query)
            query = QueryCompiler.rankingTypedSpelling(query, typed: typed)
        }
        return try FTS5Expression(query).text
    }

    /// The plain words of `query` as typed.
    static func words(of query: Query) -> Set<String> {
        var words: Set<String> = []
        _ = query.mapTerms { term, _ in
            if case .word(let w) = term { words.insert(w) }
            return term
        }
        return words
    }

    /// Every typed name word `W` (one that has name keys, so other spellings match it) becomes `exact(W) OR W`:
    /// a document holding the spelling as typed matches both, one holding only another spelling (or a word that
    /// merely shares a key) matches one, so bm25 ranks the typed spelling first at equal term frequency. Words
    /// inside NEAR and exclusions are left alone (a NEAR operand must stay a term; excluding needs no rank).
    static func rankingTypedSpelling(_ query: Query, typed: Set<String>) -> Query {
        let analyzer = Analyzer()
        return query.mapTerms { term, context in
            guard case .word(let w) = term, typed.contains(w), !context.isExcluded, !context.isInNear,
                analyzer.tokens(w, mode: .query).contains(where: \.colocated)
            else { return term }
            return .or([.word(Analyzer.exactMarker + w), term])
        }
    }
}
