import Foundation
import Testing
import TestSupport

/// The JSON API against the real server and the real CLI on one real index: the same bytes, the same messages.
@Suite(.serialized) struct ServeAPITests {
    /// Queries and options sent both ways; the API must answer with exactly what `search … --format json` prints.
    static let sameAsCLI: [(target: String, cli: [String])] = [
        ("/api/search?q=Soleimani", ["Soleimani"]),
        ("/api/search?q=Suleimani&limit=2", ["Suleimani", "-n", "2"]),
        ("/api/search?q=%22Tahrir%20Square%22&passages=2", ["\"Tahrir Square\"", "--passages", "2"]),
        ("/api/search?q=Iraq+-Lebanon&sort=date&offset=1", ["Iraq -Lebanon", "--sort", "date", "--offset", "1"]),
        ("/api/search?q=Soleimani&since=2019-11&until=2020-01", ["Soleimani", "--since", "2019-11", "--until", "2020-01"]),
        ("/api/search?q=Soleimani&exact=1&snippet_words=8", ["Soleimani", "--exact", "--snippet-words", "8"]),
        ("/api/search?q=protest*&offsets=chars", ["protest*", "--offsets", "chars"]),
        ("/api/search?q=Zarqawi", ["Zarqawi"]),
        ("/api/search?q=NoSuchWordAnywhere", ["NoSuchWordAnywhere"]),
    ]

    @Test func searchAnswersWithTheCLIsJSONByteForByte() throws {
        let corpus = try IndexedCorpus()
        defer { corpus.folder.remove() }
        let server = try ServerProcess(db: corpus.db)
        defer { _ = server.stop() }
        for (target, cli) in Self.sameAsCLI {
            let reply = try server.get(target)
            let run = try Finished(Binaries.search, ["query", "--db", corpus.db, "--format", "json"] + cli)
            #expect(reply.status == 200, "\(target): \(reply.text)")
            #expect(reply.text == run.stdout, "\(target) differs from search \(cli)")
            #expect(reply.headers["content-type"] == "application/json; charset=utf-8")
        }
    }

    @Test(arguments: ["Soleimani", "Suleimani", "Muhandis", "protest", "Hizballah"])
    func namesAnswersWithTheCLIsJSONByteForByte(name: String) throws {
        let corpus = try IndexedCorpus()
        defer { corpus.folder.remove() }
        let server = try ServerProcess(db: corpus.db)
        defer { _ = server.stop() }
        let reply = try server.get("/api/names?name=" + name)
        let run = try Finished(Binaries.search, ["names", name, "--db", corpus.db, "--format", "json"])
        #expect(reply.status == 200, "\(name): \(reply.text)")
        #expect(reply.text == run.stdout, "/api/names?name=\(name) differs from search names")
        if name == "Soleimani" { #expect(reply.text.contains("\"spelling\":\"suleimani\""), "\(reply.text)") }
    }

    @Test func showAnswersWithTheCLIsJSONAndOnlyForDocumentsOfTheIndex() throws {
        let corpus = try IndexedCorpus()
        defer { corpus.folder.remove() }
        let server = try ServerProcess(db: corpus.db)
        defer { _ = server.stop() }
        let cases: [(target: String, cli: [String])] = [
            ("/api/show?doc=hostile.md&q=Zarqawi", ["hostile.md", "-q", "Zarqawi"]),
            ("/api/show?doc=002_3f5214270b71f301.txt&q=Soleimani&matching=1", ["002_3f5214270b71f301.txt", "-q", "Soleimani", "--matching"]),
            ("/api/show?doc=004_935e62f9ed8833da.txt", ["004_935e62f9ed8833da.txt"]),
            ("/api/show?doc=004_935e62f9ed8833da.txt&q=Khamenei&offsets=chars", ["004_935e62f9ed8833da.txt", "-q", "Khamenei", "--offsets", "chars"]),
        ]
        for (target, cli) in cases {
            let reply = try server.get(target)
            let run = try Finished(Binaries.search, ["show", "--db", corpus.db, "--format", "json"] + cli)
            #expect(reply.status == 200, "\(target): \(reply.text)")
            #expect(reply.text == run.stdout, "\(target) differs from search show \(cli)")
        }
        // A real file that is not in the index is not served, whatever the path looks like.
        for doc in ["/etc/passwd", "../../../../etc/passwd", corpus.folder.path + "/index.db", "corpus/../index.db"] {
            let reply = try server.get("/api/show?doc=" + encoded(doc))
            #expect(reply.status == 404, "\(doc)")
            let run = try Finished(Binaries.search, ["show", "--db", corpus.db, doc], in: corpus.folder.path)
            #expect(reply.error.map { "search: " + $0 + "\n" } == run.stderr, "\(doc): the CLI's message")
            #expect(!reply.text.contains("root:"))
        }
    }

    /// Bad input: 400 and the very line the CLI prints after `search: ` (without its pointer to --help).
    static let badQueries: [(target: String, cli: [String])] = [
        ("/api/search?q=%22Soleimani", ["--", "\"Soleimani"]),
        ("/api/search?q=NEAR(", ["--", "NEAR("]),
        ("/api/search?q=(Basra", ["--", "(Basra"]),
        ("/api/search?q=Basra)", ["--", "Basra)"]),
        ("/api/search?q=OR", ["--", "OR"]),
        ("/api/search?q=Iraq&since=2019-13", ["Iraq", "--since", "2019-13"]),
        ("/api/search?q=Iraq&until=yesterday", ["Iraq", "--until", "yesterday"]),
        ("/api/search?q=Iraq&mentions_since=20", ["Iraq", "--mentions-since", "20"]),
    ]

    @Test func badInputGets400WithTheCLIsMessage() throws {
        let corpus = try IndexedCorpus()
        defer { corpus.folder.remove() }
        let server = try ServerProcess(db: corpus.db)
        defer { _ = server.stop() }
        for (target, cli) in Self.badQueries {
            let reply = try server.get(target)
            let run = try Finished(Binaries.search, ["query", "--db", corpus.db] + cli)
            #expect(run.status == 2)
            #expect(reply.status == 400, "\(target): \(reply.text)")
            // The CLI points at its --help after a bad option value; the page has no --help to point at.
            var message = run.stderr.hasPrefix("search: ") ? String(run.stderr.dropFirst(8).dropLast()) : run.stderr
            if message.hasSuffix(" (see: search --help)") { message = String(message.dropLast(" (see: search --help)".count)) }
            #expect(reply.error == message, "\(target)")
        }
    }

    @Test func everyResponseCarriesTheSecurityHeadersAndThePageIsServed() throws {
        let corpus = try IndexedCorpus()
        defer { corpus.folder.remove() }
        let server = try ServerProcess(db: corpus.db)
        defer { _ = server.stop() }
        for target in ["/", "/?q=Soleimani", "/app.js", "/app.css", "/api/search?q=Iraq", "/api/search?q=%22", "/nothing"] {
            let reply = try server.get(target)
            #expect(reply.headers["content-security-policy"]?.contains("default-src 'none'") == true, "\(target)")
            #expect(reply.headers["content-security-policy"]?.contains("script-src 'self'") == true, "\(target)")
            #expect(reply.headers["x-content-type-options"] == "nosniff", "\(target)")
        }
        #expect(try server.get("/").text.contains("<input id=\"q\""))
        #expect(try server.get("/app.js").headers["content-type"] == "text/javascript; charset=utf-8")
        let timeline = try #require(try server.get("/api/timeline?q=Soleimani").json as? [String: Any])
        let months = try #require(timeline["months"] as? [[String: Any]])
        let total = months.compactMap { $0["documents"] as? Int }.reduce(0, +) + (timeline["undated"] as? Int ?? 0) + (timeline["imprecise"] as? Int ?? 0)
        let count = try Finished(Binaries.search, ["query", "--db", corpus.db, "Soleimani", "--count", "--format", "json"])
        let documents = (try? JSONSerialization.jsonObject(with: Data(count.stdout.utf8)) as? [String: Any])?["documents"] as? Int
        #expect(total == documents, "the timeline counts every matching document once")
        #expect(months.map { $0["month"] as? String ?? "" } == months.map { $0["month"] as? String ?? "" }.sorted())
    }

    @Test func listensOnLoopbackOnlyUnlessAskedAndStopsOnCtrlC() throws {
        let corpus = try IndexedCorpus()
        defer { corpus.folder.remove() }
        let server = try ServerProcess(db: corpus.db)
        #expect(server.url.hasPrefix("http://127.0.0.1:"))
        // A port in use: said at once, in the system's words.
        let taken = try Finished(Binaries.search, ["serve", "--db", corpus.db, "--port", String(server.port)])
        #expect(taken.status == 2)
        #expect(taken.stderr == "search: cannot listen on 127.0.0.1 port \(server.port): Address already in use\n")
        let stopped = server.stop()
        #expect(stopped.status == 0)
        #expect(stopped.stderr.contains("search serve: stopped"))
        #expect(!stopped.stderr.contains("warning"))
        // Another loopback address needs no warning; any other address is a choice, and said so. (Stopped at
        // once: nothing is sent to it.)
        let other = try ServerProcess(db: corpus.db, arguments: ["--host", "127.0.0.2"])
        #expect(other.url.hasPrefix("http://127.0.0.2:"))
        #expect(!other.stop().stderr.contains("warning"))
        let wide = try ServerProcess(db: corpus.db, arguments: ["--host", "0.0.0.0"]).stop()
        #expect(wide.stderr.contains("search serve: warning: listening on 0.0.0.0"), "\(wide.stderr)")
        #expect(wide.status == 0)
        // No index: one line, status 2, nothing listening.
        let missing = try Finished(Binaries.search, ["serve", "--db", corpus.folder.path + "/none.db", "--port", "0"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "search: no index at \(corpus.folder.path)/none.db; create one with: search index FOLDER --db \(corpus.folder.path)/none.db\n")
        // A fresh clone: `swift run search serve` in a folder with corpus/ and no index indexes it first.
        let fresh = try TemporaryFolder()
        defer { fresh.remove() }
        try FileManager.default.copyItem(atPath: packageRoot + "/corpus", toPath: fresh.path + "/corpus")
        let first = try ServerProcess(db: nil, in: fresh.path)
        let found = try first.get("/api/search?q=Soleimani")
        #expect(found.status == 200)
        #expect((found.json as? [String: Any])?["total"] as? Int == 5)
        let firstStop = first.stop()
        #expect(firstStop.stderr.contains("indexing corpus/ first"), "\(firstStop.stderr)")
        #expect(FileManager.default.fileExists(atPath: fresh.path + "/.search/index.db"))
        let badPort = try Finished(Binaries.search, ["serve", "--db", corpus.db, "--port", "70000"])
        #expect(badPort.status == 2)
        #expect(badPort.stderr.contains("--port must be between 0 and 65535"))
    }
}
