/// A file made ready for the store on the preparing thread: read, hashed and parsed, or found unchanged or broken.
enum PreparedFile: Sendable {
    /// Same size and time as when its `documents` were stored.
    case unchanged(FoundFile, documents: Int)
    /// A one-document file with new times but the same bytes.
    case touched(FoundFile, StoredFile)
    case failed(FoundFile, String)
    /// Deleted between the walk and the read: what it yielded before goes too.
    case vanished(FoundFile, String, previous: [String: StoredFile])
    /// What the file yielded, and what it had yielded before, by document path; `prepared` holds each document's
    /// joined body and recorded tokens (nil for an article left unparsed).
    case parsed(FoundFile, ParsedFile, warning: String?, previous: [String: StoredFile], prepared: [PreparedText?])

    /// The file this is about.
    var file: FoundFile {
        switch self {
        case let .unchanged(file, _), let .touched(file, _), let .failed(file, _), let .vanished(file, _, _), let .parsed(file, _, _, _, _): return file
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
    private let maxBytes: Int64 = 64 * 1_048_576

    /// Starts preparing `files`; `previous` holds, by file path, what each yielded before (by document path).
    init(files: [FoundFile], previous: [String: [String: StoredFile]], maxFileSize: Int64, rehash: Bool = false,
         fields: JSONLinesFields, analyzer: Analyzer) {
        Monitor.startThread { [self] in
            let parser = FileParser(fields: fields)
            for file in files {
                let item = FilePreparer.prepare(file, previous: previous[file.path] ?? [:], maxFileSize: maxFileSize, rehash: rehash,
                                                parser: parser, analyzer: analyzer)
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
        if case .parsed = item { weight = bytes } else { weight = 0 }
        return monitor.locked {
            while !cancelled && (queue.count >= maxItems || (queuedBytes > 0 && queuedBytes + weight > maxBytes)) { monitor.wait() }
            guard !cancelled else { return false }
            queue.append(item)
            queuedBytes += weight
            monitor.broadcast()
            return true
        }
    }

    private static func prepare(_ file: FoundFile, previous: [String: StoredFile], maxFileSize: Int64, rehash: Bool,
                                parser: FileParser, analyzer: Analyzer) -> PreparedFile {
        // Same size and time is taken for unchanged unless asked to read every file (--rehash).
        if !rehash, !previous.isEmpty, previous.values.allSatisfy({ $0.size == file.size && $0.modified == file.modified }) {
            return .unchanged(file, documents: previous.count)
        }
        switch SourceReader.read(path: file.path, limit: maxFileSize) {
        case .failure(let failure):
            if failure == .vanished { return .vanished(file, failure.description, previous: previous) }
            return .failed(file, failure.description)
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
