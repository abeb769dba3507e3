import ArgumentParser
import Glibc
import Searcher
import Storage
import Rendering

// Parse, run, and map every failure to grep's exit codes: 0 found, 1 not found, 2 error, with a one-line message.
do {
    var command = try ArgumentRouter.parse(Array(CommandLine.arguments.dropFirst()))
    try command.run()
} catch let exit as ExitCode {
    Glibc.exit(exit.rawValue)
} catch let error as IndexError {
    if case .noIndex(let path) = error, path == DatabaseOption.defaultPath, !CommandLine.arguments.contains(where: { $0 == "--db" || $0.hasPrefix("--db=") }) {
        Output.error(DatabaseOption.notFound())
    } else {
        Output.error(error.description)
    }
    Glibc.exit(2)
} catch let error as SearchError {
    Output.error(error.description)
    Glibc.exit(2)
} catch let error as CommandFailure {
    Output.error(error.description)
    Glibc.exit(2)
} catch {
    if SearchCommand.exitCode(for: error) == .success {
        SearchCommand.exit(withError: error) // --help and --version print and exit 0
    }
    let message = SearchCommand.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
    Output.error(message + " (see: search --help)")
    Glibc.exit(2)
}
