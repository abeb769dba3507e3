/// Which fields of an archive's JSON objects hold what; a dotted name reaches into nested objects
/// (`meta.published`).
///
/// `JSONLinesFields(text: "body", id: "guid")` reads `{"guid": "a1", "body": "…"}`.
public struct JSONLinesFields: Sendable, Equatable {
    public var id: String
    public var title: String
    public var date: String
    public var url: String
    public var text: String

    /// The default mapping: `id`, `title`, `date`, `url`, `text`.
    public init(id: String = "id", title: String = "title", date: String = "date", url: String = "url", text: String = "text") {
        self.id = id
        self.title = title
        self.date = date
        self.url = url
        self.text = text
    }

    /// The mapping as one line, mixed into each article's hash so that a new mapping re-reads the articles.
    var signature: String { [id, title, date, url, text].joined(separator: "\u{1F}") }
}

/// Reads a JSON Lines archive: one article per line, each a JSON object; blank lines are ignored.
///
/// A line that is not a JSON object, lacks the text field or repeats an id is reported with its line number and
/// skipped; the other lines are indexed. The article's id (else its line number) names it: `archive.jsonl#a1`.
public struct JSONLinesReader: Sendable {
    public var fields: JSONLinesFields

    /// Creates a reader using `fields`.
    public init(fields: JSONLinesFields = JSONLinesFields()) {
        self.fields = fields
    }

    /// The articles of the archive whose text is `text`; `path` names the file in problems (`path:line`). An article
    /// whose id and hash are in `known` (stored before, unchanged) is returned without a parsed document.
    public func read(_ text: String, path: String, known: [String: String] = [:]) -> ParsedFile {
        var result = ParsedFile(documents: [])
        var seen: [String: Int] = [:]
        var lineNumber = 0
        // Lines are split on bytes: as a Character, "\r\n" is one grapheme and would not match "\n".
        for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.last == 0x0D ? line.dropLast() : line
            if trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let place = "\(path):\(lineNumber)"
            let object: [String: JSONValue]
            do {
                guard case let .object(o) = try JSONValue.parse(String(decoding: trimmed, as: UTF8.self)) else {
                    result.problems.append(SkippedFile(path: place, reason: "not a JSON object; line skipped"))
                    continue
                }
                object = o
            } catch {
                result.problems.append(SkippedFile(path: place, reason: "not valid JSON (\(error)); line skipped"))
                continue
            }
            guard let body = lookup(fields.text, in: object)?.scalarText else {
                result.problems.append(SkippedFile(path: place, reason: "no text field '\(fields.text)' (choose another with --jsonl-text); line skipped"))
                continue
            }
            let id = lookup(fields.id, in: object)?.scalarText.flatMap { $0.isEmpty ? nil : $0 } ?? String(lineNumber)
            if let first = seen[id] {
                result.problems.append(SkippedFile(path: place, reason: "id '\(id)' already used on line \(first); line skipped"))
                continue
            }
            seen[id] = lineNumber
            let hash = SourceReader.contentHash(Array(trimmed) + Array(fields.signature.utf8))
            if known[id] == hash {
                result.documents.append(SourceDocument(fragment: id, hash: hash, document: nil))
                continue
            }
            let title = lookup(fields.title, in: object)?.scalarText.flatMap { $0.isEmpty ? nil : $0 }
            // The title goes first so the text parser takes it as the title rather than the first paragraph.
            var document = DocumentParser.parse(title.map { $0 + "\n\n" + body } ?? body, fileName: id)
            if let title { document.title = title }
            if let url = lookup(fields.url, in: object)?.scalarText, !url.isEmpty { document.url = url }
            if let dateText = lookup(fields.date, in: object)?.scalarText, !dateText.isEmpty {
                if let date = PartialDate.leadingISO(dateText) {
                    document.date = DocumentDate(date: date, source: .frontMatter)
                } else {
                    result.warnings.append(SkippedFile(path: place, reason: "date '\(dateText)' is not YYYY, YYYY-MM or YYYY-MM-DD; kept the date read from the text, if any"))
                }
            }
            result.documents.append(SourceDocument(fragment: id, hash: hash, document: document))
        }
        return result
    }

    private func lookup(_ name: String, in object: [String: JSONValue]) -> JSONValue? {
        if let direct = object[name] { return direct }
        var current = JSONValue.object(object)
        for part in name.split(separator: ".") {
            guard case let .object(o) = current, let next = o[String(part)] else { return nil }
            current = next
        }
        return current
    }
}
