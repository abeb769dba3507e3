/// A file made ready for the store on the preparing thread: read, hashed and parsed, or found unchanged or broken.
enum PreparedFile: Sendable {
    case unchanged(FoundFile, StoredFile)
    case touched(FoundFile, StoredFile)
    case failed(FoundFile, String)
    case parsed(FoundFile, ParsedDocument, hash: String, warning: String?, previous: StoredFile?)
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

    /// Starts preparing `files`; `stored` tells which were indexed before.
    init(files: [FoundFile], stored: [String: StoredFile], maxFileSize: Int64) {
        Monitor.startThread { [self] in
            for file in files {
                let item = FilePreparer.prepare(file, previous: stored[file.path], maxFileSize: maxFileSize)
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

    private static func prepare(_ file: FoundFile, previous: StoredFile?, maxFileSize: Int64) -> PreparedFile {
        if let previous, previous.size == file.size, previous.modified == file.modified {
            return .unchanged(file, previous)
        }
        switch SourceReader.read(path: file.path, limit: maxFileSize) {
        case .failure(let failure):
            return .failed(file, failure.description)
        case .success(let text):
            if let previous, previous.hash == text.hash { return .touched(file, previous) }
            let name = file.relativePath.split(separator: "/").last.map(String.init) ?? file.relativePath
            let document = DocumentParser.parse(text.text, fileName: name)
            return .parsed(file, document, hash: text.hash, warning: text.warning, previous: previous)
        }
    }
}
