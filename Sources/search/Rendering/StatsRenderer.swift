import Storage

/// `search stats`'s text for people.
enum StatsRenderer {
    /// The statistics for people, one fact per line.
    static func text(_ s: IndexStatistics, path: String, names: Int) -> String {
        var out = "index:      \(path) (\(IndexCommand.formatBytes(s.databaseBytes)))\n"
        out += "documents:  \(s.documents) (\(s.datedDocuments) dated, \(s.documents - s.datedDocuments) undated)\n"
        out += "passages:   \(s.passages)\n"
        // At the dates' own precision: a document dated only 2020 ends the range at 2020, not at 2020-12-31.
        if let first = s.firstDate ?? s.firstDay, let last = s.lastDate ?? s.lastDay { out += "dates:      \(first) to \(last)\n" }
        out += "name keys:  " + (s.lowerCaseNames ? "names written with a capital or in lower case (--lowercase-names)\n"
                                                  : "names written with a capital\n")
        if !s.years.isEmpty { out += "by year:    " + s.years.map { "\($0.year): \($0.documents)" }.joined(separator: ", ") + "\n" }
        if names > 0 {
            if s.names.isEmpty {
                out += "names:      none (the analyzer made no name keys)\n"
            } else {
                out += "names:      (documents, then spellings seen)\n"
                let width = s.names.map { String($0.documents).count }.max() ?? 1
                for name in s.names {
                    let count = String(repeating: " ", count: width - String(name.documents).count) + String(name.documents)
                    let spellings = name.spellings.prefix(5).map(\.text).joined(separator: ", ")
                    out += "  \(count)  \(Output.escaped(spellings.isEmpty ? name.key : spellings))\n"
                }
            }
        }
        return out
    }
}
