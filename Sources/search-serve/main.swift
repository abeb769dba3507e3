import ArgumentParser
import Dispatch
import FlyingFox
import FlyingSocks
import Foundation
import Glibc
import Storage
import Searcher
import Rendering
import Synchronization

/// `search serve`: a local web page and JSON API over one index, read-only. `search serve` runs this program
/// (it lives beside `search`), so that the CLI does not load what a server needs.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search serve",
        abstract: "Serve a page for reading results, and the JSON API, from the index (read-only).",
        discussion: """
        Open the printed address in a browser. The page takes the same query language as `search`; \
        /api/search?q=QUERY and /api/show?doc=DOC&q=QUERY answer with the JSON of `search --format json` and \
        `search show --format json`. Only this machine can connect unless --host names another address.
        Ctrl-C stops the server.
        """)

    @Option(help: ArgumentHelp("The index file.", discussion: "Default: $SEARCH_DB, else .search/index.db in the current folder.", valueName: "FILE"))
    var db: String?

    @Option(help: ArgumentHelp("The port to listen on (0: any free port).", valueName: "N"))
    var port: Int = 8080

    @Option(help: ArgumentHelp("The address to listen on. Anything but a loopback address lets other machines read the index.", valueName: "ADDR"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("Add the entities of a lexicon file, as `search --lexicon`. Also $SEARCH_LEXICON.", valueName: "FILE"))
    var lexicon: [String] = []

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    /// Opens the index, listens, and answers until a signal stops it.
    func serve() async throws {
        let path = db ?? ProcessInfo.processInfo.environment["SEARCH_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? ".search/index.db"
        var names = Lexicon.shipped
        var files = lexicon
        if let env = ProcessInfo.processInfo.environment["SEARCH_LEXICON"], !env.isEmpty { files.insert(env, at: 0) }
        for file in files {
            do { names = names.adding(try Lexicon(contentsOfFile: file)) } catch { throw ServeFailure("\(error)") }
        }
        // Opened once before listening, so that a missing or foreign index is a one-line error, not a page of 500s.
        guard FileManager.default.fileExists(atPath: path) else {
            throw ServeFailure(IndexError.noIndex(path: path).description)
        }
        let pool: SearcherPool
        do { pool = try SearcherPool(path: path, lexicon: names, size: 4) } catch { throw ServeFailure(error.description) }

        let loopback = ServeCommand.isLoopback(host)
        let address: any SocketAddress
        do {
            address = host.contains(":") ? try sockaddr_in6.inet6(ip6: host, port: UInt16(port))
                                         : try sockaddr_in.inet(ip4: host == "localhost" ? "127.0.0.1" : host, port: UInt16(port))
        } catch {
            throw ServeFailure("--host: '\(host)' is not an IP address (use 127.0.0.1, ::1 or this machine's address)")
        }
        let handler = ServeHandler(pool: pool, checkHost: loopback)
        let server = HTTPServer(config: .init(address: address, timeout: 15, logger: .disabled), handler: handler)
        let stopping = ServeCommand.stopOnSignals(server)
        let failure = Mutex<(any Error)?>(nil)
        let task = Task {
            do { try await server.run() } catch {
                failure.withLock { $0 = error }
                throw error
            }
        }
        // Listening, or the reason it could not (a port in use fails at once, not after a timeout).
        let deadline = ContinuousClock.now + .seconds(10)
        while await !server.isListening {
            if let error = failure.withLock({ $0 }) {
                throw ServeFailure("cannot listen on \(host) port \(port): \(ServeCommand.reason(error))")
            }
            guard ContinuousClock.now < deadline else { throw ServeFailure("cannot listen on \(host) port \(port)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        if !loopback {
            FileHandle.standardError.write(Data("search serve: warning: listening on \(host): anyone who can reach this address can read the whole index\n".utf8))
        }
        guard let listening = await server.listeningAddress else { throw ServeFailure("cannot listen on \(host) port \(port)") }
        let shown = host.contains(":") ? "[\(host)]" : host
        handler.allowHosts(host, port: ServeCommand.port(of: listening) ?? UInt16(port))
        // The address first and alone on its line: scripts and the tests read it from there.
        let line = "http://\(shown):\(ServeCommand.port(of: listening) ?? UInt16(port))/\n"
        FileHandle.standardOutput.write(Data(line.utf8))
        FileHandle.standardError.write(Data("search serve: serving \(path) read-only; Ctrl-C stops\n".utf8))
        do {
            try await task.value
        } catch {
            if !stopping.isStopping { throw ServeFailure("the server stopped: \(error)") }
        }
        FileHandle.standardError.write(Data("search serve: stopped\n".utf8))
    }

    /// 127.0.0.0/8, ::1 and localhost: addresses only this machine can reach.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    private static func port(of address: Socket.Address) -> UInt16? {
        switch address {
        case let .ip4(_, port): return port
        case let .ip6(_, port): return port
        default: return nil
        }
    }

    /// What the operating system said about a socket, in its words ("Address already in use").
    private static func reason(_ error: any Error) -> String {
        if case let SocketError.failed(_, _, message) = error { return message }
        return "\(error)"
    }

    /// SIGINT and SIGTERM stop the server: it finishes the requests it is answering (for up to 1 s) and returns.
    private static func stopOnSignals(_ server: HTTPServer) -> StopFlag {
        let flag = StopFlag()
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                guard flag.stop() else { Glibc.exit(130) } // a second Ctrl-C does not wait
                Task { await server.stop(timeout: 1) }
            }
            source.resume()
            flag.keep(source)
        }
        return flag
    }
}

/// Whether a signal asked the server to stop; holds the signal sources for the life of the process.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var sources: [any DispatchSourceSignal] = []

    /// True once a signal came.
    var isStopping: Bool { lock.withLock { stopped } }

    /// Marks the server stopping; false when it already was.
    func stop() -> Bool {
        lock.withLock {
            defer { stopped = true }
            return !stopped
        }
    }

    func keep(_ source: any DispatchSourceSignal) { lock.withLock { sources.append(source) } }
}

/// A failure reported with one line and exit status 2.
struct ServeFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

do {
    var command = try ServeCommand.parseAsRoot(Array(CommandLine.arguments.dropFirst()))
    if let serve = command as? ServeCommand {
        try await serve.serve()
    } else {
        try command.run()
    }
} catch let failure as ServeFailure {
    FileHandle.standardError.write(Data("search: \(failure.description)\n".utf8))
    Glibc.exit(2)
} catch {
    if ServeCommand.exitCode(for: error) == .success { ServeCommand.exit(withError: error) }
    let message = ServeCommand.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
    FileHandle.standardError.write(Data("search: \(message) (see: search serve --help)\n".utf8))
    Glibc.exit(2)
}
