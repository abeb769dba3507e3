import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport

/// The real binaries the build put beside the test bundle.
enum Binaries {
    static let folder: String = {
        let bundle = Bundle.main.bundleURL.path
        for candidate in [bundle, (bundle as NSString).deletingLastPathComponent]
            where FileManager.default.isExecutableFile(atPath: candidate + "/search-serve") { return candidate }
        return packageRoot + "/.build/debug"
    }()
    static var search: String { folder + "/search" }
}

/// A program run to its end: status and both outputs.
struct Finished {
    var status: Int32
    var stdout: String
    var stderr: String

    init(_ executable: String, _ arguments: [String], in folder: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SEARCH_DB")
        environment.removeValue(forKey: "SEARCH_LEXICON")
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = String(decoding: outData, as: UTF8.self)
        stderr = String(decoding: errData, as: UTF8.self)
    }
}

/// A folder holding the seed corpus plus a document written to attack the page, indexed with the real `search`.
struct IndexedCorpus {
    let folder: TemporaryFolder
    var db: String { folder.path + "/index.db" }

    /// A story whose title and text hold markup and script: the page must show it as text.
    static let hostileStory = """
    ---
    title: "Hostile <script>window.pwned=1</script> <img src=x onerror=window.pwned=2> Zarqawi"
    date: 2020-02-14
    ---
    Markup in the body: <script>window.pwned=3</script> and <b>bold</b> & "quotes" near Zarqawi, \
    with a </mark> closing tag and an <iframe src=/api/show>.

    """

    init() throws {
        folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: packageRoot + "/corpus", toPath: folder.path + "/corpus")
        try folder.write("corpus/hostile.md", IndexedCorpus.hostileStory)
        let run = try Finished(Binaries.search, ["index", folder.path + "/corpus", "--db", db])
        guard run.status == 0 else { throw TestFailure("indexing failed: \(run.stderr)") }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `search serve --port 0` running in the background; `stop()` sends SIGINT as Ctrl-C does.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: UInt16
    let url: String
    private let err = Pipe()

    /// Serves `db`; with no `db`, what `search serve` finds in `folder` by itself.
    init(db: String?, arguments: [String] = [], in folder: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: Binaries.search)
        process.arguments = ["serve", "--port", "0"] + (db.map { ["--db", $0] } ?? []) + arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SEARCH_DB")
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // The first line is the address.
        var line = Data()
        let deadline = Date().addingTimeInterval(20)
        while !line.contains(0x0A) && Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("http://"), text.hasSuffix("/"), let colon = text.lastIndex(of: ":"),
              let port = UInt16(text[text.index(after: colon)...].dropLast()) else {
            process.terminate()
            throw TestFailure("search serve printed '\(text)' instead of its address: \(String(decoding: err.fileHandleForReading.availableData, as: UTF8.self))")
        }
        self.port = port
        url = text
    }

    /// Ctrl-C: returns the exit status and what the server wrote on stderr.
    func stop() -> (status: Int32, stderr: String) {
        if process.isRunning { kill(process.processIdentifier, SIGINT) }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    var isRunning: Bool { process.isRunning }

    func get(_ target: String) throws -> HTTPReply { try RawHTTP.get(port: port, target) }
}

/// A response as read off the socket.
struct HTTPReply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body)) }
    var error: String? { (json as? [String: Any])?["error"] as? String }
}

/// HTTP/1.1 over a plain socket, so that a test can send any bytes at all (a browser or URLSession would
/// tidy a hostile request before sending it).
enum RawHTTP {
    static func get(port: UInt16, _ target: String, host: String? = nil) throws -> HTTPReply {
        let request = "GET \(target) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\r\n"
        return try send(port: port, Array(request.utf8))
    }

    static func request(port: UInt16, method: String, _ target: String, body: [UInt8] = [], type: String = "application/json") throws -> HTTPReply {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if !body.isEmpty || method == "POST" { head += "Content-Type: \(type)\r\nContent-Length: \(body.count)\r\n" }
        return try send(port: port, Array((head + "\r\n").utf8) + body)
    }

    /// Sends `bytes` and reads one response: up to the end of its Content-Length, or until the server closes.
    static func send(port: UInt16, _ bytes: [UInt8], timeout: Int = 20) throws -> HTTPReply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: \(errno)") }
        defer { close(fd) }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestFailure("connect to port \(port): errno \(errno)") }
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBufferPointer { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break } // the server may close early on a request it refuses; read what it said
            sent += n
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            received += buffer[0..<n]
            if let reply = parse(received), reply.body.count >= Int(reply.headers["content-length"] ?? "-1") ?? Int.max { return reply }
        }
        guard let reply = parse(received) else { throw TestFailure("no HTTP response (\(received.count) bytes)") }
        return reply
    }

    private static func parse(_ bytes: [UInt8]) -> HTTPReply? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 4, let end = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else { return nil }
        let head = String(decoding: bytes[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return HTTPReply(status: status, headers: headers, body: Array(bytes[(end + 4)...]))
    }
}

/// Percent-encodes everything but unreserved characters, as a browser's URLSearchParams would (but `%20` for space).
func encoded(_ text: String) -> String {
    var out = ""
    for b in text.utf8 {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            out.unicodeScalars.append(UnicodeScalar(b))
        default:
            out += String(format: "%%%02X", b)
        }
    }
    return out
}

/// Median and 99th percentile of durations, in milliseconds.
func percentiles(_ seconds: [Double]) -> (median: Double, p99: Double) {
    guard !seconds.isEmpty else { return (0, 0) }
    let sorted = seconds.sorted()
    func at(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * q).rounded()))] * 1000 }
    return (at(0.5), at(0.99))
}
