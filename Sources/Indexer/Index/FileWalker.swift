#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file the walker found that the indexer can read.
public struct FoundFile: Sendable, Equatable {
    /// Absolute path.
    public var path: String
    /// Path relative to the folder that was walked (the file name when a file was named directly).
    public var relativePath: String
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modified: Int64
}

/// A file or folder the walker could not use, with the reason in words.
public struct SkippedFile: Sendable, Equatable {
    public var path: String
    public var reason: String
}

/// Walks folders recursively and lists the files the indexer reads (see `FileFormat`), in a stable (sorted) order.
///
/// Symbolic links to files are followed; links to folders are followed once (a loop is reported, not walked).
/// Hidden entries (starting with `.`) are skipped, as ripgrep does.
public struct FileWalker {

    /// Files found, in order.
    public private(set) var files: [FoundFile] = []
    /// Files of other kinds that were passed over (counted, never fatal).
    public private(set) var otherFiles = 0
    /// Entries that could not be read.
    public private(set) var problems: [SkippedFile] = []
    /// True when the root was a folder (so files missing from it were deleted), false for a single file.
    public private(set) var isFolder = false

    private var visited: Set<DeviceInode> = []

    private struct DeviceInode: Hashable { var device: UInt64; var inode: UInt64 }

    /// Walks `root`, which may be a folder or a single file. Throws only when `root` itself does not exist.
    public init(root: String) throws(IndexError) {
        let absolute = FileWalker.absolute(root)
        var info = stat()
        guard stat(absolute, &info) == 0 else { throw .missingPath(root) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            isFolder = true
            visited.insert(DeviceInode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
            walk(folder: absolute, relative: "")
        } else {
            let name = absolute.split(separator: "/").last.map(String.init) ?? absolute
            consider(path: absolute, relative: name, info: info, named: true)
        }
    }

    private mutating func walk(folder: String, relative: String) {
        guard let dir = opendir(folder) else {
            problems.append(SkippedFile(path: folder, reason: "cannot read folder (\(String(cString: strerror(errno))))"))
            return
        }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        closedir(dir)
        for name in names.sorted() {
            let path = folder == "/" ? "/" + name : folder + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else {
                var linkInfo = stat()
                if lstat(path, &linkInfo) == 0, (linkInfo.st_mode & S_IFMT) == S_IFLNK {
                    problems.append(SkippedFile(path: path, reason: "broken or looping symbolic link"))
                } else if errno != ENOENT {
                    problems.append(SkippedFile(path: path, reason: String(cString: strerror(errno))))
                }
                // ENOENT: deleted while the walk was under way; it is simply gone.
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                let key = DeviceInode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                if visited.contains(key) {
                    problems.append(SkippedFile(path: path, reason: "folder already walked (symbolic link loop)"))
                    continue
                }
                visited.insert(key)
                walk(folder: path, relative: rel)
            } else {
                consider(path: path, relative: rel, info: info, named: false)
            }
        }
    }

    private mutating func consider(path: String, relative: String, info: stat, named: Bool) {
        guard (info.st_mode & S_IFMT) == S_IFREG else { otherFiles += 1; return }
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        guard named || FileFormat(fileName: name) != nil else { otherFiles += 1; return }
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        files.append(FoundFile(path: path, relativePath: relative, size: Int64(info.st_size), modified: modified))
    }

    /// `path` made absolute against the current folder, with `.` and `..` segments and trailing slashes removed.
    public static func absolute(_ path: String) -> String {
        var full = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let cwd = getcwd(&buffer, buffer.count).map { String(cString: $0) } ?? "."
            full = cwd + "/" + path
        }
        var parts: [Substring] = []
        for part in full.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
