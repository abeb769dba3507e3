import Storage

/// Rewrites a query so that a name from the entity lexicon also finds the entity's other names.
///
/// `PMF protests` → `(PMF OR "Popular Mobilization Forces" OR "Hashd al-Shaabi" OR …) protests`. Runs of plain words
/// and whole phrases are looked up; prefixes and NEAR groups are left as typed.
public struct QueryExpander: Sendable {
    /// The lexicon names are looked up in.
    public let lexicon: Lexicon

    /// Creates an expander over `lexicon`.
    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
    }

    /// `query` with lexicon names replaced by an OR of the entity's names.
    public func expand(_ query: Query) -> Query {
        switch query {
        case .word:
            let expanded = expandRun([query])
            return expanded.count == 1 ? expanded[0] : .and(expanded)
        case .phrase(let text):
            let words = text.split(separator: " ").map(String.init)
            guard let match = lexicon.alternatives(for: words).first, match.words == 0..<words.count,
                  !match.alternatives.isEmpty else { return query }
            return .or([query] + match.alternatives.map(QueryExpander.node))
        case .prefix, .near:
            return query
        case let .field(field, inner):
            return .field(field, expand(inner))
        case .not(let inner):
            return .not(expand(inner))
        case .or(let children):
            return .or(children.map(expand))
        case .and(let children):
            var result: [Query] = []
            var run: [Query] = []
            for child in children {
                if case .word = child { run.append(child); continue }
                result += expandRun(run)
                run = []
                result.append(expand(child))
            }
            let items = result + expandRun(run)
            // Joining an article can leave one operand: `al zubaydi` is one phrase.
            return items.count == 1 ? items[0] : .and(items)
        }
    }

    /// A run of adjacent plain words, with every lexicon name in it replaced by an OR of the entity's names.
    private func expandRun(_ run: [Query]) -> [Query] {
        guard !run.isEmpty else { return [] }
        let words = run.map { node -> String in
            if case .word(let w) = node { return w }
            return ""
        }
        var result: [Query] = []
        var next = 0
        for match in lexicon.alternatives(for: words) where !match.alternatives.isEmpty {
            result += run[next..<match.words.lowerBound]
            let typed: Query = match.words.count == 1 ? run[match.words.lowerBound] : .phrase(words[match.words].joined(separator: " "))
            // The words as typed stay an alternative in their own right (as an AND when there are several), so
            // expansion never loses a document the plain query would find.
            let asTyped: Query = match.words.count == 1 ? typed : .and(Array(run[match.words]))
            result.append(.or([asTyped] + match.alternatives.map(QueryExpander.node)))
            next = match.words.upperBound
        }
        result += run[next...]
        return QueryExpander.joinArticles(result)
    }

    /// Joins a free-standing article (`al`, `el`) to the plain word after it as one phrase: FTS5 hands each word to
    /// the analyzer alone, and an `al` alone cannot know that a name follows, so `al zubaydi` would ask for the
    /// word `al` and miss Zubaydi. As a phrase the analyzer drops it before a name, as it does in `al-Zubaydi`.
    /// `al zubaydi` → `"al zubaydi"`; before an English word it stays (`Al Gore` asks for al next to gore).
    static func joinArticles(_ items: [Query]) -> [Query] {
        var result: [Query] = []
        var i = 0
        while i < items.count {
            if i + 1 < items.count, case .word(let article) = items[i], case .word(let next) = items[i + 1],
                ["al", "el"].contains(article.lowercased())
            {
                result.append(.phrase(article + " " + next))
                i += 2
                continue
            }
            result.append(items[i])
            i += 1
        }
        return result
    }

    private static func node(_ words: [String]) -> Query {
        words.count == 1 ? .word(words[0]) : .phrase(words.joined(separator: " "))
    }
}
