import ArgumentParser
import FoundationEssentials
import Indexer
import Glibc

/// `search serve`: runs `search-serve` from beside this binary, which serves a page and the JSON API over the index.
///
/// The server is a program of its own because its HTTP package brings full Foundation: linked in here, every
/// `search QUERY` would load it. This command only reads the options (so that `search serve --help` and mistakes
/// read as every other command's) and hands them on.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a page for reading results in a browser, and a JSON API, over the index (read-only).",
        discussion: """
        Prints the address to open (http://127.0.0.1:8080/ unless --port says otherwise). The page takes the same \
        query language; /api/search?q=QUERY and /api/show?doc=DOC&q=QUERY answer with the JSON of \
        `search --format json` and `search show --format json`. Only this machine can connect unless --host names \
        another address. Ctrl-C stops it.

        Examples:
          search serve
          search serve --db ~/news.db --port 9000
          curl -s 'localhost:8080/api/search?q=Soleimani' | jq -r '.results[].doc'
        """)

    @OptionGroup var database: DatabaseOption

    @Option(help: ArgumentHelp("The port to listen on (0: any free port).", valueName: "N"))
    var port: Int = 8080

    @Option(help: ArgumentHelp("The address to listen on. Anything but a loopback address lets other machines read the index.", valueName: "ADDR"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("Add the entities of a lexicon file (as for a query). Also $SEARCH_LEXICON.", valueName: "FILE"))
    var lexicon: [String] = []

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() throws {
        // As `search QUERY`: a fresh clone serves its corpus/ at once.
        let (path, explicit) = database.resolved
        if !explicit, !FileManager.default.fileExists(atPath: path) {
            var isFolder = false
            if FileManager.default.fileExists(atPath: "corpus", isDirectory: &isFolder), isFolder {
                Output.errorLine("search: no index at \(path) yet; indexing corpus/ first")
                _ = try IndexCommand.index(paths: ["corpus"], database: path, options: IndexOptions(), quiet: false)
            }
        }
        var arguments = ["--port", String(port), "--host", host]
        if let db = database.db { arguments += ["--db", db] }
        for file in lexicon { arguments += ["--lexicon", file] }
        let server = try ServeCommand.serverBinary()
        let argv = ([server] + arguments).map { strdup($0) } + [nil]
        execv(server, argv)
        throw CommandFailure(description: "cannot run \(server): \(String(cString: strerror(errno)))")
    }

    /// `search-serve` beside this binary. In a SwiftPM build folder (`swift run search serve` from a fresh clone
    /// builds only `search`), it is built there first, in the same configuration.
    static func serverBinary() throws -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let me = n > 0 ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        let folder = me.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let server = (folder.isEmpty ? "." : folder) + "/search-serve"
        if access(server, X_OK) == 0 { return server }
        guard let build = me.firstRange(of: "/.build/") else {
            throw CommandFailure(description: "search-serve is not installed beside \(me); build it with: swift build -c release --product search-serve")
        }
        let package = String(me[..<build.lowerBound])
        let configuration = folder.hasSuffix("/debug") ? "debug" : "release"
        Output.errorLine("search: building search-serve (swift build -c \(configuration) --product search-serve) ...")
        let command = "swift build -c \(configuration) --product search-serve --package-path '\(package.replacing("'", with: "'\\''"))' 1>&2"
        guard system(command) == 0, access(server, X_OK) == 0 else {
            throw CommandFailure(description: "could not build search-serve; run: swift build -c \(configuration) --product search-serve")
        }
        return server
    }
}
