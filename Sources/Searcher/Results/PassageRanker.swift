import Storage

/// Chooses a document's best passages for a query from where its matches fall.
///
/// A passage that holds more of the query's different terms wins; then the one with more matches; then the earlier
/// one. `Soleimani Baghdad` prefers a passage naming both over one naming Soleimani three times.
public struct PassageRanker: Sendable {
    /// A passage chosen for display, with its matches.
    public struct Choice: Sendable, Equatable {
        public var ordinal: Int
        public var range: Range<Int>
        /// Matches inside the passage, with ranges relative to the passage start.
        public var matches: [TokenMatch]
    }

    /// Creates a ranker.
    public init() {}

    /// The `count` best passages among `passages` (byte ranges of the body), best first. Only ordinals in `allowed`
    /// are considered when it is given.
    public func best(_ count: Int, passages: [Range<Int>], matches: [TokenMatch], allowed: Set<Int>? = nil) -> [Choice] {
        // Arrays, not a dictionary or set: a new generic type costs the Swift runtime a conformance scan on first use.
        var perPassage = [[TokenMatch]](repeating: [], count: passages.count)
        var p = 0
        for match in matches.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            while p < passages.count && passages[p].upperBound <= match.range.lowerBound { p += 1 }
            guard p < passages.count, passages[p].contains(match.range.lowerBound) else { continue }
            perPassage[p].append(match)
        }
        let allowedPassages = passages.indices.filter { allowed?.contains($0) ?? true }
        // Passages with matches if there are any; otherwise (a title-only match, or a date filter that keeps only
        // passages without matches) the allowed passages in order.
        let withMatches = allowedPassages.filter { !perPassage[$0].isEmpty }
        let candidates = withMatches.isEmpty ? allowedPassages : withMatches
        let scored = candidates.map { ordinal -> (ordinal: Int, distinct: Int, total: Int) in
            let found = perPassage[ordinal]
            let phrases = found.map(\.phrase).sorted()
            let distinct = phrases.indices.filter { $0 == 0 || phrases[$0] != phrases[$0 - 1] }.count
            return (ordinal, distinct, found.count)
        }.sorted { a, b in
            if a.distinct != b.distinct { return a.distinct > b.distinct }
            if a.total != b.total { return a.total > b.total }
            return a.ordinal < b.ordinal
        }
        return scored.prefix(max(0, count)).map { item in
            let range = passages[item.ordinal]
            let inside = perPassage[item.ordinal].map { m in
                TokenMatch(range: (m.range.lowerBound - range.lowerBound)..<(min(m.range.upperBound, range.upperBound) - range.lowerBound),
                           phrase: m.phrase)
            }
            return Choice(ordinal: item.ordinal, range: range, matches: inside)
        }
    }
}
