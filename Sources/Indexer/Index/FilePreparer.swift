import Analysis
import Storage

/// A file made ready for the store on the preparing thread: read, hashed and parsed, or found unchanged or broken.
enum PreparedFile: Sendable {
    /// Same size and time as when its `documents` were stored.
    case unchanged(FoundFile, documents: Int)
    /// A one-document file with new times but the same bytes.
    case touched(FoundFile, StoredFile)
    case failed(FoundFile, SkipReason)
    /// Deleted between the walk and the read: what it yielded before goes too.
    case vanished(FoundFile, SkipReason, previous: [String: StoredFile])
    /// What the file yielded, and what it had yielded before, by document path; `prepared` holds each document's
    /// joined body and recorded tokens (nil for an article left unparsed).
    case parsed(FoundFile, ParsedFile, warning: String?, previous: [String: StoredFile], prepared: [PreparedText?])
    /// Some articles of an archive that more parts follow (the last part is `.parsed`): stored like `.parsed`, with
    /// `previous` holding only these articles' old entries, but the file is not counted until its last part. `bytes`
    /// is the part's share of the archive.
    case archivePart(FoundFile, ParsedFile, previous: [String: StoredFile], prepared: [PreparedText?], bytes: Int64)

    /// The file this is about.
    var file: FoundFile {
        switch self {
        case let .unchanged(file, _), let .touched(file, _), let .failed(file, _), let .vanished(file, _, _), let .parsed(file, _, _, _, _),
             let .archivePart(file, _, _, _, _): return file
        }
    }
}

/// Reads and parses files on a second thread while the caller stores the previous ones, so that the document stage
/// and SQLite's tokenizing and writing use both cores. Files come out in the order they went in.
final class FilePreparer: @unchecked Sendable {
    // @unchecked: every mutable property is only touched with `monitor` locked.
    private let monitor = Monitor()
    private var queue: [PreparedFile] = []
    private var queuedBytes: Int64 = 0
    private var finished = false
    private var cancelled = false
    private let maxItems = 64
    /// Text waiting to be stored, in bytes: parsed and tokenized it takes several times that, and the queue is what
    /// bounds the indexer's memory besides SQLite's cache.
    /// (Parsed, with its recorded tokens, a text takes about six times its size: 8 MB of queued Reuters text made
    /// the peak 67 MB.)
    private let maxBytes: Int64 = 2 * 1_048_576
    /// How much of an archive goes into one part.
    static let archivePartBytes = 512 * 1024

    /// Starts preparing `files`; `previous` holds, by file path, what each yielded before (by document path).
    init(files: [FoundFile], previous: [String: [String: StoredFile]], maxFileSize: Int64, rehash: Bool = false,
         fields: JSONLinesFields, analyzer: Analyzer) {
        Monitor.startThread { [self] in
            let parser = FileParser(fields: fields)
            for file in files {
                let name = file.relativePath.split(separator: "/").last.map(String.init) ?? file.relativePath
                let old = previous[file.path] ?? [:]
                if FileFormat(fileName: name) == .jsonLines, rehash || !FilePreparer.isUnchanged(file, old) {
                    guard streamArchive(file, previous: old, maxArticleSize: maxFileSize, parser: parser, analyzer: analyzer) else { return }
                    continue
                }
                let item = FilePreparer.prepare(file, previous: old, maxFileSize: maxFileSize, rehash: rehash,
                                                parser: parser,
                                                analyzer: analyzer)
                guard push(item, bytes: file.size) else { return }
            }
            monitor.locked {
                finished = true
                monitor.broadcast()
            }
        }
    }

    /// The next prepared file, or nil when all are done.
    func next() -> PreparedFile? {
        monitor.locked {
            while queue.isEmpty && !finished { monitor.wait() }
            guard !queue.isEmpty else { return nil }
            let item = queue.removeFirst()
            if case let .parsed(file, _, _, _, _) = item { queuedBytes -= file.size }
            if case let .archivePart(_, _, _, _, bytes) = item { queuedBytes -= bytes }
            monitor.broadcast()
            return item
        }
    }

    /// Stops the preparing thread early (the caller hit an error).
    func cancel() {
        monitor.locked {
            cancelled = true
            queue.removeAll()
            monitor.broadcast()
        }
    }

    private func push(_ item: PreparedFile, bytes: Int64) -> Bool {
        let weight: Int64
        switch item {
        case .parsed, .archivePart: weight = bytes
        default: weight = 0
        }
        return monitor.locked {
            while !cancelled && (queue.count >= maxItems || (queuedBytes > 0 && queuedBytes + weight > maxBytes)) { monitor.wait() }
            guard !cancelled else { return false }
            queue.append(item)
            queuedBytes += weight
            monitor.broadcast()
            return true
        }
    }

    /// Same size and time as every document it yielded when they were stored.
    static func isUnchanged(_ file: FoundFile, _ previous: [String: StoredFile]) -> Bool {
        !previous.isEmpty && previous.values.allSatisfy { $0.size == file.size && $0.modified == file.modified }
    }

    /// Reads a JSON Lines archive as a stream and pushes its articles in parts of about `archivePartBytes`, so an
    /// archive of any size is held a part at a time; the size limit applies to each article (line), not to the
    /// archive. False when the run was cancelled.
    private func streamArchive(_ file: FoundFile, previous: [String: StoredFile], maxArticleSize: Int64, parser: FileParser,
                               analyzer: Analyzer) -> Bool {
        let stream: LineStream
        switch LineStream.open(path: file.path, limit: maxArticleSize) {
        case .failure(let failure):
            if failure == .vanished { return push(.vanished(file, .file(failure), previous: previous), bytes: 0) }
            return push(.failed(file, .file(failure)), bytes: 0)
        case .success(let s): stream = s
        }
        var known: [String: String] = [:]
        for (path, stored) in previous where path.hasPrefix(file.path + "#") {
            known[String(path.dropFirst(file.path.count + 1))] = stored.hash
        }
        var remaining = previous
        var session = JSONLinesReader.Session(reader: JSONLinesReader(fields: parser.fields), path: file.path, known: known)
        var part = ParsedFile(documents: [])
        var partBytes = 0
        var first = true
        func take() -> (ParsedFile, [String: StoredFile], [PreparedText?]) {
            var old: [String: StoredFile] = [:]
            for d in part.documents {
                if let f = d.fragment, let o = remaining.removeValue(forKey: file.path + "#" + f) { old[file.path + "#" + f] = o }
            }
            let prepared = part.documents.map { $0.document.map { PreparedText($0, analyzer: analyzer) } }
            defer { part = ParsedFile(documents: []); partBytes = 0 }
            return (part, old, prepared)
        }
        while let line = stream.next() {
            switch line {
            case let .text(number, bytes):
                // A UTF-16 archive cannot be read line by line: it is read whole, as before (and limited as a file).
                if first, bytes.count >= 2, bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF {
                    return push(FilePreparer.prepare(file, previous: previous, maxFileSize: maxArticleSize, parser: parser, analyzer: analyzer),
                                bytes: file.size)
                }
                session.read(line: bytes, number: number, into: &part)
                partBytes += bytes.count + 1
            case let .tooLong(number, size):
                part.problems.append(SkippedFile(path: "\(file.path):\(number)", reason: .articleTooLarge(size: Int64(size), limit: maxArticleSize)))
                partBytes += 1
            }
            first = false
            if partBytes >= FilePreparer.archivePartBytes {
                let bytes = Int64(partBytes)
                let (p, old, prepared) = take()
                guard push(.archivePart(file, p, previous: old, prepared: prepared, bytes: bytes), bytes: bytes) else { return false }
            }
        }
        // The last part carries what is left of the old entries: articles no longer in the archive go.
        let bytes = Int64(partBytes)
        let (p, taken, prepared) = take()
        var old = taken
        old.merge(remaining) { a, _ in a }
        return push(.parsed(file, p, warning: nil, previous: old, prepared: prepared), bytes: bytes)
    }

    private static func prepare(_ file: FoundFile, previous: [String: StoredFile], maxFileSize: Int64, rehash: Bool = false,
                                parser: FileParser, analyzer: Analyzer) -> PreparedFile {
        // Same size and time is taken for unchanged unless asked to read every file (--rehash).
        if !rehash, isUnchanged(file, previous) { return .unchanged(file, documents: previous.count) }
        switch SourceReader.read(path: file.path, limit: maxFileSize) {
        case .failure(let failure):
            if failure == .vanished { return .vanished(file, .file(failure), previous: previous) }
            return .failed(file, .file(failure))
        case .success(let text):
            let name = file.relativePath.split(separator: "/").last.map(String.init) ?? file.relativePath
            // A one-document file whose bytes did not change needs no parsing.
            if FileFormat(fileName: name) != .jsonLines, previous.count == 1, let (path, stored) = previous.first,
               path == file.path, stored.hash == text.hash {
                return .touched(file, stored)
            }
            var known: [String: String] = [:]
            for (path, stored) in previous where path.hasPrefix(file.path + "#") {
                known[String(path.dropFirst(file.path.count + 1))] = stored.hash
            }
            let parsed = parser.parse(text.text, path: file.path, fileName: name, hash: text.hash, known: known)
            let prepared = parsed.documents.map { $0.document.map { PreparedText($0, analyzer: analyzer) } }
            return .parsed(file, parsed, warning: text.warning, previous: previous, prepared: prepared)
        }
    }
}
