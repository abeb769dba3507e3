import Glibc

/// A file the walker found that the indexer can read.
public struct FoundFile: Sendable, Equatable {
    /// Absolute path.
    public var path: String
    /// Path relative to the folder that was walked (the file name when a file was named directly).
    public var relativePath: String
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modified: Int64

    /// A file as the walker or the store describes it.
    public init(path: String, relativePath: String, size: Int64, modified: Int64) {
        self.path = path
        self.relativePath = relativePath
        self.size = size
        self.modified = modified
    }
}

/// Paths as the index keeps them: absolute, without `.` and `..` segments.
public enum FilePaths {
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
