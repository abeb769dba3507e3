import Storage

// `search check`'s problems are data in Storage; these are their sentences, naming the command that repairs each.

extension IndexProblem: CustomStringConvertible {
    /// The sentence `search check` prints for the problem (text and JSON alike).
    public var description: String {
        switch self {
        case let .newerLayout(found, supported):
            return "the layout is version \(found), newer than this program's \(supported): upgrade search to check it"
        case let .olderLayout(found, supported):
            return "the layout is version \(found), older than this program's \(supported): run search rebuild to upgrade it"
        case let .damagedFile(messages):
            return "the database file is damaged: " + messages.prefix(3).joined(separator: "; ")
                + (messages.count > 3 ? " (and \(messages.count - 3) more)" : "")
        case let .unreadableFile(reason): return "the database file is damaged and cannot be read (\(reason))"
        case .fullTextNotCheckable:
            return "the full-text index could not be checked: this user cannot write the index (run search check as its owner)"
        case let .fullTextMismatch(path, reason):
            return "the full-text index does not match the stored passages (\(reason)); run: search rebuild --db \(path)"
        case let .notCompared(reason): return "documents and passages could not be compared (\(reason))"
        case let .textsMissing(path, count, examples):
            return "\(count) document\(count == 1 ? " has" : "s have") no indexed text ("
                + examples.joined(separator: "; ") + (count > 3 ? "; ..." : "") + "); run: search rebuild --db \(path)"
        case let .passagesMisplaced(path, count, examples):
            return "\(count) document\(count == 1 ? "'s passages do" : "s' passages do") not fit their text ("
                + examples.joined(separator: "; ") + (count > 3 ? "; ..." : "") + "); run: search rebuild --db \(path)"
        case let .orphanTexts(path, count):
            return "\(count) indexed text\(count == 1 ? " belongs" : "s belong") to no document; run: search rebuild --db \(path)"
        case let .orphanDates(path, count):
            return "\(count) passage date\(count == 1 ? " belongs" : "s belong") to no passage; run: search rebuild --db \(path)"
        }
    }
}
