import Glibc

/// The few file operations the writer needs beyond SQLite's, on POSIX calls.
enum FileSystem {
    /// True when something exists at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Removes a file if it exists.
    static func remove(_ path: String) {
        unlink(path)
    }

    /// Flushes `source` to disk, renames it to `destination` atomically and flushes the folder, so that after a crash
    /// either the old state or the complete new file is there.
    static func syncAndRename(_ source: String, to destination: String) -> Bool {
        let fd = open(source, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        let synced = fsync(fd) == 0
        close(fd)
        guard synced, rename(source, destination) == 0 else { return false }
        var folder = destination
        if let slash = folder.lastIndex(of: "/") { folder = String(folder[..<slash]) } else { folder = "." }
        if folder.isEmpty { folder = "/" }
        let dirfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 {
            fsync(dirfd)
            close(dirfd)
        }
        return true
    }
}
