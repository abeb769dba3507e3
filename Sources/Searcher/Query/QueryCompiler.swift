import Analysis
import Storage

/// Query text → query tree → expanded tree → FTS5 expression: the query side of the pipeline in one call.
enum QueryCompiler {
    /// The spellings an index holds under any of the given name keys (`IndexReader.nameSpellings(keys:)`).
    typealias SpellingLookup = (_ keys: [String]) -> [String]

    /// The spellings an index holds under a key of the same consonant skeleton as one of the given name keys
    /// (`IndexReader.nameSpellings(skeletonOf:)`): candidates sharing no key, held to `NameSimilarity.skeletonThreshold`.
    typealias SkeletonLookup = (_ keys: [String]) -> [String]

    /// The most spellings one query name is replaced by, the most similar first.
    static let maxSpellings = 40

    /// The FTS5 expression for `text`, with lexicon names expanded when a lexicon is given; throws
    /// `SearchError.syntax` for a malformed query, `SearchError.tooComplex` past `maxTerms`. With `spellings`, a name
    /// word asks only for the spellings of the index that `NameSimilarity` accepts (`verdict`); without, for every
    /// word sharing one of its keys.
    static func expression(for text: String, lexicon: Lexicon?, spellings: SpellingLookup? = nil,
                           skeletons: SkeletonLookup? = nil) throws(SearchError) -> String {
        try compile(text, lexicon: lexicon, spellings: spellings, skeletons: skeletons).expression
    }

    /// A compiled query: the FTS5 expression, how its phrases weigh in the ranking, and why each name spelling it asks
    /// for is there.
    struct Compiled {
        /// The FTS5 expression, to be bound to `MATCH ?`.
        var expression: String
        /// One group and weight per phrase of `expression` (see `PhraseWeights`); nil when no name was weighed.
        var weights: PhraseWeights?
        /// The spellings the names of the query were replaced by, keyed by the folded spelling.
        var spellings: [String: SpellingReason]
        /// The folded name spellings of the lexicon's phrases the query was expanded by (`shaabi` of Hashd
        /// al-Shaabi for PMF): a word matched through them is the lexicon's, not a key's.
        var lexiconPhraseSpellings: Set<String> = []
        /// The query as Storage evaluates it, its terms read as written when `exact` (`--exact`: no name keys): what
        /// the searcher passes to every `IndexReader` call that runs it. The mode is an argument, not a fifth stored
        /// property: a larger struct had the optimizer destroy `spellings` through the dictionary type's value
        /// witnesses, a conformance scan on first use (BENCHMARKS.md).
        func match(exact: Bool) -> MatchQuery { MatchQuery(expression, exact: exact, weights: weights) }
    }

    /// Why a query asks for a spelling: the query word it stands for, its similarity to that word, whether the word
    /// came from the lexicon (another name of a lexicon entry typed), and its weight in the ranking.
    struct SpellingReason: Equatable {
        /// The word typed, or the lexicon's name it stands for.
        var word: String
        /// `NameSimilarity` of the word and the spelling, 1 for the word itself.
        var similarity: Double
        /// True when `word` is another name of a lexicon entry the query named, not a word typed.
        var viaLexicon: Bool
        /// How the spelling weighs in the ranking: the similarity, times `lexiconWeight` for a lexicon name; the
        /// best of its reasons when several words ask for it.
        var weight: Double

        /// `rank` is the spelling's `NameSimilarity.rankingSimilarity` to the word (the similarity when nil).
        init(word: String, similarity: Double, viaLexicon: Bool, rank: Double? = nil) {
            self.word = word
            self.similarity = similarity
            self.viaLexicon = viaLexicon
            weight = (rank ?? similarity) * (viaLexicon ? QueryCompiler.lexiconWeight : 1)
        }

        /// Which reason names a spelling asked for by several words: the word typed itself, then a lexicon name
        /// itself (Shaikh for Sheikh is the lexicon's, though the verdict also accepts it), then the heaviest.
        private var precedence: Int { similarity >= 1 ? (viaLexicon ? 1 : 0) : 2 }

        /// `self` and `other` as one reason: the one that names the spelling best, with the higher weight.
        func merged(with other: SpellingReason) -> SpellingReason {
            var best = other.precedence < precedence || (other.precedence == precedence && other.weight > weight) ? other : self
            best.weight = max(weight, other.weight)
            return best
        }
    }

    /// The weight of a lexicon's other name against the name typed (the typed spelling weighs 1): below the typed
    /// spelling, above all but the closest other spellings of it.
    static let lexiconWeight = 0.97

    /// `expression(for:lexicon:spellings:)` with the phrases' ranking weights and the reasons for each spelling.
    static func compile(_ text: String, lexicon: Lexicon?, spellings: SpellingLookup? = nil,
                        skeletons: SkeletonLookup? = nil) throws(SearchError) -> Compiled {
        var query = QueryCompiler.collapsed(try QueryParser().parse(text))
        let typed = QueryCompiler.words(of: query)
        let typedPhrases = QueryCompiler.phrases(of: query)
        if let lexicon { query = QueryCompiler.collapsed(QueryExpander(lexicon: lexicon).expand(query)) }
        let lexiconPhrases = QueryCompiler.phrases(of: query).subtracting(typedPhrases)
        // Counted before the verdict: each name then becomes at most `maxSpellings` + 1 rare exact terms.
        let terms = QueryCompiler.termCount(query)
        if terms > maxTerms { throw .tooComplex(terms: terms, limit: maxTerms) }
        var reasons: [String: SpellingReason] = [:]
        if let lexicon {
            let listed = QueryCompiler.spelledByLexicon(typed, lexicon: lexicon)
            query = QueryCompiler.names(query, typed: typed, spellings: spellings, skeletons: skeletons, listed: listed, reasons: &reasons)
        }
        let expression = try FTS5Expression(query).text
        let weights = reasons.isEmpty ? nil : QueryCompiler.weights(of: query, expression: expression, reasons: reasons)
        // A spelling typed in a phrase of its own stays the key's: the words typed come first, as for a word.
        func nameSpellings(_ phrases: Set<String>) -> Set<String> {
            Set(phrases.flatMap { $0.split(separator: " ").compactMap { nameTerms(of: String($0))?.spelling } })
        }
        let lexiconSpellings = nameSpellings(lexiconPhrases).subtracting(nameSpellings(typedPhrases))
        return Compiled(expression: expression, weights: weights, spellings: reasons, lexiconPhraseSpellings: lexiconSpellings)
    }

    /// The typed words that a lexicon entry lists as written, beside another spelling of them as a word of its own
    /// (Koran: Quran, Qur'an; Shia: Shi'a, Shiah): the lexicon names that word's spellings, so the verdict's
    /// neighbours, which are mostly other words (Goran, Koren for Koran; Chia for Shia), are not asked for, as for a
    /// lexicon name not typed. A spelling the entry does not list (Soleymani, which the lexicon meets by its key as
    /// Soleimani) keeps the verdict: the lexicon does not know its spellings.
    static func spelledByLexicon(_ typed: Set<String>, lexicon: Lexicon) -> Set<String> {
        typed.filter { word in
            guard let spelling = nameTerms(of: word)?.spelling else { return false }
            let bytes = Array(spelling.utf8)
            return lexicon.alternatives(for: [word]).contains { match in
                let spellings = match.entry.names.filter { !$0.contains(" ") }.compactMap { nameTerms(of: $0)?.spelling }
                return match.words == 0..<1 && spellings.contains(spelling) && spellings.contains { o in
                    o != spelling && NameSimilarity.similarityOfNames(bytes, Array(o.utf8)) >= NameSimilarity.threshold
                }
            }
        }
    }

    /// The phrases of `query`, as written.
    static func phrases(of query: Query) -> Set<String> {
        var phrases: Set<String> = []
        _ = query.mapTerms { term, _ in
            if case .phrase(let p) = term { phrases.insert(p) }
            return term
        }
        return phrases
    }

    /// The weights of the phrases of `expression` (the rendering of `query`): each positive operand of a top-level AND
    /// is a group (a phrase of an exclusion has none), a name spelling weighs its reason's weight, any other phrase 1.
    static func weights(of query: Query, expression: String, reasons: [String: SpellingReason]) -> PhraseWeights {
        let phrases = FTS5Expression.phrases(of: expression)
        var groups: [Int] = []
        if case .and(let items) = query {
            var positives = 0
            var ok = true
            for item in items where !item.isExclusion {
                guard let rendered = try? FTS5Expression(item).text else { ok = false; break }
                groups += Array(repeating: positives, count: FTS5Expression.phrases(of: rendered).count)
                positives += 1
            }
            groups += Array(repeating: -1, count: max(0, phrases.count - groups.count))
            if !ok || groups.count != phrases.count { groups = [] }
        }
        if groups.isEmpty { groups = Array(repeating: 0, count: phrases.count) }
        return PhraseWeights(zip(groups, phrases).map { group, phrase in
            guard phrase.hasPrefix(Analyzer.exactMarker), let reason = reasons[String(phrase.dropFirst(Analyzer.exactMarker.count))] else {
                return (group, 1.0)
            }
            return (group, reason.weight)
        })
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
        /// `NameSimilarity.rankingSimilarity` of the two: its weight in the ranking, once accepted.
        var rank: Double = 1
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
    /// With `skeletons`, also the spellings under a key of the same consonant skeleton, accepted only at
    /// `NameSimilarity.skeletonThreshold`.
    static func candidates(of word: String, spellings: SpellingLookup, skeletons: SkeletonLookup? = nil) -> [Candidate]? {
        guard let (typed, keys) = nameTerms(of: word) else { return nil }
        let bytes = Array(typed.utf8)
        var result = [Candidate(spelling: typed, similarity: 1, accepted: true, rank: 1)]
        let sharing = Set(spellings(keys))
        let loose = NameSimilarity.skeletonThreshold > 1 ? [] : Set(skeletons?(keys) ?? []).subtracting(sharing)
        for other in sharing.union(loose) where other != typed && !isEnglishStem(other) {
            let o = Array(other.utf8)
            var s = NameSimilarity.similarityOfNames(bytes, o)
            let glued = o.count > 5 && (o[0] == 0x61 || o[0] == 0x65) && o[1] == 0x6C
                && o.withUnsafeBufferPointer({ NameFolding.hasGluedArticle($0.baseAddress!, count: o.count) })
            let bare = glued ? Array(o.dropFirst(2)) : []
            if glued { s = max(s, NameSimilarity.similarityOfNames(bytes, bare)) }
            let threshold = loose.contains(other) ? max(NameSimilarity.threshold, NameSimilarity.skeletonThreshold) : NameSimilarity.threshold
            let accepted = s >= threshold
            // The ranking's similarity orders accepted spellings only: a rejected one is never asked for.
            var rank = accepted ? NameSimilarity.rankingSimilarity(bytes, o) : 0
            if accepted && glued { rank = max(rank, NameSimilarity.rankingSimilarity(bytes, bare)) }
            result.append(Candidate(spelling: other, similarity: s, accepted: accepted, rank: rank))
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
    static func names(_ query: Query, typed: Set<String>, spellings: SpellingLookup?, skeletons: SkeletonLookup? = nil) -> Query {
        var reasons: [String: SpellingReason] = [:]
        return names(query, typed: typed, spellings: spellings, skeletons: skeletons, reasons: &reasons)
    }

    /// `names(_:typed:spellings:)`, also noting in `reasons` why each spelling is asked for (the best reason when
    /// several words ask for one spelling), from which `weights(of:expression:reasons:)` ranks a document by the best
    /// spelling it holds.
    /// A word of `listed` (`spelledByLexicon`) asks only for itself, as a lexicon name does.
    static func names(_ query: Query, typed: Set<String>, spellings: SpellingLookup?, skeletons: SkeletonLookup? = nil,
                      listed: Set<String> = [], reasons: inout [String: SpellingReason]) -> Query {
        var noted: [String: SpellingReason] = [:]
        let result = query.mapTerms { term, context in
            guard case .word(let w) = term, !context.isInNear else { return term }
            let boost = typed.contains(w) && !context.isExcluded
            // A lexicon name asks only for itself (below), so its spellings are not looked up.
            let lookup: SpellingLookup? = typed.contains(w) ? spellings : spellings.map { _ in { _ in [] } }
            if let lookup, let found = candidates(of: w, spellings: lookup, skeletons: typed.contains(w) ? skeletons : nil) {
                // A lexicon name stands for itself: the lexicon lists the forms it joins, and the neighbours of a
                // short form widen the net (Shia would bring Sie, Chia, SETI). Only a word typed asks for others.
                let accepted = typed.contains(w) && !listed.contains(w) ? found.filter(\.accepted).prefix(maxSpellings) : found.prefix(1)
                if !context.isExcluded {
                    for c in accepted {
                        let reason = SpellingReason(word: w, similarity: c.similarity, viaLexicon: !typed.contains(w), rank: c.rank)
                        noted[c.spelling] = noted[c.spelling].map { $0.merged(with: reason) } ?? reason
                    }
                }
                let asked = accepted.map { Query.word(Analyzer.exactMarker + $0.spelling) }
                let all = boost ? [asked[0]] + asked : Array(asked)
                return all.count == 1 ? all[0] : .or(all)
            }
            guard boost, nameTerms(of: w) != nil || Analyzer().tokens(w, mode: .query).contains(where: \.colocated) else { return term }
            return .or([.word(Analyzer.exactMarker + w), term])
        }
        reasons.merge(noted) { $0.merged(with: $1) }
        return result
    }
}
