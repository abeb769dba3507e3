import Analysis
import Storage

/// Turns where a query matched in token positions (a hit's phrase instances, as FTS5 reports them) into the byte
/// ranges of the matched tokens, as tantivy's snippet module does on the search side: the same ranges FTS5's own
/// re-tokenizing gives (`search_offsets`, which `show` uses), found by reading with the index's analyzer only the
/// passages that hold a match, each from the token position it starts at.
struct Highlighter {
    /// The analyzer the index tokenizes with (`IndexReader.analyzer`): its positions are FTS5's.
    let analyzer: Analyzer

    /// `text`'s title and body with the byte ranges of the tokens `instances` name: (column, phrase, first token
    /// position, tokens) quadruples, `DocumentHit.instances`. Where instances overlap, the later one wins, as in
    /// `search_offsets`. Without passage positions (an index upgraded from version 2) the body is read up to its last
    /// match.
    func highlighted(_ text: DocumentText, instances: [Int32]) -> StoredText {
        var result = StoredText(title: text.title, body: text.body, bodyMatches: [], titleMatches: [])
        let passages = text.document.passages
        let starts = text.passageStarts
        // (position, phrase) of every matched token, per column, in position order. Arrays rather than dictionaries:
        // each new generic type costs the Swift runtime a scan of all conformances the first time.
        for column in [FTS5Column.title.rawValue, FTS5Column.body.rawValue] {
            var wanted: [(position: Int32, phrase: Int32, order: Int)] = []
            var i = 0
            while i + 3 < instances.count {
                if instances[i] == column {
                    let (phrase, offset, size) = (instances[i + 1], instances[i + 2], instances[i + 3])
                    for p in offset..<(offset + size) { wanted.append((p, phrase, i)) }
                }
                i += 4
            }
            guard !wanted.isEmpty else { continue }
            wanted.sort { $0.position != $1.position ? $0.position < $1.position : $0.order > $1.order }
            var matches: [TokenMatch] = []
            var value = column == FTS5Column.title.rawValue ? text.title : text.body
            value.withUTF8 { bytes in
                var next = 0
                if column == FTS5Column.body.rawValue, let starts, starts.count == passages.count, Schema.passagesFit(passages, length: bytes.count) {
                    // Only the passages that hold a match are read, each from the position it starts at.
                    var p = 0
                    while next < wanted.count {
                        let position = Int(wanted[next].position)
                        while p + 1 < starts.count && starts[p + 1] <= position { p += 1 }
                        let end = p + 1 < starts.count ? starts[p + 1] : Int.max
                        let range = passages[p]
                        read(UnsafeBufferPointer(rebasing: bytes[range]), offset: range.lowerBound, firstPosition: starts[p],
                             endPosition: end, wanted: wanted, next: &next, into: &matches)
                        // Whatever this passage did not reach (it cannot, unless the text changed) is passed over.
                        while next < wanted.count && Int(wanted[next].position) < end { next += 1 }
                    }
                } else {
                    read(bytes, offset: 0, firstPosition: 0, endPosition: Int.max, wanted: wanted, next: &next, into: &matches)
                }
            }
            if column == FTS5Column.title.rawValue { result.titleMatches = matches } else { result.bodyMatches = matches }
        }
        return result
    }

    /// Tokenizes `bytes` (whose first token has position `firstPosition`) and appends the byte ranges, shifted by
    /// `offset`, of the tokens at `wanted` positions from `next` on, below `endPosition`; advances `next` past them.
    private func read(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int, firstPosition: Int, endPosition: Int,
                      wanted: [(position: Int32, phrase: Int32, order: Int)], next: inout Int, into matches: inout [TokenMatch]) {
        guard next < wanted.count, Int(wanted[next].position) < endPosition else { return }
        var position = firstPosition - 1
        var n = next
        try? analyzer.tokenize(bytes, mode: .offsets) { _, start, end, colocated in
            // A colocated key covers the same bytes as the token before it.
            if colocated { return }
            position += 1
            if position >= endPosition { throw StopReading() }
            guard Int(wanted[n].position) == position else { return }
            if start <= end { matches.append(TokenMatch(range: (start + offset)..<(end + offset), phrase: Int(wanted[n].phrase))) }
            // Skip the overlapped instances of this position (the first, the latest, was taken).
            while n < wanted.count && Int(wanted[n].position) == position { n += 1 }
            if n == wanted.count || Int(wanted[n].position) >= endPosition { throw StopReading() }
        }
        next = n
    }

    private struct StopReading: Error {}
}
