import Analysis
import Storage

/// Metadata written at the top of a file, which wins over anything the parser would guess.
///
/// Two forms are accepted:
/// - a YAML-style block between `---` lines (any keys; unknown ones are ignored), closed within 64 lines;
/// - the same `key: value` lines without `---`, but only when every line of the first block is a known key
///   (`title`, `date`, `url`, `link`, `published`, `author`, `source`, `tags`, …), at least one of them is
///   `title`, `date` or `url`, and a blank line or the end of the file follows — so prose that happens to
///   start with "Date: …" on a longer line is not taken for metadata.
///
/// ```
/// ---
/// title: Iraq: Khamenei desperate
/// date: 2019-11-10
/// url: https://example.org/a
/// ---
/// ```
public struct FrontMatter: Sendable, Equatable {
    /// The `title:` value, unquoted.
    public var title: String?
    /// The `date:` (or `published:`) value: ISO `2019-11-10`, `2019-11`, `2019`, a timestamp, or
    /// English like `November 10, 2019`.
    public var date: PartialDate?
    /// The `url:` (or `link:`) value.
    public var url: String?

    /// Creates front matter from its values.
    public init(title: String? = nil, date: PartialDate? = nil, url: String? = nil) {
        self.title = title
        self.date = date
        self.url = url
    }

    static let knownKeys: Set<String> = [
        "title", "date", "url", "link", "published", "updated", "author", "authors", "source", "tags",
        "categories", "category", "lang", "language", "description", "summary", "id",
    ]

    /// Reads front matter starting at byte `start`; returns it with the offset where the body starts,
    /// or nil when the file has none.
    static func read(_ b: ByteText.Bytes, from start: Int) -> (FrontMatter, body: Int)? {
        var lines = LineReader(b, from: start)
        // Leading blank lines before the block are allowed.
        var first = lines.next()
        while let l = first, ByteText.trim(b, l.text).isEmpty { first = lines.next() }
        guard let firstLine = first else { return nil }
        let t = ByteText.trim(b, firstLine.text)
        var fields: [(String, String)] = []
        if isFence(b, t) {
            for _ in 0..<64 {
                guard let l = lines.next() else { return nil }
                let lt = ByteText.trim(b, l.text)
                if isFence(b, lt) || lt.count == 3 && b[lt.lowerBound] == 0x2E && b[lt.lowerBound + 1] == 0x2E && b[lt.lowerBound + 2] == 0x2E {
                    return make(fields).map { ($0, l.next) }
                }
                if lt.count <= 2000, let f = field(ByteText.string(b, lt)) { fields.append(f) }
            }
            return nil
        }
        var line: LineReader.Line? = firstLine
        var end = firstLine.next
        while let l = line {
            let lt = ByteText.trim(b, l.text)
            if lt.isEmpty { break }
            // Only a short line that starts with a letter and has a colon early can be a field.
            guard lt.count <= 2000, ByteText.isLetter(b[lt.lowerBound]),
                  (lt.lowerBound..<min(lt.upperBound, lt.lowerBound + 33)).contains(where: { b[$0] == 0x3A }),
                  let f = field(ByteText.string(b, lt)), knownKeys.contains(f.0) else { return nil }
            fields.append(f)
            end = l.next
            line = lines.next()
        }
        guard fields.contains(where: { $0.0 == "title" || $0.0 == "date" || $0.0 == "url" }) else { return nil }
        return make(fields).map { ($0, end) }
    }

    /// Whether the line is `---`.
    static func isFence(_ b: ByteText.Bytes, _ r: Range<Int>) -> Bool {
        r.count == 3 && b[r.lowerBound] == 0x2D && b[r.lowerBound + 1] == 0x2D && b[r.lowerBound + 2] == 0x2D
    }

    /// `Key: "value"` → ("key", "value"); nil when the line is not a key-value pair.
    static func field(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[..<colon]
        guard !key.isEmpty, key.count <= 32,
              key.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "_" || $0 == "-" }) else { return nil }
        var value = line[line.index(after: colon)...].trimmingSpaces()
        if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f {
            value = String(value.dropFirst().dropLast())
        }
        return (key.lowercased(), value)
    }

    static func make(_ fields: [(String, String)]) -> FrontMatter? {
        var fm = FrontMatter()
        var published: PartialDate?
        for (k, v) in fields where !v.isEmpty {
            switch k {
            case "title": fm.title = v
            case "date": fm.date = DateExtractor.parseDate(v)
            case "published": published = DateExtractor.parseDate(v)
            case "url": fm.url = v
            case "link": if fm.url == nil { fm.url = v }
            default: break
            }
        }
        if fm.date == nil { fm.date = published }
        return fm
    }
}

/// Walks the lines of a buffer: LF, CRLF and lone CR all end a line.
struct LineReader {
    struct Line {
        /// The line's bytes without its terminator.
        var text: Range<Int>
        /// Offset where the following line starts.
        var next: Int
    }

    let b: ByteText.Bytes
    var i: Int

    init(_ b: ByteText.Bytes, from start: Int) {
        self.b = b
        self.i = start
    }

    mutating func next() -> Line? {
        let n = b.count
        guard i < n else { return nil }
        let s = i
        while i < n && b[i] != 0x0A && b[i] != 0x0D { i += 1 }
        let e = i
        if i < n {
            if b[i] == 0x0D && i + 1 < n && b[i + 1] == 0x0A { i += 2 } else { i += 1 }
        }
        return Line(text: s..<e, next: i)
    }
}

// The document readers' use of the one trimmer (Analysis's `trimming(where:)`): front matter, mail headers, HTML
// meta values and metadata dates trim any whitespace.
extension String {
    /// The string without leading and trailing whitespace.
    func trimmingSpaces() -> String { trimming(where: \.isWhitespace) }
}

extension Substring {
    /// The substring without leading and trailing whitespace, as a string.
    func trimmingSpaces() -> String { trimming(where: \.isWhitespace) }
}
