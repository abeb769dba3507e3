import Foundation
import Analysis
@testable import Storage
import Indexer
import Testing

/// `search check` and `search rebuild` through the real binary.
struct CheckCommandTests {
    @Test func checkAndRebuildFromTheCommandLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try writeArticles(10, in: folder)
        #expect(try Run(["index", "news", "--db", "i.db", "--quiet"], in: folder.path).status == 0)
        let healthy = try Run(["check", "--db", "i.db"], in: folder.path)
        #expect(healthy.status == 0)
        #expect(healthy.stdout.hasPrefix("index i.db: healthy\n  schema version \(Schema.version), 10 documents, "), "\(healthy.stdout)")
        let json = try Run(["check", "--db", "i.db", "--json"], in: folder.path).json
        #expect(json["healthy"] as? Bool == true)
        #expect(json["documents"] as? Int == 10)

        do {
            let damage = try Database(path: folder.path + "/i.db", access: .readWrite, defensive: false)
            try damage.execute("DELETE FROM documents_fts_data WHERE id > 1", context: "test")
        }
        let broken = try Run(["check", "--db", "i.db"], in: folder.path)
        #expect(broken.status == 2)
        #expect(broken.stdout.contains("the full-text index does not match the stored passages"), "\(broken.stdout)")
        #expect(broken.stdout.contains("run: search rebuild --db i.db"))
        let rebuilt = try Run(["rebuild", "--db", "i.db"], in: folder.path)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stderr.contains("rebuilt i.db: 10 documents, \(json["passages"] as? Int ?? -1) passages re-tokenized"), "\(rebuilt.stderr)")
        #expect(try Run(["check", "--db", "i.db"], in: folder.path).status == 0)
        #expect(try Run(["Soleimani", "--db", "i.db", "--format", "json"], in: folder.path).json["total"] as? Int == 10)

        let missing = try Run(["check", "--db", "none.db"], in: folder.path)
        #expect(missing.status == 2 && missing.stderr.contains("no index at none.db"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/none.db"))
    }
}
