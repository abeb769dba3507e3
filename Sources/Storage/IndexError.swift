/// Everything that can go wrong while building or opening an index, as data: the front ends word it (and name their
/// flags), the search and search-serve programs through `Rendering`'s `ErrorMessages`.
public enum IndexError: Error, Sendable, Equatable {
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
    /// A writer asked for another choice of `setting` than the index was built with; `stored` is the index's.
    case settingDiffers(path: String, setting: IndexSetting, stored: Bool)
    /// Any other SQLite failure: `code` is SQLite's, `context` says what we were doing.
    case storage(path: String, code: Int32, context: String)
    /// `--db` names something that is not a regular file (a device, a FIFO, a folder, a dangling symbolic link);
    /// `kind` says what it is. Refused before anything is created.
    case notAFile(path: String, kind: String)
    /// The database file has `links` names (hard links). SQLite names its write-ahead log after the path, so two
    /// names would keep two logs of one file: refused.
    case hardLinked(path: String, links: Int)
    /// The file is damaged where `search rebuild` cannot help (its layout or its stored text is unreadable): it must
    /// be deleted and built again.
    case unusable(path: String, detail: String)
    /// A read-only open found the index's folder not writable and its write-ahead log (`path-wal`) not empty: an
    /// update is running or was interrupted, and SQLite cannot read the log without the shared-memory file it
    /// cannot create there.
    case updateInProgress(path: String)
}

extension IndexError {
    /// What an SQLite result code means, in words: the codes themselves never reach a user. Extended codes are read
    /// by their primary code (the low byte) except the shared-memory ones, which have their own advice.
    package static func words(forSQLiteCode code: Int32) -> String {
        switch code {
        case 4874, 4618, 5386: // SQLITE_IOERR_SHMSIZE, _SHMOPEN, _SHMMAP
            return "cannot make the shared-memory file beside the index (is the disk full?)"
        default: break
        }
        switch code & 0xff {
        case 0: return "an internal error"
        case 1: return "an SQL error in this program"
        case 2: return "an internal error in SQLite"
        case 3: return "permission denied"
        case 4: return "interrupted"
        case 5, 6: return "the index is locked by another process"
        case 7: return "out of memory"
        case 8: return "the index is read-only"
        case 9: return "interrupted"
        case 10: return "an input/output error on the disk"
        case 11: return "the index is damaged"
        case 13: return "the disk is full"
        case 14: return "the file cannot be opened"
        case 15: return "a locking protocol error"
        case 17: return "the layout changed while reading; try again"
        case 18: return "a text or value is too large"
        case 19: return "a constraint failed (the index is inconsistent)"
        case 20: return "a value of the wrong type"
        case 21: return "an internal misuse of SQLite"
        case 22: return "the file is too large for this system"
        case 23: return "access denied"
        case 25: return "an internal range error"
        case 26: return "not a database file"
        default: return "an unexpected storage failure"
        }
    }
}

