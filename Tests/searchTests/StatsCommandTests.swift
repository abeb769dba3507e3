import Foundation
import Analysis
import Storage
import Indexer
import Testing
@testable import search

struct StatsCommandTests {
    @Test func statsDescribesTheIndex() throws {
        let folder = try JSONSchemaTests.indexedFolder()
        defer { folder.remove() }
        let text = try Run(["stats", "--db", "i.db"], in: folder.path)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("index:      i.db ("))
        #expect(text.stdout.contains("documents:  10 ("))
        let json = try Run(["stats", "--db", "i.db", "--format", "json"], in: folder.path).json
        #expect(json["documents"] as? Int == 10)
        #expect((json["passages"] as? Int ?? 0) > 10)
        #expect(json["last_day"] as? String == "2020-12-31", "the seed corpus has a document dated only by its 2020 copyright")
        #expect((json["database_bytes"] as? Int ?? 0) > 4096)
        #expect(json["names"] is [Any])
        #expect(json["lowercase_names"] as? Bool == false)
        #expect(text.stdout.contains("name keys:  names written with a capital\n"))
        let missing = try Run(["stats", "--db", "none.db"], in: folder.path)
        #expect(missing.status == 2)
    }
}
