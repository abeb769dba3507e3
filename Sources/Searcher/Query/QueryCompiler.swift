import Analysis
import Storage

/// Query text → query tree → expanded tree → FTS5 expression: the query side of the pipeline in one call.
enum QueryCompiler {
    /// The spellings an index holds under any of the given name keys (`IndexReader.nameSpellings(keys:)`).
    typealias SpellingLookup = (_ keys: [String]) -> [String]

    /// The most spellings one query name is replaced by, the most similar first.
    static let maxSpellings = 40

    /// The FTS5 expression for `text`, with lexicon names expanded when a lexicon is given; throws
    /// `SearchError.syntax` for a malformed query, `SearchError.tooComplex` past `maxTerms`. With `spellings`, a name
    /// word asks only for the spellings of the index that `NameSimilarity` accepts (`verdict`); without, for every
    /// word sharing one of its keys.
    static func expression(for text: String, lexicon: Lexicon?, spellings: SpellingLookup? = nil) throws(SearchError) -> String {
        var query = QueryCompiler.collapsed(try QueryParser().parse(text))
        let typed = QueryCompiler.words(of: query)
        if let lexicon { query = QueryCompiler.collapsed(QueryExpander(lexicon: lexicon).expand(query)) }
        // Counted before the verdict: each name then becomes at most `maxSpellings` + 1 rare exact terms.
        let terms = QueryCompiler.termCount(query)
        if terms > maxTerms { throw .tooComplex(terms: terms, limit: maxTerms) }
        if lexicon != nil { query = QueryCompiler.names(query, typed: typed, spellings: spellings) }
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

    /// The plain words of `query` as typed.
    static func words(of query: Query) -> Set<String> {
        var words: Set<String> = []
        _ = query.mapTerms { term, _ in
            if case .word(let w) = term { words.insert(w) }
            return term
        }
        return words
    }

    /// One spelling the index holds for a query name, with its similarity to the spelling typed.
    struct Candidate: Equatable {
        /// The folded spelling, as the index stores it. `"husain"`.
        var spelling: String
        /// `NameSimilarity` of the typed spelling and this one (a glued article set aside: Almahdi for Mahdi).
        var similarity: Double
        /// At or above `NameSimilarity.threshold`: the query asks for it.
        var accepted: Bool
    }

    /// The query's own spelling and its keys when `word` is a name read as one position, else nil.
    static func nameTerms(of word: String) -> (spelling: String, keys: [String])? {
        let tokens = Analyzer().tokens(word, mode: .query)
        guard tokens.contains(where: \.colocated), tokens.filter({ !$0.colocated }).count == 1,
            let spelling = tokens.last, !spelling.term.hasPrefix("#")
        else { return nil }
        return (spelling.term, tokens.map(\.term).filter { $0.hasPrefix("#") })
    }

    /// The spellings sharing a key with `word` that the index holds, scored, best first; the typed spelling first
    /// of all. Nil when `word` is not a name of one position.
    static func candidates(of word: String, spellings: SpellingLookup) -> [Candidate]? {
        guard let (typed, keys) = nameTerms(of: word) else { return nil }
        let bytes = Array(typed.utf8)
        var result = [Candidate(spelling: typed, similarity: 1, accepted: true)]
        for other in Set(spellings(keys)) where other != typed && !isEnglishStem(other) {
            let o = Array(other.utf8)
            var s = NameSimilarity.similarityOfNames(bytes, o)
            if o.count > 5, o[0] == 0x61 || o[0] == 0x65, o[1] == 0x6C,
                o.withUnsafeBufferPointer({ NameFolding.hasGluedArticle($0.baseAddress!, count: o.count) })
            {
                s = max(s, NameSimilarity.similarityOfNames(bytes, Array(o.dropFirst(2))))
            }
            result.append(Candidate(spelling: other, similarity: s, accepted: s >= NameSimilarity.threshold))
        }
        result[1...].sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.spelling < $1.spelling }
        return result
    }

    /// Endings whose English words stem to the bare spelling (`residents` → `resid`, `moses` → `mose`, `shy` → `shi`).
    static let englishEndings = ["", "e", "s", "es", "y", "ed", "ing", "er", "ers", "ent", "ents", "ence", "ion", "ions", "al", "ity", "ic", "ive", "ate"]

    /// True when an English word is indexed as this very term, its stem: asked for as written, the spelling would
    /// also find that word (`resid` of a headline's RESID finds every `residents`), so the verdict leaves it out.
    static func isEnglishStem(_ spelling: String) -> Bool {
        englishEndings.contains { ending in
            let word = spelling + ending
            return EnglishWords.contains(word) && EnglishStemmer.stem(word) == spelling
        }
    }

    /// Every name word outside NEAR: with `spellings`, an OR of the accepted spellings asked for as written (the
    /// verdict: Sheik finds Sheikh and Shaikh, not SIEG or Sieg); without, its keys as before. A typed name word's
    /// own spelling is asked for once more, so that a document holding the spelling as typed matches one phrase more
    /// and bm25 ranks it above one holding only another spelling. Words inside NEAR keep their keys (a NEAR operand
    /// must stay a term); excluded words get no extra rank.
    static func names(_ query: Query, typed: Set<String>, spellings: SpellingLookup?) -> Query {
        query.mapTerms { term, context in
            guard case .word(let w) = term, !context.isInNear else { return term }
            let boost = typed.contains(w) && !context.isExcluded
            if let spellings, let found = candidates(of: w, spellings: spellings) {
                let asked = found.filter(\.accepted).prefix(maxSpellings).map { Query.word(Analyzer.exactMarker + $0.spelling) }
                let all = boost ? [asked[0]] + asked : Array(asked)
                return all.count == 1 ? all[0] : .or(all)
            }
            guard boost, nameTerms(of: w) != nil || Analyzer().tokens(w, mode: .query).contains(where: \.colocated) else { return term }
            return .or([.word(Analyzer.exactMarker + w), term])
        }
    }
}
