import Analysis
import Storage

/// How an `index` run went: what happened to each document, counted (a file is one document, an archive many).
public struct IndexSummary: Sendable, Equatable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var removed = 0
    /// Files of other kinds that were passed over.
    public var otherFiles = 0
    /// Entries the walk passed over for a reason (ignore files, globs and types, links), counted by reason.
    public var skipped: [WalkSkip: Int] = [:]
    /// Whole files that could not be indexed (the others in `failed` are lines of archives).
    public var failedFiles = 0
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

/// Progress of an `index` run, reported before every file is stored and once at the end.
public struct IndexProgress: Sendable, Equatable {
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int64
    public var bytesTotal: Int64
    /// The file being stored now (relative to its folder); empty in the last report.
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
    /// Files larger than this are skipped with a message, so memory stays bounded (about 6 times a file's size); in a
    /// JSON Lines archive, read as a stream, the limit applies to each article (line), not to the archive.
    public var maxFileSize: Int64 = 16 * 1_048_576
    /// Seconds to wait for another writer to finish before giving up.
    public var waitForLock: Double = 0
    /// Commit after this many bytes of text, so a crash loses at most one batch and memory stays bounded.
    public var batchBytes: Int64 = 32 * 1_048_576
    /// Which fields of a JSON Lines archive hold the id, title, date, url and text.
    public var jsonLinesFields = JSONLinesFields()
    /// Commit after this many files too: a folder of small files then also loses at most one batch to a crash.
    public var batchFiles = 500
    /// The settings a new index is built with; nil follows an existing index (and builds a new one with the
    /// defaults). Asking an existing index for other settings is an error: `IndexRebuilder` changes them.
    public var settings: IndexSettings? = nil
    /// Read and hash every file, even one whose size and time did not change (`search index --rehash`): finds a
    /// change that kept both, as `cp -p` or a restore from backup makes.
    public var rehash = false
    /// Which files the walk reads: ignore files, globs, types, links.
    public var walk = WalkOptions()
    public init() {}
}

/// Builds and updates the index from folders of files: walk → read → parse → store, incrementally.
///
/// Unchanged files (same size and time, or same content hash) are skipped, changed ones replaced, deleted ones removed.
/// Updates are committed in batches through SQLite's write-ahead log: a killed run leaves the index as it was after the
/// last committed batch, and searches keep working meanwhile. A new index is built without a journal in
/// `<path>.building` and renamed into place when complete, which is a third faster and just as safe: until the rename
/// there is no index to damage, and a killed build leaves only the `.building` file, removed by the next run.
public final class IndexWriter {
    /// The database file.
    public let path: String
    private var database: Database
    private var store: DocumentStore?
    private let lock: WriterLock
    private let options: IndexOptions
    /// The analyzer as given, for opening connections; the index's settings are applied on top of it by
    /// `Schema.prepare`, and the applied one (`database.analyzer`) is what files are analysed with.
    private let analyzer: Analyzer
    /// True while the index is being built for the first time in `<path>.building`.
    private var building: Bool
    /// Archives read in parts of which an earlier part indexed something, so that their bytes are counted at the last.
    private var archiveIndexed: Set<String> = []
    /// The dating evidence of the documents this run marked for the last pass, by id, with their content hash: the
    /// last pass resolves their dates from it instead of reading and parsing the files again (on the Reuters folder,
    /// where every story waits for the collection's year, that second parse was a fifth of the build). Bounded by
    /// `datingEvidenceBudget` mentions; documents beyond it, and those marked by an earlier run, are parsed again.
    private var datingEvidence: [Int64: (hash: String, evidence: DocumentParser.DatingEvidence)] = [:]
    private var datingEvidenceMentions = 0
    /// About 100 bytes a mention: at most some 20 MB of evidence, within the writer's memory bound.
    static let datingEvidenceBudget = 200_000

    /// Opens (or starts building) the index at `path` for writing and takes the writer lock.
    public init(path: String, options: IndexOptions = IndexOptions(), analyzer: Analyzer = Analyzer()) throws(IndexError) {
        self.path = path
        self.options = options
        self.analyzer = analyzer
        lock = try WriterLock(database: path, wait: options.waitForLock)
        building = !FileSystem.exists(path)
        if building {
            // A log left by an index that was deleted (`rm i.db` after a killed update leaves `i.db-wal`) would be
            // replayed onto the new file when it is opened, corrupting it. We hold the lock, so nobody writes it.
            IndexWriter.removeLeftovers(of: path)
            let temporary = path + ".building"
            FileSystem.remove(temporary)
            FileSystem.remove(path + ".compact")
            database = try Database(path: temporary, access: .readWrite, analyzer: analyzer)
            try database.configureForBuilding()
        } else {
            database = try IndexWriter.openExisting(path, analyzer: analyzer)
        }
        try Schema.prepare(database, create: true, settings: options.settings)
        if building { try database.startBulkLoad() }
        store = try DocumentStore(database: database)
    }

    private static func removeLeftovers(of path: String) {
        FileSystem.remove(path + "-wal")
        FileSystem.remove(path + "-shm")
    }

    private static func openExisting(_ path: String, analyzer: Analyzer) throws(IndexError) -> Database {
        let database = try Database(path: path, access: .readWrite, analyzer: analyzer)
        database.setBusyTimeout(milliseconds: 5_000)
        try database.configureForUpdating()
        return database
    }

    /// Moves a freshly built index into place: WAL on, closed, synced, renamed, then reopened for further updates.
    private func finishBuilding() throws(IndexError) {
        guard building else { return }
        try database.finishBulkLoad()
        // FTS5's merges leave free pages behind: a third of the Reuters folder's index (5,990 of 17,072 pages). VACUUM
        // INTO writes only the live pages into a fresh file, which is what is renamed into place; the built file goes.
        let compact = path + ".compact"
        try database.compact(into: compact)
        store = nil
        // The compacted file goes into place already in WAL mode, as the built one did.
        database = try Database(path: compact, access: .readWrite, analyzer: analyzer) // closes the built file
        try database.enableWriteAheadLog()
        database = try Database(path: ":memory:", access: .readWrite, analyzer: analyzer) // closes the compacted file
        let temporary = path + ".building"
        IndexWriter.removeLeftovers(of: path)
        FileSystem.remove(temporary)
        guard FileSystem.syncAndRename(compact, to: path) else {
            throw .cannotOpen(path: path, reason: "cannot move the new index into place")
        }
        building = false
        database = try IndexWriter.openExisting(path, analyzer: analyzer)
        try Schema.prepare(database, create: false, settings: options.settings)
        store = try DocumentStore(database: database)
    }

    /// Indexes every `.txt`, `.md`, `.html` and `.jsonl` file under each of `roots` (folders or files).
    public func index(_ roots: [String], progress: ((IndexProgress) -> Void)? = nil) throws(IndexError) -> IndexSummary {
        guard let store else { throw .storage(path: path, code: 0, context: "indexing after a failed finish") }
        var summary = IndexSummary()
        var walks: [(root: String, walker: FileWalker)] = []
        for root in roots {
            do {
                // The walker's root is the real path: a folder reached through a link is the same documents.
                let walker = try FileWalker(root: root, options: options.walk)
                walks.append((walker.root, walker))
            } catch {
                // A missing root is never read as an empty folder: nothing indexed from it is removed.
                summary.failed.append(SkippedFile(path: root, reason: .other("no such file or folder")))
                summary.failedFiles += 1
            }
        }
        let filesTotal = walks.reduce(0) { $0 + $1.walker.files.count }
        let bytesTotal = walks.reduce(Int64(0)) { $0 + $1.walker.files.reduce(0) { $0 + $1.size } }
        var done = 0
        var bytesDone: Int64 = 0
        for (root, walker) in walks {
            summary.otherFiles += walker.otherFiles
            summary.failed += walker.problems
            summary.failedFiles += walker.problems.count
            summary.skipped.merge(walker.skipped, uniquingKeysWith: +)
            var stored = try store.storedFiles(under: root)
            // What each file yielded before: its own entry, or an archive's articles.
            var previous = IndexWriter.articlesByArchive(&stored, files: walker.files)
            for file in walker.files {
                if let single = stored.removeValue(forKey: file.path) { previous[file.path, default: [:]][file.path] = single }
            }
            let preparer = FilePreparer(files: walker.files, previous: previous, maxFileSize: options.maxFileSize, rehash: options.rehash,
                                        fields: options.jsonLinesFields, analyzer: database.analyzer)
            var batchBytes: Int64 = 0
            var batchFiles = 0
            try database.beginBatch()
            do {
                while let item = preparer.next() {
                    progress?(IndexProgress(filesDone: done, filesTotal: filesTotal, bytesDone: bytesDone,
                                            bytesTotal: bytesTotal, currentFile: item.file.relativePath))
                    let file = try apply(item, to: store, summary: &summary)
                    // Part of an archive read as a stream: committed by size like a file, counted once, at its last part.
                    if case let .archivePart(_, _, _, _, bytes) = item {
                        batchBytes += bytes
                        if batchBytes >= options.batchBytes {
                            try database.commitBatchAndBegin()
                            batchBytes = 0
                            batchFiles = 0
                        }
                        continue
                    }
                    summary.files += 1
                    done += 1
                    bytesDone += file.size
                    batchBytes += file.size
                    batchFiles += 1
                    if batchBytes >= options.batchBytes || batchFiles >= options.batchFiles {
                        try database.commitBatchAndBegin()
                        batchBytes = 0
                        batchFiles = 0
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
                try database.commitBatch()
            } catch {
                preparer.cancel()
                database.rollbackBatch()
                throw error
            }
        }
        progress?(IndexProgress(filesDone: done, filesTotal: filesTotal, bytesDone: bytesDone, bytesTotal: bytesTotal, currentFile: ""))
        try dateFromCollection(store)
        try finishBuilding()
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

    /// Dates the documents stored without a date, reading year-less dates in the light of the collection: in an
    /// archive of 2019–20 stories, "Monday, October 7" is 7 October 2019, the nearest year in which it was a Monday.
    /// A document whose text still gives no date keeps none.
    ///
    /// The documents are those of `Schema.createCollectionDating` not read yet (stored by this run, or by one killed
    /// before its last pass committed) and those read in a year their folder no longer has: the year follows the
    /// dates the texts give alone, never one this pass gave, so whatever runs, killed or not, came before, the
    /// index ends with the dates a fresh build of the same files gives. A file changed since it was stored is left
    /// to the next run.
    private func dateFromCollection(_ store: DocumentStore) throws(IndexError) {
        // A run that stored and removed nothing, after one whose last pass committed, has nothing to date.
        guard try store.datingIsDue() else { return }
        let documents = try store.collectionDated()
        // Each file is read in the year of its own folder (CollectionYear): a folder of Reuters stories indexed beside
        // an archive of 2004 news keeps its 1987.
        var years: [String: CollectionYear?] = [:]
        var yearOfFolder: [Substring: CollectionYear?] = [:]
        var work: [(item: DocumentStore.CollectionDated, year: CollectionYear?)] = []
        for item in documents {
            let folder = CollectionYear.folder(of: item.path)
            let year: CollectionYear?
            if let known = yearOfFolder[folder] {
                year = known
            } else {
                year = try CollectionYear.forFolder(String(folder), cache: &years, votes: { folder throws(IndexError) in
                    try store.yearVotes(under: folder)
                })
                yearOfFolder[folder] = .some(year)
            }
            if let readIn = item.readIn, readIn == (year?.year ?? 0), year == nil || item.readFirm == year!.firm { continue }
            work.append((item, year))
        }
        let evidence = datingEvidence
        datingEvidence = [:]
        datingEvidenceMentions = 0
        let maxFileSize = options.maxFileSize
        try database.transaction("dating documents from their collection") { () throws(IndexError) in
            // A document marked by this run has its dating evidence kept (`datingEvidence`) and is only resolved again;
            // one marked by a killed run, beyond the evidence's budget or read before in another year, is read and
            // parsed again. Two threads do that, a chunk at a time so that memory stays bounded, and this one writes.
            var start = 0
            var unread = false
            while start < work.count {
                let slice = work[start..<min(start + 256, work.count)]
                start += slice.count
                var chunk: [Redating] = []
                for (item, year) in slice {
                    guard let stored = try store.storedFile(id: item.id) else { continue }
                    chunk.append(Redating(id: item.id, file: stored.file, hash: stored.hash, year: year, again: item.readIn != nil))
                }
                let outcomes = IndexWriter.mapInTwo(chunk) { IndexWriter.redate($0, evidence: evidence, maxFileSize: maxFileSize) }
                for (w, outcome) in zip(chunk, outcomes) {
                    switch outcome {
                    case .unreadable:
                        unread = true
                        continue
                    case .unchanged:
                        break
                    case .resolved(let dates):
                        // The stored dates are the text's own (nothing dated the document since it was stored), and
                        // the same bytes (the hash was checked) give the same passages: only the dates change, and
                        // only when the year changed the document's date.
                        let stored = try store.storedDate(id: w.id)
                        if stored.date != dates.date?.date.iso || stored.source != dates.date?.source.rawValue {
                            try store.redate(id: w.id, date: dates.date, passageDates: dates.passageDates)
                        }
                    case .rewrite(let date, let passageDates):
                        try store.redate(id: w.id, date: date, passageDates: passageDates)
                    }
                    try store.markRead(id: w.id, year: w.year?.year ?? 0, firm: w.year?.firm ?? false)
                }
            }
            // A file changed or gone since it was stored keeps the pass due, for the run that reads it again.
            if !unread { try store.datingDone() }
        }
    }

    /// A document for the last pass: its file as stored, its content hash, the year of its folder (nil: none is
    /// known) and whether it was dated before.
    struct Redating: Sendable {
        var id: Int64
        var file: FoundFile
        var hash: String
        var year: CollectionYear?
        var again: Bool
    }

    /// What the last pass does with one document's dates.
    enum RedatingOutcome: Sendable {
        /// Its file is gone or changed since it was stored: the next run reads it.
        case unreadable
        /// Its stored dates stand.
        case unchanged
        /// Read in the year, from the text's own dates (stored): written when the document's date changed.
        case resolved(DocumentParser.ResolvedDates)
        /// Its dates, as a fresh build gives them, replacing dates read in another year.
        case rewrite(DocumentDate?, [[PartialDate]])
    }

    /// Reads one document's dates in its folder's year (`dateFromCollection`), off the writer's thread.
    static func redate(_ w: Redating, evidence: [Int64: (hash: String, evidence: DocumentParser.DatingEvidence)],
                       maxFileSize: Int64) -> RedatingOutcome {
        if !w.again {
            guard let year = w.year else { return .unchanged }
            if let kept = evidence[w.id], kept.hash == w.hash {
                return .resolved(DocumentParser.resolve(kept.evidence, referenceYear: year.year, firm: year.firm))
            }
        }
        guard case .success(let text) = SourceReader.read(path: w.file.path, limit: maxFileSize),
              text.hash == w.hash else { return .unreadable }
        let name = w.file.relativePath.split(separator: "/").last.map(String.init) ?? w.file.relativePath
        var body = text.text
        let (own, dating) = body.withUTF8 { DocumentParser.parseKeepingDates(bytes: $0, fileName: name, referenceYear: nil) }
        let ownPassageDates = own.passages.map(\.mentionedDates)
        guard let year = w.year, let dating else { return w.again ? .rewrite(own.date, ownPassageDates) : .unchanged }
        let dates = DocumentParser.resolve(dating, referenceYear: year.year, firm: year.firm)
        guard w.again else { return .resolved(dates) }
        // As a fresh build: the text's own dates, replaced when the year changes the document's date.
        if dates.date?.date.iso == own.date?.date.iso && dates.date?.source == own.date?.source {
            return .rewrite(own.date, ownPassageDates)
        }
        return .rewrite(dates.date, dates.passageDates)
    }

    /// `items.map(transform)`, the second half on another thread.
    static func mapInTwo<T: Sendable, R: Sendable>(_ items: [T], _ transform: @escaping @Sendable (T) -> R) -> [R] {
        let half = items.count / 2
        guard half > 0 else { return items.map(transform) }
        let other = HalfResult<R>()
        let second = Array(items[half...])
        Monitor.startThread {
            let values = second.map(transform)
            other.monitor.locked {
                other.values = values
                other.monitor.broadcast()
            }
        }
        let first = items[..<half].map(transform)
        return first + other.monitor.locked { () -> [R] in
            while other.values == nil { other.monitor.wait() }
            return other.values!
        }
    }

    /// Stores what the preparing thread made of one file and counts it; returns the file.
    private func apply(_ item: PreparedFile, to store: DocumentStore, summary: inout IndexSummary) throws(IndexError) -> FoundFile {
        switch item {
        case let .unchanged(file, documents):
            summary.unchanged += documents
            return file
        case let .touched(file, previous):
            try store.touch(id: previous.id, size: file.size, modified: file.modified)
            summary.unchanged += 1
            return file
        case let .failed(file, reason):
            // A file that became unreadable keeps its old entries rather than vanishing from results.
            summary.failed.append(SkippedFile(path: file.path, reason: reason))
            summary.failedFiles += 1
            return file
        case let .vanished(file, reason, previous):
            summary.failed.append(SkippedFile(path: file.path, reason: reason))
            summary.failedFiles += 1
            for (_, old) in previous.sorted(by: { $0.key < $1.key }) {
                try store.remove(id: old.id)
                summary.removed += 1
            }
            return file
        case let .archivePart(file, parsed, previous, prepared, _):
            return try storeParsed(file, parsed, warning: nil, previous: previous, prepared: prepared, to: store, summary: &summary, lastPart: false)
        case let .parsed(file, parsed, warning, previous, prepared):
            return try storeParsed(file, parsed, warning: warning, previous: previous, prepared: prepared, to: store, summary: &summary, lastPart: true)
        }
    }

    /// Stores the documents a file (or a part of an archive) yielded, replacing their old versions; the last part
    /// removes the old documents it no longer yields and counts the file's bytes.
    private func storeParsed(_ file: FoundFile, _ parsed: ParsedFile, warning: String?, previous: [String: StoredFile],
                             prepared: [PreparedText?], to store: DocumentStore, summary: inout IndexSummary,
                             lastPart: Bool) throws(IndexError) -> FoundFile {
            if let warning { summary.warnings.append(SkippedFile(path: file.path, reason: .other(warning))) }
            summary.failed += parsed.problems
            // A problem named by the file's own path lost the whole file; one named `file:LINE` lost a line.
            summary.failedFiles += parsed.problems.filter { $0.path == file.path }.count
            summary.warnings += parsed.warnings
            var remaining = previous
            var indexedSomething = false
            for (index, source) in parsed.documents.enumerated() {
                let path = source.fragment.map { file.path + "#" + $0 } ?? file.path
                let relativePath = source.fragment.map { file.relativePath + "#" + $0 } ?? file.relativePath
                let old = remaining.removeValue(forKey: path)
                if let old, old.hash == source.hash {
                    try store.touch(id: old.id, size: file.size, modified: file.modified)
                    summary.unchanged += 1
                    continue
                }
                // Only an article whose hash was known is left unparsed, and known hashes came from `remaining`.
                guard let document = source.document else { continue }
                if let old { try store.remove(id: old.id) }
                let stored = try store.store(document, path: path, relativePath: relativePath, file: file,
                                             hash: source.hash, reusing: old?.id, prepared: prepared[index])
                summary.passages += stored.passages
                indexedSomething = true
                // Only plain text is re-read in the light of the collection's year: pages and archives carry their dates.
                if document.needsCollectionYear, source.fragment == nil, FileFormat(fileName: file.relativePath) ?? .text == .text {
                    try store.markPendingDate(id: stored.id, date: document.date)
                    if let evidence = source.dating,
                       datingEvidenceMentions + evidence.mentions.count + 1 <= IndexWriter.datingEvidenceBudget {
                        datingEvidence[stored.id] = (source.hash, evidence)
                        datingEvidenceMentions += evidence.mentions.count + 1
                    }
                }
                if old == nil { summary.added += 1 } else { summary.updated += 1 }
            }
            // Articles no longer in the archive (or a file that became an archive) go.
            for (_, old) in remaining.sorted(by: { $0.key < $1.key }) {
                try store.remove(id: old.id)
                summary.removed += 1
            }
            if lastPart {
                if archiveIndexed.remove(file.path) != nil || indexedSomething { summary.bytes += file.size }
            } else if indexedSomething {
                archiveIndexed.insert(file.path)
            }
            return file
    }
}

/// What `IndexWriter.mapInTwo`'s other thread hands back.
private final class HalfResult<R: Sendable>: @unchecked Sendable {
    // @unchecked: `values` is only touched with `monitor` locked.
    let monitor = Monitor()
    var values: [R]?
}
