import Glibc
import Storage

/// A file or folder the walker could not use, with the reason in words.
public struct SkippedFile: Sendable, Equatable {
    public var path: String
    public var reason: SkipReason
}

/// Why a file (or an archive's line) was not indexed, or was indexed with a warning: data, which the command line
/// words and where it helps names the flag that changes it (`--max-file-size`, `--jsonl-text`).
public enum SkipReason: Sendable, Equatable {
    /// The file could not be read as text.
    case file(SourceReader.Failure)
    /// An archive's line (article) of `size` bytes, over the size limit of `limit` bytes; the line is skipped.
    case articleTooLarge(size: Int64, limit: Int64)
    /// An archive's line without the text field `field` (the one the reader was told to read); the line is skipped.
    case missingTextField(String)
    /// Any other reason, in words that name no command or flag (`not a JSON object; line skipped`).
    case other(String)
}

/// What the walker reads, as ripgrep's options choose it: ignore files, globs, types and symbolic links.
public struct WalkOptions: Sendable, Equatable {
    /// Read `.gitignore` (inside a git work tree), `.ignore` and `.searchignore` files; false is `--no-ignore`.
    public var ignoreFiles = true
    /// Follow symbolic links that lead out of the folder being walked (ripgrep's `-L`). Links inside it are
    /// always followed (what they lead to is walked once).
    public var followLinks = false
    /// Globs as ripgrep's `-g` takes them, matched against the path relative to the folder: `*.txt` includes (when
    /// any include is given, only files matching one are read), `!drafts/` excludes.
    public var globs: [String] = []
    /// File types to read, and only those when any is given: `txt`, `md`, `html`, `jsonl`, `text` (plain text
    /// files of any name), `none` (files without an extension), or any other extension, read as plain text.
    public var types: [String] = []
    /// File types never to read (same names as `types`).
    public var excludedTypes: [String] = []
    /// Creates the defaults: ignore files read, links out of the folder not followed, no globs, every type.
    public init() {}

    /// The extensions a type name stands for; `""` stands for files without an extension.
    static func extensions(of type: String) -> [String] {
        switch type.lowercased() {
        case "txt": return ["txt"]
        case "md", "markdown": return ["md", "markdown"]
        case "html", "htm": return ["html", "htm"]
        case "jsonl", "ndjson": return ["jsonl", "ndjson"]
        case "text": return ["txt", "md", "markdown", ""]
        case "none": return [""]
        default: return [type.lowercased()]
        }
    }
}

/// Why the walker passed over an entry without reading it; `search index` counts them by reason (and words them).
public enum WalkSkip: Sendable, CaseIterable, Comparable {
    /// Named by a `.gitignore`, `.ignore` or `.searchignore` rule.
    case ignored
    /// Left out by the walk's globs or types.
    case excluded
    /// A symbolic link that leads out of the folder (`WalkOptions.followLinks` follows it).
    case linkOutside
    /// A file already found through another path (a symbolic or hard link): one document per file.
    case duplicate
    /// A file without an extension that holds NUL bytes.
    case notText

    /// In the order of the cases, which is the order the summary names them in.
    public static func < (a: WalkSkip, b: WalkSkip) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Walks folders recursively and lists the files the indexer reads (see `FileFormat`), in a stable (sorted) order.
///
/// As ripgrep does: hidden entries (starting with `.`) are skipped; `.gitignore` rules apply inside a git work tree,
/// `.ignore` and `.searchignore` rules everywhere (those of the folders above the root too); symbolic links are
/// followed only while they stay inside the folder, unless `followLinks`. The root is resolved to its real path and
/// every file is listed once, however many links lead to it, under its own path when one was walked.
public struct FileWalker {
    /// The root as walked: absolute, symbolic links resolved.
    public private(set) var root: String
    /// Files found, in order.
    public private(set) var files: [FoundFile] = []
    /// Files of other kinds that were passed over (counted, never fatal).
    public private(set) var otherFiles = 0
    /// Entries passed over for a reason the summary gives, counted.
    public private(set) var skipped: [WalkSkip: Int] = [:]
    /// Entries that could not be read.
    public private(set) var problems: [SkippedFile] = []
    /// True when the root was a folder (so files missing from it were deleted), false for a single file.
    public private(set) var isFolder = false

    private let options: WalkOptions
    private var visited: Set<DeviceInode> = []
    /// Where each file's inode is in `files`, and whether it was reached through a link.
    private var found: [DeviceInode: (index: Int, throughLink: Bool)] = [:]
    private let includeGlobs: [Glob]
    private let excludeGlobs: [Glob]
    private let includeExtensions: Set<String>
    private let excludeExtensions: Set<String>

    private struct DeviceInode: Hashable { var device: UInt64; var inode: UInt64 }

    /// Walks `root`, which may be a folder or a single file. Throws only when `root` itself does not exist. A file
    /// named directly is read whatever the globs, types and ignore files say, as ripgrep does.
    public init(root: String, options: WalkOptions = WalkOptions()) throws(IndexError) {
        self.options = options
        includeGlobs = options.globs.filter { !$0.hasPrefix("!") }.compactMap { Glob($0) }
        excludeGlobs = options.globs.filter { $0.hasPrefix("!") }.compactMap { Glob(String($0.dropFirst())) }
        includeExtensions = Set(options.types.flatMap(WalkOptions.extensions(of:)))
        excludeExtensions = Set(options.excludedTypes.flatMap(WalkOptions.extensions(of:)))
        let absolute = FilePaths.absolute(root)
        var info = stat()
        guard stat(absolute, &info) == 0 else { throw .missingPath(root) }
        self.root = FileWalker.realPath(absolute) ?? absolute
        if (info.st_mode & S_IFMT) == S_IFDIR {
            isFolder = true
            visited.insert(DeviceInode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
            let segments = self.root.split(separator: "/").map(String.init)
            var rules: [IgnoreRules] = []
            var inGitTree = false
            if options.ignoreFiles {
                // The folders above the root: their .ignore files apply, and their .gitignore files within a work tree.
                var gitTop: Int? = nil
                for depth in stride(from: segments.count, through: 0, by: -1) {
                    let folder = "/" + segments.prefix(depth).joined(separator: "/")
                    if FileSystem.exists(folder == "/" ? "/.git" : folder + "/.git") { gitTop = depth; break }
                }
                inGitTree = gitTop != nil
                for depth in 0..<segments.count {
                    let base = Array(segments.prefix(depth))
                    rules += FileWalker.ignoreRules(in: "/" + base.joined(separator: "/"), base: base,
                                                    git: gitTop.map { depth >= $0 } ?? false)
                }
            }
            walk(folder: self.root, segments: segments, relative: "", rules: rules, inGitTree: inGitTree, viaLink: false)
        } else {
            let name = absolute.split(separator: "/").last.map(String.init) ?? absolute
            consider(path: self.root, relative: name, info: info, throughLink: false, named: true)
        }
    }

    /// The rules of the ignore files in `folder`.
    private static func ignoreRules(in folder: String, base: [String], git: Bool) -> [IgnoreRules] {
        var out: [IgnoreRules] = []
        // Later files win: .gitignore, then .ignore, then .searchignore (ripgrep puts .ignore above .gitignore).
        for name in (git ? [".gitignore"] : []) + [".ignore", ".searchignore"] {
            let path = (folder == "/" ? "" : folder) + "/" + name
            guard case .success(let text) = SourceReader.read(path: path, limit: 1_048_576) else { continue }
            out.append(IgnoreRules(text: text.text, base: base))
        }
        return out
    }

    /// Walks one folder; `viaLink` when it was reached through a symbolic link (so its files were too).
    private mutating func walk(folder: String, segments: [String], relative: String, rules: [IgnoreRules], inGitTree: Bool, viaLink: Bool) {
        guard let dir = opendir(folder) else {
            problems.append(SkippedFile(path: folder, reason: .other("cannot read folder (\(String(cString: strerror(errno))))")))
            return
        }
        var names: [String] = []
        while let entry = readdir(dir) {
            let bytes = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: UInt8.self, capacity: 256) { start in
                    Array(UnsafeBufferPointer(start: start, count: strlen(UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self))))
                }
            }
            if bytes.first == UInt8(ascii: ".") { continue }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                // The index keeps paths as text: a name that is not UTF-8 could not be opened again from what is stored.
                let shown = (folder == "/" ? "" : folder) + "/" + FileWalker.escaped(bytes)
                problems.append(SkippedFile(path: shown, reason: .other("file name is not valid UTF-8; rename it to index it")))
                continue
            }
            names.append(name)
        }
        closedir(dir)
        var rules = rules
        var inGitTree = inGitTree
        if options.ignoreFiles {
            if !inGitTree && FileSystem.exists(folder + "/.git") { inGitTree = true }
            rules += FileWalker.ignoreRules(in: folder, base: segments, git: inGitTree)
        }
        for name in names.sorted() {
            let path = folder == "/" ? "/" + name : folder + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else {
                if errno != ENOENT { problems.append(SkippedFile(path: path, reason: .other(String(cString: strerror(errno))))) }
                // ENOENT: deleted while the walk was under way; it is simply gone.
                continue
            }
            var throughLink = viaLink
            if (info.st_mode & S_IFMT) == S_IFLNK {
                guard stat(path, &info) == 0 else {
                    problems.append(SkippedFile(path: path, reason: .other("broken or looping symbolic link")))
                    continue
                }
                throughLink = true
                if !options.followLinks {
                    let target = FileWalker.realPath(path) ?? ""
                    guard target == root || target.hasPrefix(root == "/" ? "/" : root + "/") else {
                        skipped[.linkOutside, default: 0] += 1
                        continue
                    }
                }
            }
            let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
            let entrySegments = segments + [name]
            if options.ignoreFiles, FileWalker.verdict(rules, entrySegments, isFolder: isFolder) == true {
                skipped[.ignored, default: 0] += 1
                continue
            }
            if excludeGlobs.contains(where: { $0.matches(rel, isFolder: isFolder) }) {
                skipped[.excluded, default: 0] += 1
                continue
            }
            if isFolder {
                let key = DeviceInode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                if visited.contains(key) {
                    problems.append(SkippedFile(path: path, reason: .other("folder already walked (symbolic link loop)")))
                    continue
                }
                visited.insert(key)
                walk(folder: path, segments: entrySegments, relative: rel, rules: rules, inGitTree: inGitTree, viaLink: throughLink)
            } else {
                consider(path: path, relative: rel, info: info, throughLink: throughLink, named: false)
            }
        }
    }

    /// The last rule that speaks about `segments` decides, the deepest ignore file first.
    private static func verdict(_ rules: [IgnoreRules], _ segments: [String], isFolder: Bool) -> Bool? {
        for rules in rules.reversed() {
            if let verdict = rules.verdict(segments, isFolder: isFolder) { return verdict }
        }
        return nil
    }

    private mutating func consider(path: String, relative: String, info: stat, throughLink: Bool, named: Bool) {
        guard (info.st_mode & S_IFMT) == S_IFREG else { otherFiles += 1; return }
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        if !named {
            let dot = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 }
            let ext = dot.map { name[name.index(after: $0)...].lowercased() } ?? ""
            let globbed = includeGlobs.contains { $0.matches(relative, isFolder: false) }
            if excludeExtensions.contains(ext) || (!includeGlobs.isEmpty && !globbed)
                || (!includeExtensions.isEmpty && !includeExtensions.contains(ext)) {
                skipped[.excluded, default: 0] += 1
                return
            }
            if FileFormat(fileName: name) == nil {
                // Asked for by name (a glob or a type), or without an extension (mail and news spools, the 20
                // Newsgroups layout): read as plain text when it is text. Other endings are other kinds of file.
                let asked = globbed || includeExtensions.contains(ext)
                guard asked || ext.isEmpty else { otherFiles += 1; return }
                guard FileWalker.looksLikeText(path) else {
                    if ext.isEmpty && !asked { skipped[.notText, default: 0] += 1 } else { otherFiles += 1 }
                    return
                }
            }
        }
        let key = DeviceInode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        let file = FoundFile(path: path, relativePath: relative, size: Int64(info.st_size), modified: modified)
        if let earlier = found[key] {
            skipped[.duplicate, default: 0] += 1
            // The file's own path wins over a link's, whichever the sorted walk met first.
            if earlier.throughLink && !throughLink {
                files[earlier.index] = file
                found[key] = (earlier.index, false)
            }
            return
        }
        found[key] = (files.count, throughLink)
        files.append(file)
    }

    /// True when the first 8 KB hold no NUL byte (or start with a UTF-16 byte order mark).
    static func looksLikeText(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return true } // the reader names the problem
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
        guard n > 0 else { return true }
        let head = buffer.prefix(n)
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return true }
        return !head.contains(0)
    }

    /// `bytes` as text, with each byte that is not part of valid UTF-8 (and each control character) as `\xNN`.
    public static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            var length = 1
            let b = bytes[i]
            if b >= 0xC2 && b <= 0xDF { length = 2 } else if b >= 0xE0 && b <= 0xEF { length = 3 } else if b >= 0xF0 && b <= 0xF4 { length = 4 }
            if b >= 0x80, i + length <= bytes.count, let text = String(validating: bytes[i..<(i + length)], as: UTF8.self) {
                out += text
                i += length
                continue
            }
            if b < 0x20 || b >= 0x7F {
                let hex = String(b, radix: 16, uppercase: false)
                out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            } else {
                out.unicodeScalars.append(Unicode.Scalar(b))
            }
            i += 1
        }
        return out
    }

    /// The canonical path of `path` (symbolic links, `.` and `..` resolved), or nil when it cannot be resolved.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
