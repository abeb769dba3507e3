/// One token the analyzer produced: the folded term and the byte range of the word as written.
///
/// `"Kata'ib"` at offset 10 → `Token(term: "kataib", start: 10, end: 17, colocated: false)`, followed by
/// its name key `Token(term: "#ktb", start: 10, end: 17, colocated: true)`.
public struct Token: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The term as stored in the index (a stem, or a name key starting with `#`).
    public var term: String
    /// UTF-8 byte offset of the first byte of the word in the analysed text.
    public var start: Int
    /// UTF-8 byte offset one past the last byte of the word.
    public var end: Int
    /// True when this token sits at the same position as the one before it (an FTS5 colocated synonym).
    public var colocated: Bool

    /// Creates a token.
    public init(term: String, start: Int, end: Int, colocated: Bool = false) {
        self.term = term
        self.start = start
        self.end = end
        self.colocated = colocated
    }

    /// `term@start-end`, with a `+` before colocated tokens.
    public var description: String { "\(colocated ? "+" : "")\(term)@\(start)-\(end)" }
}
