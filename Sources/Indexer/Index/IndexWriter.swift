/// How an `index` run went: what happened to each document, counted (a file is one document, an archive many).
public struct IndexSummary: Sendable, Equatable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var removed = 0
    /// Files of other kinds that were passed over.
    public var otherFiles = 0
    /// Files that could not be indexed, with the reason.
    public var failed: [SkippedFile] = []
    /// Files indexed with a warning (e.g. an encoding guess).
    public var warnings: [SkippedFile] = []
    public var passages = 0
    /// Bytes of the files that were read and indexed.
    public var bytes: Int64 = 0
    /// Files walked, whether indexed or skipped as unchanged.
    public var files = 0
    public init() {}
}

/// Progress of an `index` run, reported before every file and once at the end.
public struct IndexProgress: Sendable, Equatable {
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int64
    public var bytesTotal: Int64
    /// The file being read now (relative to its folder); empty in the last report.
    public var currentFile: String

    /// Creates a report.
    public init(filesDone: Int, filesTotal: Int, bytesDone: Int64, bytesTotal: Int64, currentFile: String) {
        self.filesDone = filesDone
        self.filesTotal = filesTotal
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
        self.currentFile = currentFile
    }
}

/// Settings of an `index` run.
public struct IndexOptions: Sendable {
    /// Files larger than this are skipped with a message, so memory stays bounded.
    public var maxFileSize: Int64 = 256 * 1_048_576
    /// Seconds to wait for another writer to finish before giving up.
    public var waitForLock: Double = 0
    /// Commit after this many bytes of text, so a crash loses at most one batch and memory stays bounded.
    public var batchBytes: Int64 = 32 * 1_048_576
    /// Which fields of a JSON Lines archive hold the id, title, date, url and text.
    public var jsonLinesFields = JSONLinesFields()
    public init() {}
}

/// Builds and updates the index from folders of files: walk → read → parse → store, incrementally.
///
/// Unchanged files (same size and time, or same content hash) are skipped, changed ones replaced, deleted ones removed.
/// Work is committed in batches; a killed run leaves the index as it was after the last committed batch.
public final class IndexWriter {
    /// The database file.
    public let path: String
    private let database: Database
    private let store: DocumentStore
    private let lock: WriterLock
    private let options: IndexOptions

    /// Opens (creating if needed) the index at `path` for writing and takes the writer lock.
    public init(path: String, options: IndexOptions = IndexOptions(), analyzer: Analyzer = Analyzer()) throws(IndexError) {
        self.path = path
        self.options = options
        lock = try WriterLock(database: path, wait: options.waitForLock)
        database = try Database(path: path, access: .readWrite, analyzer: analyzer)
        database.setBusyTimeout(milliseconds: 5_000)
        try database.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16000; PRAGMA temp_store = MEMORY",
                             context: "configuring the index")
        try Schema.prepare(database, create: true)
        store = try DocumentStore(database: database)
    }

    /// Indexes every `.txt`, `.md`, `.html` and `.jsonl` file under each of `roots` (folders or files).
    public func index(_ roots: [String], progress: ((IndexProgress) -> Void)? = nil) throws(IndexError) -> IndexSummary {
        var summary = IndexSummary()
        var walks: [(root: String, walker: FileWalker)] = []
        for root in roots {
            walks.append((FileWalker.absolute(root), try FileWalker(root: root)))
        }
        let filesTotal = walks.reduce(0) { $0 + $1.walker.files.count }
        let bytesTotal = walks.reduce(Int64(0)) { $0 + $1.walker.files.reduce(0) { $0 + $1.size } }
        var done = 0
        var bytesDone: Int64 = 0
        for (root, walker) in walks {
            summary.otherFiles += walker.otherFiles
            summary.failed += walker.problems
            var stored = try store.storedFiles(under: root)
            let archives = IndexWriter.articlesByArchive(&stored, files: walker.files)
            var batchBytes: Int64 = 0
            try database.execute("BEGIN IMMEDIATE", context: "starting a batch")
            do {
                for file in walker.files {
                    progress?(IndexProgress(filesDone: done, filesTotal: filesTotal, bytesDone: bytesDone,
                                            bytesTotal: bytesTotal, currentFile: file.relativePath))
                    var previous = archives[file.path] ?? [:]
                    if let single = stored.removeValue(forKey: file.path) { previous[file.path] = single }
                    try indexFile(file, previous: previous, summary: &summary)
                    summary.files += 1
                    done += 1
                    bytesDone += file.size
                    batchBytes += file.size
                    if batchBytes >= options.batchBytes {
                        try database.execute("COMMIT; BEGIN IMMEDIATE", context: "committing a batch")
                        batchBytes = 0
                    }
                }
                // Whatever is left was indexed under this folder before and is gone now. A single file named
                // on the command line says nothing about its neighbours, so only folders remove.
                if walker.isFolder {
                    for (_, file) in stored.sorted(by: { $0.key < $1.key }) {
                        try store.remove(id: file.id)
                        summary.removed += 1
                    }
                }
                try database.execute("COMMIT", context: "committing a batch")
            } catch {
                try? database.execute("ROLLBACK", context: "rolling back")
                throw error
            }
        }
        progress?(IndexProgress(filesDone: done, filesTotal: filesTotal, bytesDone: bytesDone, bytesTotal: bytesTotal, currentFile: ""))
        return summary
    }

    /// Takes the stored articles of the archives among `files` out of `stored`, grouped by archive path.
    ///
    /// An article is stored as `<archive path>#<id>`; a file that really is called `x.jsonl#1.txt` stays its own.
    static func articlesByArchive(_ stored: inout [String: StoredFile], files: [FoundFile]) -> [String: [String: StoredFile]] {
        let archivePaths = Set(files.filter { FileFormat(fileName: $0.relativePath) == .jsonLines }.map(\.path))
        guard !archivePaths.isEmpty else { return [:] }
        let filePaths = Set(files.map(\.path))
        var grouped: [String: [String: StoredFile]] = [:]
        for key in Array(stored.keys) where !filePaths.contains(key) {
            var index = key.startIndex
            while let hash = key[index...].firstIndex(of: "#") {
                let candidate = String(key[..<hash])
                if archivePaths.contains(candidate) {
                    grouped[candidate, default: [:]][key] = stored.removeValue(forKey: key)
                    break
                }
                index = key.index(after: hash)
            }
        }
        return grouped
    }

    /// Indexes one file, given what was stored from it before (by document path: the file's own, or its articles').
    private func indexFile(_ file: FoundFile, previous: [String: StoredFile], summary: inout IndexSummary) throws(IndexError) {
        if !previous.isEmpty, previous.values.allSatisfy({ $0.size == file.size && $0.modified == file.modified }) {
            summary.unchanged += previous.count
            return
        }
        let text: SourceReader.Text
        switch SourceReader.read(path: file.path, limit: options.maxFileSize) {
        case .failure(let failure):
            summary.failed.append(SkippedFile(path: file.path, reason: failure.description))
            // A file that became unreadable keeps its old entries rather than vanishing from results.
            return
        case .success(let value):
            text = value
        }
        if let warning = text.warning { summary.warnings.append(SkippedFile(path: file.path, reason: warning)) }
        let name = file.relativePath.split(separator: "/").last.map(String.init) ?? file.relativePath
        let format = FileFormat(fileName: name) ?? .text
        // A one-document file whose bytes did not change needs no parsing.
        if format != .jsonLines, previous.count == 1, let (_, stored) = previous.first, stored.hash == text.hash {
            try store.touch(id: stored.id, size: file.size, modified: file.modified)
            summary.unchanged += 1
            return
        }
        let parsed = FileParser(fields: options.jsonLinesFields).parse(text.text, path: file.path, fileName: name, hash: text.hash)
        summary.failed += parsed.problems
        summary.warnings += parsed.warnings
        var remaining = previous
        var indexedSomething = false
        for source in parsed.documents {
            let path = source.fragment.map { file.path + "#" + $0 } ?? file.path
            let relativePath = source.fragment.map { file.relativePath + "#" + $0 } ?? file.relativePath
            let old = remaining.removeValue(forKey: path)
            if let old, old.hash == source.hash {
                try store.touch(id: old.id, size: file.size, modified: file.modified)
                summary.unchanged += 1
                continue
            }
            if let old { try store.remove(id: old.id) }
            summary.passages += try store.store(source.document, path: path, relativePath: relativePath, file: file,
                                                hash: source.hash, reusing: old?.id)
            indexedSomething = true
            if old == nil { summary.added += 1 } else { summary.updated += 1 }
        }
        // Articles no longer in the archive (or a file that is now an archive) go.
        for (_, old) in remaining.sorted(by: { $0.key < $1.key }) {
            try store.remove(id: old.id)
            summary.removed += 1
        }
        if indexedSomething { summary.bytes += file.size }
    }
}
