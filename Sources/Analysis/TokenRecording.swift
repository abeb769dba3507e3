/// The tokens the analyzer made of one text, recorded so that the FTS5 tokenizer can replay them.
///
/// The indexer analyses documents on its preparing thread and hands the recordings to the tokenizer that SQLite calls
/// on the writing thread, so both cores work: SQLite's insert is the bottleneck, and the analyzer was part of it.
/// `replay` and `visitStarts` are public and inlinable so that Storage's tokenizer inlines them (Swift does not inline
/// a `package` function across modules; see Benchmarks/house/README.md for what the opaque call cost).
public struct TokenRecording: Sendable {
    /// Byte length of the analysed text: a recording is replayed only for a text of the same length.
    package let textLength: Int
    /// All term bytes, one after the other.
    @usableFromInline private(set) var terms: [UInt8] = []
    /// Per token: end of its term in `terms`, start and end in the text, and 1 when colocated.
    @usableFromInline private(set) var entries: [Int32] = []

    /// Records the document-mode tokens of `text`.
    package init(_ text: String, analyzer: Analyzer) {
        var copy = text
        textLength = copy.utf8.count
        terms.reserveCapacity(textLength)
        entries.reserveCapacity(textLength / 2)
        copy.withUTF8 { buffer in
            analyzer.tokenize(buffer, mode: .document) { term, start, end, colocated in
                terms.append(contentsOf: term)
                entries.append(Int32(truncatingIfNeeded: terms.count))
                entries.append(Int32(truncatingIfNeeded: start))
                entries.append(Int32(truncatingIfNeeded: end))
                entries.append(colocated ? 1 : 0)
            }
        }
    }

    /// Calls `visit` with the start and the colocated flag of every recorded token, in order.
    @inlinable public func visitStarts(_ visit: (_ start: Int, _ colocated: Bool) -> Void) {
        var i = 0
        while i + 3 < entries.count {
            visit(Int(entries[i + 1]), entries[i + 3] != 0)
            i += 4
        }
    }

    /// Calls `emit` for every recorded token, as the analyzer did; stops at the first error `emit` throws.
    @inlinable public func replay(_ emit: (_ term: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ colocated: Bool) throws -> Void) rethrows {
        try terms.withUnsafeBufferPointer { termBytes in
            var from = 0
            var i = 0
            while i + 3 < entries.count {
                let to = Int(entries[i])
                try emit(UnsafeBufferPointer(rebasing: termBytes[from..<to]), Int(entries[i + 1]), Int(entries[i + 2]), entries[i + 3] != 0)
                from = to
                i += 4
            }
        }
    }
}
