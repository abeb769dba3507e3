#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// The size the header of the SQLite file at `path` says it has and the size it has, when it is shorter: a
    /// truncated copy or download. Only read with an empty log, as a log may hold pages the file does not yet.
    static func truncation(of path: String) -> (expected: Int64, actual: Int64)? {
        var wal = stat()
        if stat(path + "-wal", &wal) == 0 && wal.st_size > 0 { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 100)
        var info = stat()
        guard pread(fd, &header, 100, 0) == 100, fstat(fd, &info) == 0 else { return nil }
        // Page size at offset 16 (1 means 65536), page count at 28, valid when the change counter at 24 equals the
        // "version valid for" number at 92 (as SQLite itself decides).
        func u32(_ at: Int) -> UInt32 { header[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) } }
        let rawSize = Int64(header[16]) << 8 | Int64(header[17])
        let pageSize = rawSize == 1 ? 65_536 : rawSize
        guard pageSize >= 512, u32(24) == u32(92), u32(28) > 0 else { return nil }
        let expected = pageSize * Int64(u32(28))
        return Int64(info.st_size) < expected ? (expected, Int64(info.st_size)) : nil
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
