/// Turns the text of one file into a `ParsedDocument`: front matter, furniture removal, title, date, passages.
///
/// PLACEHOLDER (issue 2): first non-empty line as title, blank-line paragraphs as passages, no date.
public enum DocumentParser {
    /// Parses a document's UTF-8 text. `fileName` is used only as a fallback title.
    public static func parse(_ text: String, fileName: String) -> ParsedDocument {
        let paragraphs = text.split(separator: "\n\n").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        let title = paragraphs.first.map { String($0.split(separator: "\n").first ?? "") }
        return ParsedDocument(title: title ?? fileName, date: nil, url: nil,
                              passages: paragraphs.dropFirst().map { ParsedPassage(text: $0) })
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        var s = self[...]
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
