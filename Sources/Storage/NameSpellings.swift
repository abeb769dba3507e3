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
            try scalarInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '\(Schema.Table.nameSpellings)'") == 1
        else { return }
        try withStatement("INSERT OR IGNORE INTO \(Schema.Table.nameSpellings)(key, spelling) VALUES (?1, ?2)",
                          context: "saving the index's name spellings") { insert throws(IndexError) in
            for entry in seen {
                insert.bind(entry.key, at: 1)
                insert.bind(entry.spelling, at: 2)
                try insert.run()
            }
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
        let s = try database.prepare("SELECT DISTINCT spelling FROM \(Schema.Table.nameSpellings) WHERE key IN (\(placeholders))",
                                     context: "reading the index's name spellings")
        for (i, key) in keys.enumerated() { s.bind(key, at: Int32(i + 1)) }
        var result: [String] = []
        while try s.step() { if let text = s.text(0) { result.append(text) } }
        return result
    }

    /// The spellings the index holds under a `#` key whose consonant skeleton (`NameSimilarity.skeleton(ofKey:)`) is
    /// that of one of `keys`, each once: candidates that share no key with the query word but differ only in the
    /// letters the skeleton forgets (`#zakreba` of Zaghrayba → Zughrayba `#zukreba`, Zghrayba `#zkraba`). Reads only the
    /// keys that begin with the first letter of one of `keys` (a range of the primary key), not the whole table.
    public func nameSpellings(skeletonOf keys: [String]) throws(IndexError) -> [String] {
        var wanted: [UInt8: Set<[UInt8]>] = [:]
        for key in keys {
            let skeleton = NameSimilarity.skeleton(ofKey: key)
            if !skeleton.isEmpty, skeleton[0] < 0x7F { wanted[skeleton[0], default: []].insert(skeleton) }
        }
        guard !wanted.isEmpty else { return [] }
        let s = try database.prepare("SELECT key, spelling FROM \(Schema.Table.nameSpellings) WHERE key >= ?1 AND key < ?2",
                                     context: "reading the index's name spellings")
        var result: Set<String> = []
        for (first, skeletons) in wanted.sorted(by: { $0.key < $1.key }) {
            s.reset()
            s.bind(String(decoding: [0x23, first], as: UTF8.self), at: 1)
            s.bind(String(decoding: [0x23, first + 1], as: UTF8.self), at: 2)
            while try s.step() {
                guard let p = sqlite3_column_text(s.handle, 0) else { continue }
                let key = UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(s.handle, 0)))
                if skeletons.contains(NameSimilarity.skeleton(ofKey: key)), let spelling = s.text(1) { result.insert(spelling) }
            }
        }
        return Array(result)
    }

    /// How many documents hold `spelling` as written (an exact query for it).
    public func documentCount(spelling: String) throws(IndexError) -> Int {
        try database.withQueryMode(.queryExact) { () throws(IndexError) -> Int in
            try database.withStatement("SELECT count(*) FROM \(Schema.Table.fts) WHERE \(Schema.Table.fts) MATCH ?1",
                                       context: "counting a spelling's documents") { s throws(IndexError) -> Int in
                // A quoted FTS5 string, its quotes doubled: the spelling is bound, never spliced into SQL.
                s.bind("\"" + spelling.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"", at: 1)
                _ = try s.step()
                return Int(s.int(0))
            }
        }
    }
}
