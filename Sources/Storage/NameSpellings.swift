import Analysis
import CSQLite

/// One spelling of a name as the index holds it, under one of its keys: `#sulemeni` → `suleimani`.
struct NameSpelling: Hashable {
    var key: String
    var spelling: String
}

extension Database {
    /// Writes the name spellings the tokenizer saw since the last call (document mode: each spelling with the keys
    /// it was indexed under) into `name_spellings`, and forgets them. Called before a writer commits; an index
    /// without the table (an upgrade step before version 5) skips it.
    package func saveNameSpellings() throws(IndexError) {
        let seen = tokenizerContext.nameSpellings
        tokenizerContext.nameSpellings.removeAll(keepingCapacity: true)
        guard !seen.isEmpty,
            try scalarInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'name_spellings'") == 1
        else { return }
        let insert = try prepare("INSERT OR IGNORE INTO name_spellings(key, spelling) VALUES (?1, ?2)",
                                 context: "saving the index's name spellings")
        for entry in seen {
            insert.bind(entry.key, at: 1)
            insert.bind(entry.spelling, at: 2)
            try insert.run()
        }
    }
}

extension IndexReader {
    /// The spellings the index holds under any of `keys` (name keys as the query analyzer writes them, `#…` and
    /// `##…`), each once, in no particular order. `["#sulemeni"]` → `["suleimani", "soleimani", "sulaymani"]`.
    public func nameSpellings(keys: [String]) throws(IndexError) -> [String] {
        let keys = Array(Set(keys)).sorted()
        guard !keys.isEmpty else { return [] }
        let placeholders = (1...keys.count).map { "?\($0)" }.joined(separator: ", ")
        let s = try database.prepare("SELECT DISTINCT spelling FROM name_spellings WHERE key IN (\(placeholders))",
                                     context: "reading the index's name spellings")
        for (i, key) in keys.enumerated() { s.bind(key, at: Int32(i + 1)) }
        var result: [String] = []
        while try s.step() { if let text = s.text(0) { result.append(text) } }
        return result
    }

    /// How many documents hold `spelling` as written (an exact query for it).
    public func documentCount(spelling: String) throws(IndexError) -> Int {
        let mode = queryMode
        defer { queryMode = mode }
        queryMode = .queryExact
        let s = try database.prepare("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?1",
                                     context: "counting a spelling's documents")
        // A quoted FTS5 string, its quotes doubled: the spelling is bound, never spliced into SQL.
        s.bind("\"" + spelling.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"", at: 1)
        _ = try s.step()
        return Int(s.int(0))
    }
}
