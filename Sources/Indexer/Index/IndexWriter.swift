/// How an `index` run went: what happened to each file, counted.
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
    public var bytes: Int64 = 0
    public init() {}
}

/// Progress of an `index` run, reported after every file.
public struct IndexProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int64
    public var bytesTotal: Int64
    public var currentFile: String
}

/// Settings of an `index` run.
public struct IndexOptions: Sendable {
    /// Files larger than this are skipped with a message, so memory stays bounded.
    public var maxFileSize: Int64 = 256 * 1_048_576
    /// Seconds to wait for another writer to finish before giving up.
    public var waitForLock: Double = 0
    /// Commit after this many bytes of text, so a crash loses at most one batch and memory stays bounded.
    public var batchBytes: Int64 = 32 * 1_048_576
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

    /// Indexes every `.txt`/`.md` file under each of `roots` (folders or files).
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
            var batchBytes: Int64 = 0
            try database.execute("BEGIN IMMEDIATE", context: "starting a batch")
            do {
                for file in walker.files {
                    let previous = stored.removeValue(forKey: file.path)
                    try indexFile(file, previous: previous, summary: &summary)
                    done += 1
                    bytesDone += file.size
                    batchBytes += file.size
                    progress?(IndexProgress(filesDone: done, filesTotal: filesTotal, bytesDone: bytesDone,
                                            bytesTotal: bytesTotal, currentFile: file.relativePath))
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
        return summary
    }

    private func indexFile(_ file: FoundFile, previous: StoredFile?, summary: inout IndexSummary) throws(IndexError) {
        if let previous, previous.size == file.size, previous.modified == file.modified {
            summary.unchanged += 1
            return
        }
        let text: SourceReader.Text
        switch SourceReader.read(path: file.path, limit: options.maxFileSize) {
        case .failure(let failure):
            summary.failed.append(SkippedFile(path: file.path, reason: failure.description))
            // A file that became unreadable keeps its old entry rather than vanishing from results.
            return
        case .success(let value):
            text = value
        }
        if let warning = text.warning { summary.warnings.append(SkippedFile(path: file.path, reason: warning)) }
        if let previous, previous.hash == text.hash {
            try store.touch(id: previous.id, size: file.size, modified: file.modified)
            summary.unchanged += 1
            return
        }
        let name = file.relativePath.split(separator: "/").last.map(String.init) ?? file.relativePath
        let document = DocumentParser.parse(text.text, fileName: name)
        if let previous { try store.remove(id: previous.id) }
        summary.passages += try store.store(document, file: file, hash: text.hash, reusing: previous?.id)
        summary.bytes += file.size
        if previous == nil { summary.added += 1 } else { summary.updated += 1 }
    }
}
