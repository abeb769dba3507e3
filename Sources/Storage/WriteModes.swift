import CSQLite

/// How a writer drives a connection: the journal of a new build or of an update, the bulk load's merging, the
/// compaction of a finished build and the batches of an update. The SQL is here so that no other target runs any.
extension Database {
    /// A new index, built in a temporary file: no journal (a failed build is thrown away whole) and an 8 MB cache,
    /// half the updater's: the build writes mostly by appending, so the smaller cache keeps memory down at a small
    /// cost in time (BENCHMARKS.md, "Performance history moved out of the code").
    package func configureForBuilding() throws(IndexError) {
        // A defensive connection ignores `journal_mode = OFF` without a word (SQLite's SQLITE_DBCONFIG_DEFENSIVE), and
        // the build then wrote a rollback journal at every commit: 42.9 MB of it for the Reuters folder's 43.7 MB index.
        // The mode is set with the guard lowered for this one statement; it stays off once the guard is back.
        var was: Int32 = 1
        _ = csqlite_set_defensive(handle, 0, &was)
        let set = try prepare("PRAGMA journal_mode = OFF", context: "configuring the new index")
        let mode = try set.step() ? set.text(0) : nil
        _ = csqlite_set_defensive(handle, was, nil)
        guard mode == "off" else { throw .storage(path: path, code: 0, context: "configuring the new index (journal mode \(mode ?? "none"))") }
        try execute("PRAGMA synchronous = OFF; PRAGMA cache_size = -8000", context: "configuring the new index")
    }

    /// An existing index, updated while readers read it: the write-ahead log, and a 16 MB cache.
    package func configureForUpdating() throws(IndexError) {
        try execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16000",
                    context: "configuring the index")
    }

    /// Switches FTS5's incremental merging off for a bulk load (see `Schema.bulkLoadStart`).
    package func startBulkLoad() throws(IndexError) {
        try execute(Schema.bulkLoadStart, context: "configuring the new index")
    }

    /// Merges a bulk load into one segment and turns FTS5's merging back on (see `Schema.bulkLoadFinish`).
    package func finishBulkLoad() throws(IndexError) {
        try execute(Schema.bulkLoadFinish, context: "merging the new index")
    }

    /// Writes the live pages of this database into a new file at `path` (`VACUUM INTO`).
    package func compact(into path: String) throws(IndexError) {
        let vacuum = try prepare("VACUUM INTO ?1", context: "compacting the new index")
        vacuum.bind(path, at: 1)
        try vacuum.run()
    }

    /// Puts the file into WAL mode, as a compacted build must be before it goes into place.
    package func enableWriteAheadLog() throws(IndexError) {
        try execute("PRAGMA journal_mode = WAL", context: "finishing the new index")
    }

    /// Starts a batch of writes (BEGIN IMMEDIATE: a second writer is told at once).
    package func beginBatch() throws(IndexError) {
        try execute("BEGIN IMMEDIATE", context: "starting a batch")
    }

    /// Commits the batch, with the name spellings of the documents it tokenized, and starts the next one.
    package func commitBatchAndBegin() throws(IndexError) {
        // The spellings go in the commit of the documents that hold them: a run killed after it must not leave
        // documents whose spellings no name query can ask for.
        try saveNameSpellings()
        try execute("COMMIT; BEGIN IMMEDIATE", context: "committing a batch")
    }

    /// Commits the last batch, with the name spellings of the documents it tokenized.
    package func commitBatch() throws(IndexError) {
        try saveNameSpellings()
        try execute("COMMIT", context: "committing a batch")
    }

    /// Rolls the open batch back; a failure to do so is not reported (the batch's error is).
    package func rollbackBatch() {
        try? execute("ROLLBACK", context: "rolling back")
    }
}
