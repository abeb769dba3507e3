import Storage

/// The rules of one ignore file (`.gitignore`, `.ignore`, `.searchignore`): later lines win, `!` re-includes.
struct IgnoreRules: Sendable {
    /// The folder the file is in, as absolute path segments (so a file in a folder above the walk's root applies too).
    var base: [String]
    var rules: [(glob: Glob, negated: Bool)] = []

    /// Reads `text` as gitignore lines: blank lines and `#` comments skipped, `\#` and `\!` literal, trailing
    /// spaces dropped.
    init(text: String, base: [String]) {
        self.base = base
        for raw in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            var line = Substring(raw)
            while line.last == " " && !line.hasSuffix("\\ ") { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            var negated = false
            if line.hasPrefix("!") { negated = true; line.removeFirst() }
            else if line.hasPrefix("\\!") || line.hasPrefix("\\#") { line.removeFirst() }
            if let glob = Glob(String(line)) { rules.append((glob, negated)) }
        }
    }

    /// True (ignore), false (re-included) or nil (no rule says) for the absolute path `segments`.
    func verdict(_ segments: [String], isFolder: Bool) -> Bool? {
        guard segments.count > base.count, Array(segments.prefix(base.count)) == base else { return nil }
        let relative = segments.dropFirst(base.count).joined(separator: "/")
        for rule in rules.reversed() where rule.glob.matches(relative, isFolder: isFolder) { return !rule.negated }
        return nil
    }
}
