import Searcher
import Storage

// The libraries' errors are data; these are their words, shared by `search` and `search-serve` so that both print the
// same line. The advice names the command line's commands and flags, which the libraries do not know.

extension IndexError: CustomStringConvertible {
    /// The one-line message a user sees, with the command that helps where there is one.
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
        case let .settingDiffers(path, setting, stored):
            let option = setting.flag
            let flag = stored ? "--no-" + option.dropFirst(2) : option
            return "\(path) was built \(stored ? "with" : "without") \(option); to change that, run: search rebuild \(flag) --db \(path)"
        case let .storage(path, code, context): return "index \(path): \(context) failed (\(IndexError.words(forSQLiteCode: code)))"
        case let .notAFile(path, kind): return "\(path) is \(kind), not an index file; give --db a regular file or a new path"
        case let .hardLinked(path, links):
            return "\(path) has \(links) names (hard links); an update logs beside one name only, so two names corrupt it: keep one name (remove the other links) or copy the file with cp"
        case let .unusable(path, detail):
            return "\(path) is not a usable index (\(detail)); rebuild cannot repair it: delete it and index the folders again: rm \(path) && search index FOLDER --db \(path)"
        case let .updateInProgress(path):
            return "cannot open index \(path): its folder is not writable and an update is in progress or was interrupted (\(path)-wal is not empty); search again when it is done"
        }
    }
}

extension IndexSetting {
    /// The flag of `search index` and `search rebuild` that turns the setting on (`--no-` and the rest turns it off).
    package var flag: String {
        switch self {
        case .lowerCaseNames: return "--lowercase-names"
        }
    }
}

extension SearchError: CustomStringConvertible {
    /// The one-line message a user sees.
    public var description: String {
        switch self {
        case let .syntax(message, position): return "query error at column \(position): \(message)"
        case let .badDate(option, value): return "\(option): '\(value)' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
        case let .noDocument(doc): return "no document \(doc) in the index (the paths are those search -l prints)"
        case let .ambiguousDocument(doc, candidates):
            return "\(doc) names \(candidates.count) documents; give the full path: \(candidates.joined(separator: ", "))"
        case let .tooComplex(terms, limit):
            return "query too long: it asks for \(terms) different words, phrases and names (with the other names of names it knows), more than the \(limit) one search looks up; search for fewer, or put a passage in quotes to find it as one phrase"
        }
    }
}
