import Foundation
import Testing
import TestSupport

/// 50 clients at once on loopback, for a bounded time: first on a quiet index, then while `search index` adds
/// documents to it. No request may fail, and every answer must be right.
///
/// SERVE_LOAD_SECONDS sets each phase's length (default 8 s, so that CI stays short; the figures in docs/SHELL.md
/// come from 30 s runs).
@Suite(.serialized) struct ServeLoadTests {
    static let clients = 50
    static let seconds: Double = Double(ProcessInfo.processInfo.environment["SERVE_LOAD_SECONDS"] ?? "") ?? 8

    /// What the clients ask, round-robin.
    static let targets = [
        "/api/search?q=Soleimani", "/api/search?q=%22Tahrir%20Square%22", "/api/search?q=Iraq+-Lebanon&sort=date",
        "/api/search?q=Khamenei&since=2019-11", "/api/search?q=protest*&limit=20", "/api/show?doc=hostile.md&q=Zarqawi",
        "/api/timeline?q=Iraq", "/",
    ]

    /// Counts from one phase.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var latencies: [Double] = []
        private(set) var failures: [String] = []
        func add(_ seconds: Double) { lock.withLock { latencies.append(seconds) } }
        func fail(_ what: String) { lock.withLock { if failures.count < 20 { failures.append(what) } ; failedCount += 1 } }
        private(set) var failedCount = 0
    }

    /// Runs `clients` threads for `seconds`, each sending `request(i)` and checking the reply with `check`.
    static func hammer(seconds: Double, check: @escaping @Sendable (String, HTTPReply) -> String?, port: UInt16) -> Tally {
        let tally = Tally()
        let group = DispatchGroup()
        let end = Date().addingTimeInterval(seconds)
        for client in 0..<clients {
            group.enter()
            let thread = Thread {
                var i = client
                while Date() < end {
                    let target = targets[i % targets.count]
                    i += 1
                    let start = Date()
                    do {
                        let reply = try RawHTTP.get(port: port, target)
                        tally.add(Date().timeIntervalSince(start))
                        if let problem = check(target, reply) { tally.fail("\(target): \(problem)") }
                    } catch {
                        tally.fail("\(target): \(error)")
                    }
                }
                group.leave()
            }
            thread.start()
        }
        group.wait()
        return tally
    }

    /// Median wall time of one `search QUERY` process, the CLI's per-query cost to set beside the server's.
    static func cliMilliseconds(db: String) throws -> Double {
        var times: [Double] = []
        for _ in 0..<11 {
            let start = Date()
            _ = try Finished(Binaries.search, ["Soleimani", "--db", db, "--format", "json"])
            times.append(Date().timeIntervalSince(start))
        }
        return percentiles(times).median
    }

    @Test func fiftyClientsGetRightAnswersOnAQuietIndexAndWhileItIsWritten() throws {
        let corpus = try IndexedCorpus()
        defer { corpus.folder.remove() }
        let server = try ServerProcess(db: corpus.db)
        defer { _ = server.stop() }
        // The truth: the answers before any load.
        var expected: [String: [UInt8]] = [:]
        var expectedDocs: [String: Set<String>] = [:]
        for target in Self.targets {
            let reply = try server.get(target)
            try #require(reply.status == 200, "\(target)")
            expected[target] = reply.body
            if let results = (reply.json as? [String: Any])?["results"] as? [[String: Any]] {
                expectedDocs[target] = Set(results.compactMap { $0["doc"] as? String })
            }
        }
        let truth = expected, truthDocs = expectedDocs
        let quiet = Self.hammer(seconds: Self.seconds, check: { target, reply in
            guard reply.status == 200 else { return "status \(reply.status): \(reply.text.prefix(120))" }
            return reply.body == truth[target] ? nil : "a different answer"
        }, port: server.port)
        let cli = try Self.cliMilliseconds(db: corpus.db)
        let q = percentiles(quiet.latencies)
        print("load, quiet index: \(quiet.latencies.count) requests from \(Self.clients) clients in \(Self.seconds) s, "
              + "median \(String(format: "%.1f", q.median)) ms, p99 \(String(format: "%.1f", q.p99)) ms, \(quiet.failedCount) failed; "
              + "one `search Soleimani` process: \(String(format: "%.1f", cli)) ms")
        #expect(quiet.failures.isEmpty, "\(quiet.failures)")
        #expect(quiet.latencies.count > Self.clients)

        // Now with `search index` adding documents the whole time. Their text matches none of the queries, so
        // each answer must name the same documents as before (scores may move: bm25 counts the documents).
        let stop = Date().addingTimeInterval(Self.seconds)
        let folder = corpus.folder.path
        let db = corpus.db
        let writer = Thread {
            var n = 0
            while Date() < stop {
                n += 1
                let text = "Loadmarker\(n) weather report number \(n): rain over Oslo and Bergen, wind from the north.\n"
                try? text.write(toFile: folder + "/corpus/load-\(n).txt", atomically: true, encoding: .utf8)
                let run = try? Finished(Binaries.search, ["index", folder + "/corpus", "--db", db, "--wait", "30"])
                if run?.status != 0 { print("index run \(n) failed: \(run?.stderr ?? "")") }
            }
        }
        writer.start()
        let written = Self.hammer(seconds: Self.seconds, check: { target, reply in
            guard reply.status == 200 else { return "status \(reply.status): \(reply.text.prefix(120))" }
            if reply.text.lowercased().contains("locked") || reply.text.lowercased().contains("busy") { return "locked" }
            guard let docs = truthDocs[target] else {
                return target.hasPrefix("/api/") && reply.json == nil ? "not JSON" : nil
            }
            guard let results = (reply.json as? [String: Any])?["results"] as? [[String: Any]] else { return "not JSON" }
            let got = Set(results.compactMap { $0["doc"] as? String })
            return got == docs ? nil : "documents \(got.sorted()) instead of \(docs.sorted())"
        }, port: server.port)
        while writer.isExecuting { usleep(50_000) }
        let w = percentiles(written.latencies)
        let loads = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/corpus").filter { $0.hasPrefix("load-") }.count) ?? 0
        print("load, index being written (\(loads) documents added meanwhile): \(written.latencies.count) requests, "
              + "median \(String(format: "%.1f", w.median)) ms, p99 \(String(format: "%.1f", w.p99)) ms, \(written.failedCount) failed")
        #expect(written.failures.isEmpty, "\(written.failures)")
        #expect(loads > 0, "the writer ran")
        // What was written is served: the last document added is found.
        let marker = try server.get("/api/search?q=Loadmarker\(loads)")
        #expect((marker.json as? [String: Any])?["total"] as? Int == 1, "\(marker.text.prefix(200))")
    }
}
