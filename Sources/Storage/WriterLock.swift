import Glibc

/// The one-writer-at-a-time lock: an advisory `flock` on `<database file>.lock`, holding the writer's process id.
///
/// SQLite alone would let two `search index` runs interleave their batches; this makes the second one wait or stop
/// with a message naming the process that holds the lock. The kernel drops the lock when the process dies.
///
/// The lock file sits beside the database file itself (symbolic links resolved, `DatabaseFile.identity`), so a
/// symlinked `--db` and the real path share one lock. It is removed when the lock is released, so none is left
/// beside a database a writer refused; a waiting writer that wakes up holding the lock of a removed file opens the
/// new one and tries again.
package final class WriterLock {
    private let fd: Int32
    let path: String

    /// Takes the lock, waiting up to `wait` seconds (0: fail at once) before throwing `.busy`. Throws `.notAFile`
    /// or `.hardLinked` (before creating anything) when `database` cannot be an index file.
    package init(database: String, wait: Double) throws(IndexError) {
        path = try DatabaseFile.identity(of: database) + ".lock"
        let deadline = WriterLock.now() + wait
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                if errno == EROFS || errno == EACCES { throw .readOnly(path: database) }
                throw .cannotOpen(path: database, reason: "cannot create its lock file (\(reason))")
            }
            while flock(fd, LOCK_EX | LOCK_NB) != 0 {
                if WriterLock.now() >= deadline {
                    let holder = WriterLock.holder(fd: fd)
                    close(fd)
                    throw .busy(path: database, holder: holder)
                }
                usleep(100_000)
            }
            // The holder before us may have removed the file we waited on: then our lock guards nothing.
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0 && stat(path, &named) == 0 && held.st_dev == named.st_dev && held.st_ino == named.st_ino {
                self.fd = fd
                break
            }
            close(fd)
        }
        let pid = "pid \(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        // Removed while still held, so nobody can take a lock on it in between.
        unlink(path)
        flock(fd, LOCK_UN)
        close(fd)
    }

    private static func holder(fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = pread(fd, &buffer, 63, 0)
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self).split(separator: "\n").first.map(String.init)
        return text?.isEmpty == false ? text : nil
    }

    private static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
