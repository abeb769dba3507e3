import Searcher

/// Writes search results as compact JSON, byte for byte what `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` writes, without its reflection, which was a sizeable part of a query. JSONWriterTests
/// compare the two on tricky values.
package struct JSONWriter {
    /// The JSON written so far, UTF-8.
    package private(set) var bytes: [UInt8] = []

    /// An empty writer.
    package init() {}

    /// A whole response: `{"query":…,"results":[…],"total":…,"undated_excluded":…}`.
    package mutating func write(_ response: SearchResponse) {
        byte(0x7B)
        key("query", first: true); string(response.query)
        key("results")
        byte(0x5B)
        for (i, result) in response.results.enumerated() {
            if i > 0 { byte(0x2C) }
            write(result)
        }
        byte(0x5D)
        key("total"); integer(response.total)
        key("undated_excluded"); integer(response.undatedExcluded)
        byte(0x7D)
    }

    /// One result, its keys in sorted order.
    package mutating func write(_ result: SearchResult) {
        byte(0x7B)
        key("date", first: true); optional(result.date)
        key("date_source"); optional(result.dateSource)
        key("doc"); string(result.doc)
        key("highlights"); ranges(result.highlights)
        key("matched")
        byte(0x5B)
        for (i, word) in result.matched.enumerated() {
            if i > 0 { byte(0x2C) }
            string(word)
        }
        byte(0x5D)
        key("matched_spellings")
        byte(0x5B)
        for (i, m) in result.matchedSpellings.enumerated() {
            if i > 0 { byte(0x2C) }
            byte(0x7B)
            key("query", first: true); optional(m.query)
            key("reason"); string(m.reason.rawValue)
            key("similarity")
            if let s = m.similarity { double(s) } else { bytes += Array("null".utf8) }
            key("written"); string(m.written)
            byte(0x7D)
        }
        byte(0x5D)
        key("passage"); integer(result.passage)
        key("path"); string(result.path)
        key("score"); double(result.score)
        key("snippet"); string(result.snippet)
        key("snippet_highlights"); ranges(result.snippetHighlights)
        key("text"); string(result.text)
        key("title"); optional(result.title)
        key("title_highlights"); ranges(result.titleHighlights)
        key("url"); optional(result.url)
        byte(0x7D)
    }

    /// Ends a line (JSON Lines).
    package mutating func newline() { byte(0x0A) }

    private mutating func byte(_ b: UInt8) { bytes.append(b) }

    private mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { byte(0x2C) }
        byte(0x22)
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [0x22, 0x3A])
    }

    private mutating func optional(_ value: String?) {
        if let value { string(value) } else { bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }
    }

    private mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// As `JSONEncoder`: the shortest round-tripping form, without a trailing `.0` (`23.427084`, `1`, `1e-07`).
    private mutating func double(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func ranges(_ value: [[Int]]) {
        byte(0x5B)
        for (i, range) in value.enumerated() {
            if i > 0 { byte(0x2C) }
            byte(0x5B)
            for (j, n) in range.enumerated() {
                if j > 0 { byte(0x2C) }
                integer(n)
            }
            byte(0x5D)
        }
        byte(0x5D)
    }

    /// A string: quotes and backslashes escaped, control characters as `\n`-style or `\u001f`-style escapes,
    /// everything else (slashes, DEL, all non-ASCII) as is.
    private mutating func string(_ value: String) {
        byte(0x22)
        for b in value.utf8 {
            switch b {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: byte(b)
            }
        }
        byte(0x22)
    }
}
