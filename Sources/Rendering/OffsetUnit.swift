import Searcher

/// What the highlight ranges of JSON output count: UTF-8 bytes (the default, as stored) or Unicode code points,
/// which is what Python's `str`, JavaScript's `Array.from` and jq's `.[a:b]` slice by.
package enum OffsetUnit: String, CaseIterable, Sendable {
    case bytes, chars

    /// `ranges` (UTF-8 byte offsets into `text`) counted in this unit. `"Kāẓim Baghdad"`, `[[9, 16]]` → `[[6, 13]]`.
    package func convert(_ ranges: [[Int]], in text: String) -> [[Int]] {
        guard self == .chars, !ranges.isEmpty else { return ranges }
        // Code points before each byte offset, in one pass: a code point starts at every byte that is not 10xxxxxx.
        var before = [Int](repeating: 0, count: text.utf8.count + 1)
        var count = 0
        for (i, b) in text.utf8.enumerated() {
            before[i] = count
            if b & 0xC0 != 0x80 { count += 1 }
        }
        before[text.utf8.count] = count
        // An offset past the end (never made by the searcher) is kept within the text rather than trapping.
        return ranges.map { range in range.map { before[min(max($0, 0), text.utf8.count)] } }
    }

    /// The result with its three kinds of ranges counted in this unit.
    package func convert(_ result: SearchResult) -> SearchResult {
        guard self == .chars else { return result }
        var r = result
        r.highlights = convert(r.highlights, in: r.text)
        r.snippetHighlights = convert(r.snippetHighlights, in: r.snippet)
        r.titleHighlights = convert(r.titleHighlights, in: r.title ?? "")
        return r
    }

    /// The response with every result's ranges counted in this unit.
    package func convert(_ response: SearchResponse) -> SearchResponse {
        guard self == .chars else { return response }
        var r = response
        r.results = r.results.map(convert)
        return r
    }

    /// The document view with its title's and passages' ranges counted in this unit.
    package func convert(_ view: DocumentView) -> DocumentView {
        guard self == .chars else { return view }
        var v = view
        v.titleHighlights = convert(v.titleHighlights, in: v.title ?? "")
        for i in v.passages.indices { v.passages[i].highlights = convert(v.passages[i].highlights, in: v.passages[i].text) }
        return v
    }
}
