import Foundation
import Analysis
import Storage
import Indexer
import Searcher
import Testing

/// A folder of `count` generated articles under `folder/name`, big enough that indexing takes a moment.
func writeArticles(_ count: Int, in folder: TemporaryFolder, under name: String = "news") throws {
    let words = ["Soleimani", "Baghdad", "protest", "Tahrir", "square", "militia", "Basra", "Najaf", "the", "of", "and", "crowd"]
    var generator = SystemRandomNumberGenerator()
    for i in 0..<count {
        var text = "Article \(i)\n\n"
        for p in 0..<4 {
            text += (0..<60).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
            text += p < 3 ? ".\n\n" : ".\n"
        }
        try folder.write("\(name)/d\(i % 10)/a\(i).txt", text)
    }
}

/// A `search` process left running, for the tests that need two at once.
final class Background {
    let process = Process()
    let stderr = Pipe()

    init(_ arguments: [String], in folder: String) throws {
        process.executableURL = URL(fileURLWithPath: Run.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        try process.run()
    }

    /// Waits for the process to end; its status and stderr.
    func finish() -> (status: Int32, stderr: String) {
        let data = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

struct RobustnessTests {
    /// Runs the binary under a shell with a file-size limit (in KB) and SIGXFSZ ignored, as a full disk behaves.
    func runWithFileLimit(_ kilobytes: Int, _ arguments: [String], in folder: String) throws -> (status: Int32, stderr: String) {
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let script = "ulimit -f \(kilobytes); trap '' XFSZ; exec '\(Run.binary)' \(quoted)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func aSecondWriterIsToldWhichProcessIsWritingAndCanWait() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try writeArticles(1_500, in: folder)
        let first = try Background(["index", "news", "--db", "i.db", "--quiet"], in: folder.path)
        // The lock file names the writer once it holds the lock.
        var holder = ""
        for _ in 0..<200 where !holder.hasPrefix("pid") {
            holder = (try? String(contentsOfFile: folder.path + "/i.db.lock", encoding: .utf8)) ?? ""
            usleep(10_000)
        }
        #expect(holder == "pid \(first.process.processIdentifier)\n")
        let second = try Run(["index", "news", "--db", "i.db"], in: folder.path)
        let stillRunning = first.process.isRunning
        #expect(second.status == 2)
        #expect(stillRunning, "the first writer was still writing when the second came")
        if stillRunning {
            #expect(second.stderr.contains("is being updated by another process (pid \(first.process.processIdentifier))"), "\(second.stderr)")
            #expect(second.stderr.contains("--wait"))
        }
        let waiting = try Run(["index", "news", "--db", "i.db", "--wait", "120"], in: folder.path)
        #expect(first.finish().status == 0)
        #expect(waiting.status == 0, "\(waiting.stderr)")
        #expect(waiting.stderr.contains("0 added"), "the waiting run found the work done: \(waiting.stderr)")
        #expect(try IndexChecker.check(path: folder.path + "/i.db").documents == 1_500)
    }

    @Test func searchesWhileIndexWritesAllSucceedWithoutLockErrors() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try writeArticles(1_500, in: folder)
        let db = folder.path + "/i.db"
        #expect(try Run(["index", "news/d0", "--db", "i.db", "--quiet"], in: folder.path).status == 0)
        let writer = try Background(["index", "news", "--db", "i.db", "--quiet"], in: folder.path)
        // The writer holds the lock file (with its pid in it) exactly while it writes.
        let lockFile = folder.path + "/i.db.lock"
        let writing: @Sendable () -> Bool = {
            (try? String(contentsOfFile: lockFile, encoding: .utf8))?.hasPrefix("pid") == true
        }
        for _ in 0..<500 where !writing() { usleep(5_000) }
        #expect(writing(), "the writer started")
        let path = folder.path
        // Readers in this process, each with its own read-only connection, and readers as separate processes.
        let failures = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<2 {
                group.addTask {
                    var failures: [String] = []
                    var last = 0
                    repeat {
                        do {
                            let total = try IndexSearcher(path: db).search(SearchRequest(query: "Soleimani Baghdad")).total
                            if total < last { failures.append("results went back from \(last) to \(total)") }
                            last = total
                        } catch {
                            failures.append("\(error)")
                        }
                    } while writing()
                    return failures
                }
            }
            group.addTask {
                var failures: [String] = []
                repeat {
                    guard let run = try? Run(["Soleimani Baghdad", "--db", "i.db", "--format", "json"], in: path) else { continue }
                    if run.status != 0 || !run.stderr.isEmpty { failures.append("process: \(run.status) \(run.stderr)") }
                } while writing()
                return failures
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(writer.finish().status == 0)
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(!failures.joined().contains("locked"))
        #expect(try IndexSearcher(path: db).search(SearchRequest(query: "Soleimani Baghdad")).total == 1_500)
    }

    @Test func aFullDiskStopsWithAClearErrorAndLosesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try writeArticles(20, in: folder, under: "small")
        try writeArticles(1_000, in: folder, under: "large")
        #expect(try Run(["index", "small", "--db", "i.db", "--quiet"], in: folder.path).status == 0)
        let before = try IndexChecker.check(path: folder.path + "/i.db")
        let full = try runWithFileLimit(400, ["index", "small", "large", "--db", "i.db"], in: folder.path)
        #expect(full.status == 2)
        #expect(full.stderr.contains("disk full while writing i.db"), "\(full.stderr)")
        #expect(!full.stderr.lowercased().contains("sqlite"))
        let after = try IndexChecker.check(path: folder.path + "/i.db")
        #expect(after.healthy, "\(after.problems)")
        #expect(after.documents >= before.documents)
        // With room again, the run completes.
        #expect(try Run(["index", "small", "large", "--db", "i.db", "--quiet"], in: folder.path).status == 0)
        let complete = try IndexChecker.check(path: folder.path + "/i.db")
        #expect(complete.documents == 1_020)

        // A rebuild needs room for a second copy of the text; without it, it stops and leaves the index as it was.
        let size = try FileManager.default.attributesOfItem(atPath: folder.path + "/i.db")[.size] as? Int ?? 0
        let rebuild = try runWithFileLimit(size / 1024 + 64, ["rebuild", "--db", "i.db"], in: folder.path)
        #expect(rebuild.status == 2)
        #expect(rebuild.stderr.contains("disk full while writing i.db"), "\(rebuild.stderr)")
        let afterRebuild = try IndexChecker.check(path: folder.path + "/i.db")
        #expect(afterRebuild.healthy && afterRebuild.digest == complete.digest, "\(afterRebuild.problems)")
    }

    @Test func aReadOnlyLocationIsRefusedInWords() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try writeArticles(3, in: folder)
        // Root writes through any mode bits; sysfs refuses new files even to root.
        let place: String
        if geteuid() == 0 {
            place = "/sys/search-test.db"
        } else {
            try FileManager.default.createDirectory(atPath: folder.path + "/locked", withIntermediateDirectories: true)
            chmod(folder.path + "/locked", 0o555)
            place = folder.path + "/locked/i.db"
        }
        let run = try Run(["index", "news", "--db", place], in: folder.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot write \(place): the location is read-only"), "\(run.stderr)")
    }

    /// An index in a folder the searching user cannot write (so SQLite cannot make its -shm file) is still searchable.
    /// Needs a second user: as root the search runs as `nobody` through setpriv; otherwise the folder is made read-only.
    @Test func anIndexInAFolderTheUserCannotWriteIsSearchable() throws {
        let folder = try TemporaryFolder()
        defer {
            chmod(folder.path, 0o755)
            folder.remove()
        }
        try writeArticles(5, in: folder)
        #expect(try Run(["index", "news", "--db", "i.db", "--quiet"], in: folder.path).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/i.db"))
        let process = Process()
        if geteuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
                print("RobustnessTests: no setpriv to search as another user; read-only folder case not run")
                return
            }
            chmod(folder.path, 0o755)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", Run.binary, "Soleimani", "--db", folder.path + "/i.db", "--format", "json"]
        } else {
            chmod(folder.path, 0o555)
            process.executableURL = URL(fileURLWithPath: Run.binary)
            process.arguments = ["Soleimani", "--db", folder.path + "/i.db", "--format", "json"]
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(errors)")
        let json = (try? JSONSerialization.jsonObject(with: output)) as? [String: Any]
        #expect(json?["total"] as? Int == 5, "\(errors)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/i.db-shm"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/i.db")) == before)
    }

    @Test(arguments: [["index", "news", "--db", "user.db"], ["check", "--db", "user.db"], ["rebuild", "--db", "user.db"],
                      ["query", "Baghdad", "--db", "user.db"]])
    func aFileThatIsNotAnIndexIsRefusedAndUntouched(arguments: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try writeArticles(3, in: folder)
        let bytes = Array(String(repeating: "The user's notes, not a database. ", count: 300).utf8)
        try folder.write("user.db", bytes: bytes)
        let run = try Run(arguments, in: folder.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("user.db is not a search index"), "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/user.db")) == Data(bytes))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/user.db-wal"))
    }

    @Test func aSearchLeavesTheIndexFileUnchanged() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try writeArticles(10, in: folder)
        #expect(try Run(["index", "news", "--db", "i.db", "--quiet"], in: folder.path).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/i.db"))
        for query in ["Soleimani", "\"Tahrir square\" OR Basra", "nothing-matches-this"] {
            _ = try Run([query, "--db", "i.db"], in: folder.path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/i.db")) == before)
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: folder.path + "/i.db-wal"))) ?? Data()
        #expect(wal.isEmpty, "a search wrote \(wal.count) bytes of WAL")
    }
}
