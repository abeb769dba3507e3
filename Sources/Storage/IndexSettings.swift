import Analysis
/// Choices made when an index is built that every later writer must follow, stored in the index's `settings` table.
///
/// Today one: whether documents key names written in lower case (`search index --lowercase-names`). A writer that
/// analysed with another choice than the index was built with would leave it half keyed one way and half the other,
/// so the choice is kept in the file, not on the command line.
public struct IndexSettings: Sendable, Equatable {
    /// Documents key names written in lower case too (`Analyzer.lowerCaseNames`).
    public var lowerCaseNames = false

    /// The defaults: capitalised names only.
    public init(lowerCaseNames: Bool = false) {
        self.lowerCaseNames = lowerCaseNames
    }

    /// The analyzer these settings call for: `analyzer` with their choices applied.
    public func applied(to analyzer: Analyzer) -> Analyzer {
        var a = analyzer
        a.lowerCaseNames = lowerCaseNames
        return a
    }

    static let lowerCaseNamesKey = "lowercase_names"

    /// Reads the settings of `database`; the defaults for an index without a `settings` table (before layout 4).
    static func read(_ database: Database) throws(IndexError) -> IndexSettings {
        guard try database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'settings'") > 0
        else { return IndexSettings() }
        let statement = try database.prepare("SELECT value FROM settings WHERE name = ?1", context: "reading the index settings")
        defer { statement.reset() }
        statement.bind(lowerCaseNamesKey, at: 1)
        var settings = IndexSettings()
        if try statement.step() { settings.lowerCaseNames = statement.text(0) == "1" }
        return settings
    }

    /// Stores these settings in `database` (which has a `settings` table).
    func write(_ database: Database) throws(IndexError) {
        let statement = try database.prepare("INSERT OR REPLACE INTO settings(name, value) VALUES (?1, ?2)",
                                             context: "writing the index settings")
        statement.bind(IndexSettings.lowerCaseNamesKey, at: 1)
        statement.bind(lowerCaseNames ? "1" : "0", at: 2)
        try statement.run()
    }
}

/// One of the `IndexSettings`, named in an error when a writer asks for another choice than the index holds.
public enum IndexSetting: Sendable, Equatable {
    /// `IndexSettings.lowerCaseNames`.
    case lowerCaseNames
}
