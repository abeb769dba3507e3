import Foundation
import Testing
import TestSupport

/// Requests nobody's browser sends: each is answered with a 4xx and one line, the server stays up, and no answer
/// carries SQLite's words or a file from outside the index.
@Suite(.serialized) struct ServeHostileTests {
    /// A raw request target and the status it must get.
    static let targets: [(target: String, status: Int)] = [
        ("/../../etc/passwd", 404),
        ("/%2e%2e/%2e%2e/etc/passwd", 404),
        ("/api/../../etc/passwd", 404),
        ("/..%2f..%2fetc%2fpasswd", 404),
        ("/api/show?doc=..%2F..%2F..%2F..%2Fetc%2Fpasswd", 404),
        ("/api/show?doc=%2Fetc%2Fpasswd", 404),
        ("/api/show?doc=%00", 404),
        ("/api/show?doc=hostile.md%00.txt", 404),
        ("/api/show?doc=", 400),
        ("/api/show", 400),
        ("/api/search", 400),
        ("/api/search?q=", 400),
        ("/api/search?q=+++", 400),
        ("/api/search?q=%ZZ", 400),
        ("/api/search?q=%", 400),
        ("/api/search?q=%C3%28", 400),
        ("/api/search?q=%FF%FE", 400),
        ("/api/search?q=Iraq&q=Basra", 400),
        ("/api/search?q=Iraq&limit=-1", 400),
        ("/api/search?q=Iraq&limit=101", 400),
        ("/api/search?q=Iraq&limit=99999999999999999999999", 400),
        ("/api/search?q=Iraq&offset=1e3", 400),
        ("/api/search?q=Iraq&passages=0", 400),
        ("/api/search?q=Iraq&sort=random", 400),
        ("/api/search?q=Iraq&exact=maybe", 400),
        ("/api/search?q=Iraq&offsets=words", 400),
        ("/api/search?q=Iraq&callback=alert", 400),
        ("/api/search?q=Iraq&since=%00", 400),
        ("/api/search?q=Iraq%22%29%3B+DROP+TABLE+documents%3B--", 400),
        ("/api/search?q=" + String(repeating: "a", count: 1_001), 400),
        ("/api/search?q=" + String(repeating: "x", count: 9_000), 414),
        ("/api/search?q=" + String(repeating: "%00", count: 2_000), 400),
        ("/api/show?doc=" + String(repeating: "../", count: 1_000), 404),
        ("/api/timeline?q=%22", 400),
        ("/app.js?x=1", 400),
        ("/api/", 404),
        ("/api/search/", 404),
        ("/index.db", 404),
        ("/.search/index.db", 404),
        ("/corpus/hostile.md", 404),
    ]

    @Test func hostileTargetsGet4xxWithOneLineAndNoSQLite() throws {
        let corpus = try IndexedCorpus()
        defer { corpus.folder.remove() }
        let server = try ServerProcess(db: corpus.db)
        defer { _ = server.stop() }
        for (target, status) in Self.targets {
            let reply = try server.get(target)
            #expect(reply.status == status, "\(target.prefix(80)): \(reply.status) \(reply.text.prefix(200))")
            Self.checkClean(reply, target)
        }
        #expect(server.isRunning)
        #expect(try server.get("/api/search?q=Zarqawi").status == 200, "still answering")
    }

    @Test func writesOtherMethodsBodiesAndForeignHostsAreRefused() throws {
        let corpus = try IndexedCorpus()
        defer { corpus.folder.remove() }
        let server = try ServerProcess(db: corpus.db)
        defer { _ = server.stop() }
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"] {
            let reply = try RawHTTP.request(port: server.port, method: method, "/api/search?q=Iraq", body: Array("{\"q\":1}".utf8))
            #expect(reply.status == 405, "\(method)")
            #expect(reply.headers["allow"] == "GET, HEAD")
            Self.checkClean(reply, method)
        }
        let head = try RawHTTP.request(port: server.port, method: "HEAD", "/api/search?q=Iraq")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        // A GET with a body (a request smuggled past a proxy, say) is refused.
        let withBody = try RawHTTP.send(port: server.port, Array("GET /api/search?q=Iraq HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello".utf8))
        #expect(withBody.status == 400)
        // DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 sends its own name as Host.
        for host in ["evil.example", "evil.example:\(server.port)", "127.0.0.1:1", ""] {
            let reply = try RawHTTP.get(port: server.port, "/api/search?q=Iraq", host: host)
            #expect(reply.status == 400, "Host: \(host)")
        }
        // Not HTTP at all.
        let garbage = try? RawHTTP.send(port: server.port, Array("\u{0}\u{1}\u{2} hello\r\n\r\n".utf8), timeout: 5)
        #expect(garbage.map { $0.status >= 400 } ?? true)
        #expect(server.isRunning)
        #expect(try server.get("/api/search?q=Iraq").status == 200)
    }

    /// Seeded random queries and document names made of the query language's own characters, control characters,
    /// and non-ASCII letters: every answer is 200, 400 or 404, JSON, and a 400's message is the CLI's own.
    @Test(arguments: [UInt64(18), 1_802, 180_218])
    func fuzzedParametersGetCleanAnswers(seed: UInt64) throws {
        let corpus = try IndexedCorpus()
        defer { corpus.folder.remove() }
        let server = try ServerProcess(db: corpus.db)
        defer { _ = server.stop() }
        var random = SeededGenerator(state: seed)
        let pieces = ["\"", "(", ")", "*", "-", ":", "NEAR(", "OR", "AND", "NOT", "title:", "body:", ",", "5", " ", " ", "Iraq",
                      "Soleimani", "Kata'ib", "al-", "ā", "ẓ", "\u{0}", "\u{7}", "\u{1b}[31m", "%", "&", "=", "+", "/", "../",
                      "\\", "'", ";", "<script>", "\u{202e}", "\u{fffd}", "🙂", "NEAR", "^", "{", "}", "[", "]"]
        var compared = 0
        for i in 0..<60 {
            let query = (0..<Int.random(in: 1...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let reply = try server.get("/api/search?q=" + encoded(query) + "&limit=3")
            #expect([200, 400].contains(reply.status), "\(query.debugDescription): \(reply.status) \(reply.text.prefix(200))")
            Self.checkClean(reply, query.debugDescription)
            if reply.status == 400, i % 4 == 0, !query.contains("\u{0}") {
                // The same query through the CLI (after --, so that a leading - is not an option).
                let run = try Finished(Binaries.search, ["query", "--db", corpus.db, "-n", "3", "--", query])
                if run.status == 2, run.stderr.hasPrefix("search: query error") {
                    #expect("search: " + (reply.error ?? "") + "\n" == run.stderr, "\(query.debugDescription)")
                    compared += 1
                }
            }
            let doc = (0..<Int.random(in: 1...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let shown = try server.get("/api/show?doc=" + encoded(doc) + "&q=" + encoded(query))
            #expect([400, 404].contains(shown.status), "\(doc.debugDescription): \(shown.status)")
            Self.checkClean(shown, doc.debugDescription)
        }
        #expect(server.isRunning)
        #expect(try server.get("/api/search?q=Zarqawi").status == 200)
        print("fuzz seed \(seed): 120 requests, \(compared) error messages compared with the CLI's")
    }

    /// An error answer: JSON with one line, nothing of SQLite, no text of a file outside the index.
    static func checkClean(_ reply: HTTPReply, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lower = reply.text.lowercased()
        #expect(!lower.contains("sqlite"), "\(what.prefix(80)): \(reply.text.prefix(200))", sourceLocation: sourceLocation)
        #expect(!lower.contains("fts5"), "\(what.prefix(80))", sourceLocation: sourceLocation)
        #expect(!reply.text.contains("root:x:"), "\(what.prefix(80))", sourceLocation: sourceLocation)
        #expect(reply.headers["x-content-type-options"] == "nosniff", "\(what.prefix(80))", sourceLocation: sourceLocation)
        if reply.status >= 400 {
            #expect(reply.error != nil, "\(what.prefix(80)): an error is {\"error\": …}", sourceLocation: sourceLocation)
            #expect(reply.error?.contains("\n") == false, sourceLocation: sourceLocation)
        }
    }
}
