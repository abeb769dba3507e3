/// What tests do to an index on purpose, and what they read that no reader returns: written here, against the layout
/// Storage owns, so that a test names the damage and never spells out the tables or packs a blob by hand. Package
/// access: the program never calls these.
extension Database {
    /// Overwrites the passage ranges of the documents shown as `relativePath`, unchecked: ranges past the text, out of
    /// order or through a character are the point.
    package func overwritePassages(relativePath: String, with ranges: [Range<Int>]) throws(IndexError) {
        let s = try prepare("UPDATE \(Schema.Table.documents) SET passages = ?2 WHERE relpath = ?1", context: "damaging passages")
        s.bind(relativePath, at: 1)
        s.bind(blob: PassageRanges.pack(ranges), at: 2)
        try s.run()
    }

    /// Forgets every document's passage positions, as an index upgraded from version 2 without them has none.
    package func forgetPassagePositions() throws(IndexError) {
        try execute("UPDATE \(Schema.Table.documents) SET passage_positions = NULL", context: "forgetting passage positions")
    }

    /// How many documents have no passage positions.
    package func documentsWithoutPassagePositions() throws(IndexError) -> Int {
        Int(try scalarInt("SELECT count(*) FROM \(Schema.Table.documents) WHERE passage_positions IS NULL"))
    }

    /// Leaves the documents shown as `relativePath` undated and marked for the writer's last pass, as a run killed
    /// after its batches and before that pass leaves them.
    package func leaveUndatedForTheLastPass(relativePath: String) throws(IndexError) {
        let s = try prepare("""
            UPDATE \(Schema.Table.documents) SET date = NULL, date_first = NULL, date_last = NULL, date_source = NULL WHERE relpath = ?1
            """, context: "undating a document")
        s.bind(relativePath, at: 1)
        try s.run()
        let mark = try prepare("""
            INSERT OR REPLACE INTO \(Schema.Table.collectionDating)(document, vote_year, vote_own)
                SELECT id, NULL, 0 FROM \(Schema.Table.documents) WHERE relpath = ?1
            """, context: "marking a document for dating")
        mark.bind(relativePath, at: 1)
        try mark.run()
        try execute("INSERT OR IGNORE INTO \(Schema.Table.datingDue)(due) VALUES (1)", context: "marking the index for dating")
    }

    /// How many documents are marked for the writer's last pass.
    package func documentsPendingDates() throws(IndexError) -> Int {
        Int(try scalarInt("SELECT count(*) FROM \(Schema.Table.collectionDating) WHERE read_in IS NULL"))
    }
}
