import Storage

/// One document made from a file: the whole file, or one article of an archive.
public struct SourceDocument: Sendable, Equatable {
    /// The article's id within an archive (`archive.jsonl#<fragment>`), or nil when the file is the document.
    public var fragment: String?
    /// A hash of what the document was made from, so an unchanged article in a changed archive is skipped.
    public var hash: String
    /// The parsed document; nil when its hash was already known, so it was not parsed again.
    public var document: ParsedDocument?
    /// What its text says about its dates, for a plain-text document whose dates the collection's year can settle
    /// (the writer's last pass resolves them again from this instead of parsing the file a second time).
    var dating: DocumentParser.DatingEvidence?

    /// Creates a document made from a file or an archive's article.
    public init(fragment: String?, hash: String, document: ParsedDocument?) {
        self.fragment = fragment
        self.hash = hash
        self.document = document
    }
}

/// What a file yielded: its documents, and the parts of it that could not be used (a bad line of an archive).
public struct ParsedFile: Sendable, Equatable {
    public var documents: [SourceDocument]
    /// Problems with a place in the file (`archive.jsonl:7`) and a reason; the rest of the file is still indexed.
    public var problems: [SkippedFile]
    /// Things worth saying that did not stop a document from being indexed (a date that could not be read).
    public var warnings: [SkippedFile]

    /// Creates a result.
    public init(documents: [SourceDocument], problems: [SkippedFile] = [], warnings: [SkippedFile] = []) {
        self.documents = documents
        self.problems = problems
        self.warnings = warnings
    }
}

/// The kinds of file the indexer reads, told apart by the file name's ending.
public enum FileFormat: String, Sendable, CaseIterable {
    /// `.txt`, `.md`: plain text, read by `DocumentParser`.
    case text
    /// `.html`, `.htm`: a web page, read by `HTMLParser`.
    case html
    /// `.jsonl`, `.ndjson`: one article per line, read by `JSONLinesReader`.
    case jsonLines

    /// The format of a file called `name`; nil for files the indexer does not read. `"a.HTM"` → `.html`.
    public init?(fileName name: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "txt", "md", "markdown": self = .text
        case "html", "htm": self = .html
        case "jsonl", "ndjson": self = .jsonLines
        default: return nil
        }
    }
}

/// Turns the text of one file into its documents, choosing the reader by the file's format.
public struct FileParser: Sendable {
    /// Which JSON fields of an archive line hold the id, title, date, url and text.
    public var fields: JSONLinesFields

    /// Creates a parser that reads archives with `fields`.
    public init(fields: JSONLinesFields = JSONLinesFields()) {
        self.fields = fields
    }

    /// The documents in `text`, the decoded content of the file at `path` (named `fileName`), whose bytes hash to
    /// `hash`. A file whose name has no known ending (named directly on the command line) is read as plain text.
    /// `known` maps an archive's article ids to the hashes stored for them: those articles are not parsed again.
    public func parse(_ text: String, path: String, fileName: String, hash: String, known: [String: String] = [:]) -> ParsedFile {
        switch FileFormat(fileName: fileName) ?? .text {
        case .text:
            var text = text
            let parsed = text.withUTF8 { DocumentParser.parseKeepingDates(bytes: $0, fileName: fileName, referenceYear: nil) }
            var document = SourceDocument(fragment: nil, hash: hash, document: parsed.document)
            document.dating = parsed.dating
            return ParsedFile(documents: [document])
        case .html:
            do {
                return ParsedFile(documents: [SourceDocument(fragment: nil, hash: hash, document: try HTMLParser.parse(text, fileName: fileName))])
            } catch {
                return ParsedFile(documents: [], problems: [SkippedFile(path: path, reason: .other(error.description))])
            }
        case .jsonLines:
            return JSONLinesReader(fields: fields).read(text, path: path, known: known)
        }
    }
}
