/// A gitignore-style glob, as ripgrep's `--glob` and ignore files read them.
///
/// `*` matches within one path segment, `**` any number of segments, `?` one character, `[a-z]` and `[!a-z]` a class,
/// `\` escapes. A pattern without a `/` (other than a trailing one) matches the last segment at any depth
/// (`*.txt`, `node_modules`); one with a `/` is anchored at the folder the pattern belongs to (`/build`, `a/b/*.md`).
/// A trailing `/` matches folders only. Paths and patterns are compared byte by byte, case-sensitively, as git does.
public struct Glob: Sendable, Equatable {
    /// The pattern as written.
    public let pattern: String
    /// True when the pattern matches folders only (it ended in `/`).
    public let foldersOnly: Bool
    private let segments: [[UInt8]]
    private let anchored: Bool

    /// Parses `pattern`; nil when it is empty (or only `/`).
    public init?(_ pattern: String) {
        self.pattern = pattern
        var text = Array(pattern.utf8)
        foldersOnly = text.last == UInt8(ascii: "/")
        while text.last == UInt8(ascii: "/") { text.removeLast() }
        let leading = text.first == UInt8(ascii: "/")
        if leading { text.removeFirst() }
        guard !text.isEmpty else { return nil }
        anchored = leading || text.contains(UInt8(ascii: "/"))
        segments = text.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map(Array.init)
        if !anchored { precondition(segments.count == 1) }
    }

    /// True when `path` (relative to the pattern's folder, segments joined with `/`) matches; `isFolder` says
    /// whether it names a folder.
    public func matches(_ path: String, isFolder: Bool) -> Bool {
        if foldersOnly && !isFolder { return false }
        let parts = Array(path.utf8).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map(Array.init)
        guard !parts.isEmpty else { return false }
        if !anchored { return Glob.segment(segments[0][...], parts[parts.count - 1][...]) }
        return Glob.path(segments[...], parts[...])
    }

    private static func path(_ pattern: ArraySlice<[UInt8]>, _ parts: ArraySlice<[UInt8]>) -> Bool {
        guard let first = pattern.first else { return parts.isEmpty }
        if first == Array("**".utf8) {
            let rest = pattern.dropFirst()
            // `a/**` matches everything inside a, not a itself (git's rule).
            if rest.isEmpty { return !parts.isEmpty }
            var at = parts.startIndex
            while at <= parts.endIndex {
                if path(rest, parts[at...]) { return true }
                at += 1
            }
            return false
        }
        guard let part = parts.first, segment(first[...], part[...]) else { return false }
        return path(pattern.dropFirst(), parts.dropFirst())
    }

    /// One segment against one name: `*`, `?`, classes and escapes, with backtracking on the last `*`.
    static func segment(_ pattern: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex, n = name.startIndex
        var starP: Int? = nil, starN = name.startIndex
        while n < name.endIndex {
            if p < pattern.endIndex {
                let c = pattern[p]
                if c == UInt8(ascii: "*") {
                    while p < pattern.endIndex && pattern[p] == UInt8(ascii: "*") { p += 1 }
                    starP = p
                    starN = n
                    continue
                }
                if c == UInt8(ascii: "?") { p += 1; n += 1; continue }
                if c == UInt8(ascii: "["), let (matched, next) = classMatch(pattern, at: p, name[n]) {
                    if matched { p = next; n += 1; continue }
                } else {
                    var literal = c
                    var next = p + 1
                    if c == UInt8(ascii: "\\"), next < pattern.endIndex { literal = pattern[next]; next += 1 }
                    if literal == name[n] { p = next; n += 1; continue }
                }
            }
            guard let star = starP else { return false }
            starN += 1
            n = starN
            p = star
        }
        while p < pattern.endIndex && pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }

    /// Whether `byte` is in the class starting at `pattern[at]` (`[`), and the index after the class; nil when the
    /// class is not closed (then `[` is a literal).
    private static func classMatch(_ pattern: ArraySlice<UInt8>, at: Int, _ byte: UInt8) -> (Bool, Int)? {
        var i = at + 1
        var negated = false
        if i < pattern.endIndex, pattern[i] == UInt8(ascii: "!") || pattern[i] == UInt8(ascii: "^") { negated = true; i += 1 }
        var matched = false
        var first = true
        while i < pattern.endIndex {
            var c = pattern[i]
            if c == UInt8(ascii: "]") && !first { return (matched != negated, i + 1) }
            first = false
            if c == UInt8(ascii: "\\"), i + 1 < pattern.endIndex { i += 1; c = pattern[i] }
            if i + 2 < pattern.endIndex, pattern[i + 1] == UInt8(ascii: "-"), pattern[i + 2] != UInt8(ascii: "]") {
                if c <= byte && byte <= pattern[i + 2] { matched = true }
                i += 3
            } else {
                if c == byte { matched = true }
                i += 1
            }
        }
        return nil
    }
}
