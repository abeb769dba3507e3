import CSQLite

import Glibc

/// What `--db` names, checked before SQLite or the writer lock creates anything beside it.
///
/// SQLite opens whatever it is given: `/dev/null` (and then creates `/dev/null-wal`), a FIFO (and blocks forever),
/// a dangling symbolic link (and replaces it with a file). It also names the write-ahead log after the path, so one
/// file with two names (hard links) gets two logs, and a writer through one name corrupts what the other reads.
enum DatabaseFile {
    /// The path that names the database file itself, symbolic links resolved, for the writer lock: every name of
    /// one file then shares one lock. Throws `.notAFile` for anything but a regular file or a path where one can be
    /// created, and `.hardLinked` for a file with several names. A missing file is no error here (the caller says
    /// whether it may be created); its identity is then its folder's resolved path and its name.
    static func identity(of path: String) throws(IndexError) -> String {
        // SQLite's own names (":memory:", "file:" URIs) are not paths of the file system.
        if path == ":memory:" || path.hasPrefix("file:") { return path }
        var link = stat()
        guard lstat(path, &link) == 0 else {
            guard errno == ENOENT else { return path } // let the open report it (a folder we may not search, ...)
            let (folder, name) = split(path)
            guard let real = resolved(folder) else { return path }
            return (real == "/" ? "" : real) + "/" + name
        }
        var info = stat()
        if link.st_mode & S_IFMT == S_IFLNK && stat(path, &info) != 0 {
            throw .notAFile(path: path, kind: "a symbolic link to \(target(of: path) ?? "nothing") that does not exist")
        }
        if link.st_mode & S_IFMT != S_IFLNK { info = link }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .notAFile(path: path, kind: "a folder")
        case S_IFCHR, S_IFBLK: throw .notAFile(path: path, kind: "a device")
        case S_IFIFO: throw .notAFile(path: path, kind: "a FIFO (named pipe)")
        case S_IFSOCK: throw .notAFile(path: path, kind: "a socket")
        default: throw .notAFile(path: path, kind: "not a regular file")
        }
        if info.st_nlink > 1 { throw .hardLinked(path: path, links: Int(info.st_nlink)) }
        return resolved(path) ?? path
    }

    /// The size the header of the SQLite file open as `db`'s main database says it has and the size it has, when it is
    /// shorter: a truncated copy or download. Only read with an empty log, as a log may hold pages the file does not
    /// yet. Read through SQLite's own file handle: opening and closing the file here would drop every POSIX lock this
    /// process holds on it (fcntl locks belong to the process and file, not to the descriptor), so another connection
    /// of the same process (the server's pool) would read while a writer checkpoints and resets the log under it.
    static func truncation(of db: OpaquePointer, path: String) -> (expected: Int64, actual: Int64)? {
        var wal = stat()
        if stat(path + "-wal", &wal) == 0 && wal.st_size > 0 { return nil }
        var pointer: UnsafeMutableRawPointer?
        guard sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &pointer) == SQLITE_OK,
            let file = pointer?.assumingMemoryBound(to: sqlite3_file.self), let methods = file.pointee.pMethods,
            let read = methods.pointee.xRead, let fileSize = methods.pointee.xFileSize
        else { return nil }
        var size: sqlite3_int64 = 0
        var header = [UInt8](repeating: 0, count: 100)
        guard fileSize(file, &size) == SQLITE_OK, size >= 100, read(file, &header, 100, 0) == SQLITE_OK else { return nil }
        // Page size at offset 16 (1 means 65536), page count at 28, valid when the change counter at 24 equals the
        // "version valid for" number at 92 (as SQLite itself decides).
        func u32(_ at: Int) -> UInt32 { header[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) } }
        let rawSize = Int64(header[16]) << 8 | Int64(header[17])
        let pageSize = rawSize == 1 ? 65_536 : rawSize
        guard pageSize >= 512, u32(24) == u32(92), u32(28) > 0 else { return nil }
        let expected = pageSize * Int64(u32(28))
        return Int64(size) < expected ? (expected, Int64(size)) : nil
    }

    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    private static func resolved(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    private static func target(of path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4097)
        let n = readlink(path, &buffer, 4096)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
