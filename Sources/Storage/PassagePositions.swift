import Analysis
/// Where each passage of a body starts in FTS5's token positions, stored with the document
/// (`documents.passage_positions`).
///
/// FTS5 reports a match as a token position; a result shows byte ranges. Knowing the position each passage starts at,
/// a query finds the passages its matches fall in and re-tokenizes only those, not the whole body up to the last
/// match. Passages `0..<12` and `14..<30` of
/// `"Soleimani spoke.\n\nHe left Baghdad."` start at positions `[0, 2]`.
enum PassagePositions {
    /// The position of the first token at or after each range's start (the token count when none follows), from
    /// the tokens' (start, colocated) in order; colocated tokens share their word's position.
    static func compute(ranges: [Range<Int>], tokens: (_ visit: (_ start: Int, _ colocated: Bool) -> Void) -> Void) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(ranges.count)
        var position = 0
        tokens { start, colocated in
            if colocated { return }
            while result.count < ranges.count && ranges[result.count].lowerBound <= start { result.append(position) }
            position += 1
        }
        while result.count < ranges.count { result.append(position) }
        return result
    }

    /// The positions of `ranges` in `body` as the document mode tokenizes it, read through the offsets mode.
    static func compute(ranges: [Range<Int>], body: String, analyzer: Analyzer) -> [Int] {
        var copy = body
        return copy.withUTF8 { bytes in
            compute(ranges: ranges) { visit in
                analyzer.tokenize(bytes, mode: .offsets) { _, start, _, colocated in visit(start, colocated) }
            }
        }
    }

    /// Packs positions as little-endian UInt32s.
    static func pack(_ positions: [Int]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(positions.count * 4)
        for p in positions {
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: p).littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// Unpacks `pack`'s bytes; nil for a missing value (an index written before version 3 filled it in).
    static func unpack(_ bytes: [UInt8]?) -> [Int]? {
        guard let bytes, !bytes.isEmpty else { return nil }
        return bytes.withUnsafeBytes { raw in
            (0..<(raw.count / 4)).map { Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }
}
