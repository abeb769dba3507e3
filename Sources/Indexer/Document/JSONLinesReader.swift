import Storage

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
        var session = Session(reader: self, path: path, known: known)
        var lineNumber = 0
        // Lines are split on bytes: as a Character, "\r\n" is one grapheme and would not match "\n".
        for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            session.read(line: Array(line), number: lineNumber, into: &result)
        }
        return result
    }

    /// Reads an archive line by line, as a stream: what it keeps between lines is the ids seen and a count of the years
    /// the dated articles carry, never the text, so memory follows the longest article, not the archive.
    public struct Session: Sendable {
        let reader: JSONLinesReader
        let path: String
        let known: [String: String]
        var seen: [String: Int] = [:]
        /// How many articles so far carried each year in their date field: the commonest is the year a year-less
        /// dateline of an article without a date is read in (a wire archive of 1987 is 1987).
        var years: [Int: Int] = [:]

        /// Starts reading the archive at `path`; `known` maps ids to the hashes stored for them.
        public init(reader: JSONLinesReader, path: String, known: [String: String]) {
            self.reader = reader
            self.path = path
            self.known = known
        }

        /// The commonest year of the dates read so far (the earliest on a tie); nil before any.
        var collectionYear: Int? {
            years.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        }

        /// Reads line `number` (its bytes, without the newline), adding its article, problem or warning to `result`.
        public mutating func read(line raw: [UInt8], number lineNumber: Int, into result: inout ParsedFile) {
            var trimmed = raw[...]
            if trimmed.last == 0x0D { trimmed = trimmed.dropLast() }
            if lineNumber == 1, trimmed.starts(with: [0xEF, 0xBB, 0xBF]) { trimmed = trimmed.dropFirst(3) }
            if trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            let fields = reader.fields
            let place = "\(path):\(lineNumber)"
            // Decoded line by line: a stray byte is read as Windows-1252 where it is, and said with its line.
            let lineText: String
            if let valid = String(validating: trimmed, as: UTF8.self) {
                lineText = valid
            } else {
                let repaired = SourceReader.decodeLocally(trimmed)
                lineText = repaired.text
                if let warning = repaired.warning { result.warnings.append(SkippedFile(path: place, reason: .other(warning))) }
            }
            let object: [String: JSONValue]
            do {
                guard case let .object(o) = try JSONValue.parse(lineText) else {
                    result.problems.append(SkippedFile(path: place, reason: .other("not a JSON object; line skipped")))
                    return
                }
                object = o
            } catch {
                result.problems.append(SkippedFile(path: place, reason: .other("not valid JSON (\(error)); line skipped")))
                return
            }
            guard let body = reader.lookup(fields.text, in: object)?.scalarText else {
                result.problems.append(SkippedFile(path: place, reason: .missingTextField(fields.text)))
                return
            }
            let id = reader.lookup(fields.id, in: object)?.scalarText.flatMap { $0.isEmpty ? nil : $0 } ?? String(lineNumber)
            if let first = seen[id] {
                result.problems.append(SkippedFile(path: place, reason: .other("id '\(id)' already used on line \(first); line skipped")))
                return
            }
            seen[id] = lineNumber
            let hash = SourceReader.contentHash(Array(trimmed) + Array(fields.signature.utf8))
            let dateText = reader.lookup(fields.date, in: object)?.scalarText.flatMap { $0.isEmpty ? nil : $0 }
            let fieldDate = dateText.flatMap { PartialDate.leadingISO($0) }
            if let y = fieldDate?.year { years[y, default: 0] += 1 }
            if known[id] == hash {
                result.documents.append(SourceDocument(fragment: id, hash: hash, document: nil))
                return
            }
            let title = reader.lookup(fields.title, in: object)?.scalarText.flatMap { $0.isEmpty ? nil : $0 }
            // The title goes first so the text parser takes it as the title rather than the first paragraph. Without
            // a date field the article is dated from its text like a file, a year-less dateline in the archive's year.
            var document = DocumentParser.parse(title.map { $0 + "\n\n" + body } ?? body, fileName: id,
                                                referenceYear: fieldDate == nil ? collectionYear : nil)
            if let title { document.title = title }
            if let url = reader.lookup(fields.url, in: object)?.scalarText, !url.isEmpty { document.url = url }
            if let date = fieldDate {
                document.date = DocumentDate(date: date, source: .frontMatter)
            } else if let dateText {
                result.warnings.append(SkippedFile(path: place, reason: .other("date '\(dateText)' is not YYYY, YYYY-MM or YYYY-MM-DD; kept the date read from the text, if any")))
            }
            result.documents.append(SourceDocument(fragment: id, hash: hash, document: document))
        }
    }

    func lookup(_ name: String, in object: [String: JSONValue]) -> JSONValue? {
        if let direct = object[name] { return direct }
        var current = JSONValue.object(object)
        for part in name.split(separator: ".") {
            guard case let .object(o) = current, let next = o[String(part)] else { return nil }
            current = next
        }
        return current
    }
}
