import Testing
@testable import Storage

/// `Database.withStatement`: statements cached by their SQL, handed out clean, never twice at once.
struct StatementCacheTests {
    /// A real database file with three rows.
    static func database() throws -> (TemporaryFolder, Database) {
        let folder = try TemporaryFolder()
        let database = try Database(path: folder.path + "/s.db", access: .readWrite)
        try database.execute("CREATE TABLE t(n INTEGER); INSERT INTO t VALUES (1), (2), (3)", context: "test")
        return (folder, database)
    }

    static let select = "SELECT n FROM t WHERE n >= ?1 ORDER BY n"

    /// Rows of `select` with `?1` bound to `from`, or left unbound (NULL: no row) when nil.
    static func rows(_ database: Database, from: Int?) throws -> [Int64] {
        try database.withStatement(select, context: "test") { s throws(IndexError) -> [Int64] in
            if let from { s.bind(from, at: 1) }
            var rows: [Int64] = []
            while try s.step() { rows.append(s.int(0)) }
            return rows
        }
    }

    @Test(arguments: [
        // (first bound value, second: nil leaves ?1 unbound, expected second rows)
        (1, 2 as Int?, [2, 3] as [Int64]),
        (2, nil, []),  // the first use's binding is cleared
        (3, 1, [1, 2, 3]),
    ])
    func theSameSQLGetsTheSameStatementWithoutItsBindings(first: Int, second: Int?, expected: [Int64]) throws {
        let (folder, database) = try StatementCacheTests.database()
        defer { folder.remove() }
        let a = try database.withStatement(StatementCacheTests.select, context: "test") { s throws(IndexError) in
            s.bind(first, at: 1)
            _ = try s.step()
            return ObjectIdentifier(s)
        }
        let b = try database.withStatement(StatementCacheTests.select, context: "test") { s throws(IndexError) in ObjectIdentifier(s) }
        #expect(a == b)
        #expect(try StatementCacheTests.rows(database, from: second) == expected)
    }

    @Test func aNestedUseOfTheSameSQLGetsItsOwnStatement() throws {
        let (folder, database) = try StatementCacheTests.database()
        defer { folder.remove() }
        var pairs: [[Int64]] = []
        var outerID: ObjectIdentifier?
        var innerIDs: Set<ObjectIdentifier> = []
        try database.withStatement(StatementCacheTests.select, context: "test") { outer throws(IndexError) in
            outerID = ObjectIdentifier(outer)
            outer.bind(2, at: 1)
            while try outer.step() {
                let n = outer.int(0)
                let inner = try database.withStatement(StatementCacheTests.select, context: "test") {
                    s throws(IndexError) -> [Int64] in
                    innerIDs.insert(ObjectIdentifier(s))
                    s.bind(n, at: 1)
                    var rows: [Int64] = []
                    while try s.step() { rows.append(s.int(0)) }
                    return rows
                }
                pairs.append([n] + inner)
            }
        }
        #expect(pairs == [[2, 2, 3], [3, 3]], "the outer statement kept stepping through its own rows")
        #expect(outerID.map { !innerIDs.contains($0) } == true)
        // Afterwards the cached (outer) statement is handed out again.
        let again = try database.withStatement(StatementCacheTests.select, context: "test") { s throws(IndexError) in ObjectIdentifier(s) }
        #expect(again == outerID)
    }

    @Test func aStatementLeftMidwayIsResetAndHoldsNoLock() throws {
        let (folder, database) = try StatementCacheTests.database()
        defer { folder.remove() }
        let first = try database.withStatement(StatementCacheTests.select, context: "test") { s throws(IndexError) -> Int64 in
            s.bind(1, at: 1)
            _ = try s.step()
            return s.int(0)
        }
        #expect(first == 1)
        // VACUUM fails while any statement is still running on the connection.
        try database.execute("VACUUM", context: "test")
        #expect(try StatementCacheTests.rows(database, from: 1) == [1, 2, 3])
    }
}
