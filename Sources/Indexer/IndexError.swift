/// Everything that can go wrong while building or opening an index, in words a user understands.
public enum IndexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database file could not be opened or created.
    case cannotOpen(path: String, reason: String)
    /// The file exists but is not an SQLite database (so it is not ours, and we will not touch it).
    case notAnIndex(path: String)
    /// The database was written by a newer version of this program.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The database has an older layout that only a writer (`search index`) can upgrade.
    case olderSchema(path: String, found: Int, supported: Int)
    /// The database is an SQLite file but not a search index (some other program's data).
    case foreignDatabase(path: String)
    /// No index exists at the path and the command does not create one.
    case noIndex(path: String)
    /// Another process holds the write lock and did not release it in time.
    case busy(path: String, holder: String?)
    /// The disk (or the file-size limit) is full; the last batch was rolled back.
    case diskFull(path: String)
    /// The location is read-only.
    case readOnly(path: String)
    /// The index failed an integrity check.
    case corrupt(path: String, detail: String)
    /// A path given on the command line does not exist.
    case missingPath(String)
    /// A lexicon or other data file is malformed.
    case badDataFile(path: String, line: Int, reason: String)
    /// A writer asked for another choice than the index was built with (`option` is the command-line flag).
    case settingDiffers(path: String, option: String, stored: Bool)
    /// Any other SQLite failure: `code` is SQLite's, `context` says what we were doing.
    case storage(path: String, code: Int32, context: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "cannot open index \(path): \(reason)"
        case let .notAnIndex(path): return "\(path) is not a search index (not a database file); refusing to touch it"
        case let .newerSchema(path, found, supported):
            return "\(path) was written by a newer version of search (schema \(found), this program reads up to \(supported)); upgrade search"
        case let .olderSchema(path, found, supported):
            return "\(path) has an older layout (schema \(found), this program uses \(supported)); upgrade it with: search rebuild --db \(path) (or delete it and index the folders again)"
        case let .foreignDatabase(path): return "\(path) is a database of another program, not a search index; refusing to touch it"
        case let .noIndex(path): return "no index at \(path); create one with: search index FOLDER --db \(path)"
        case let .busy(path, holder):
            return "index \(path) is being updated by another process\(holder.map { " (\($0))" } ?? ""); try again when it finishes, or pass --wait SECONDS"
        case let .diskFull(path): return "disk full while writing \(path); the last batch was rolled back, nothing else was lost"
        case let .readOnly(path): return "cannot write \(path): the location is read-only"
        case let .corrupt(path, detail): return "index \(path) is damaged (\(detail)); run: search rebuild --db \(path)"
        case let .missingPath(path): return "\(path): no such file or folder"
        case let .badDataFile(path, line, reason): return "\(path):\(line): \(reason)"
        case let .settingDiffers(path, option, stored):
            let flag = stored ? "--no-" + option.dropFirst(2) : option
            return "\(path) was built \(stored ? "with" : "without") \(option); to change that, run: search rebuild \(flag) --db \(path)"
        case let .storage(path, code, context): return "index \(path): \(context) failed (SQLite error \(code))"
        }
    }
}
