import ArgumentParser

/// Turns the command line into a command, taking a short cut for a query.
///
/// `SearchCommand.parseAsRoot` reflects over every subcommand's arguments (to find the default subcommand and
/// whether any takes all remaining input) before it parses the query's own: that was a quarter of the instructions
/// of a whole `search query NAME`. A query is parsed by `QueryCommand` alone; anything it does not accept as is
/// (help, a completion script, a mistake) goes through the full parser, so help and error messages are the
/// full parser's own.
enum ArgumentRouter {
    /// The command for `arguments` (without the program name); throws what `SearchCommand.parseAsRoot` throws.
    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        if let query = quickQuery(arguments) { return query }
        return try SearchCommand.parseAsRoot(arguments)
    }

    /// The query for `search query ARGS` or `search ARGS` (the default subcommand) when `QueryCommand` alone
    /// parses and validates it, else nil. `search Q ...` qualifies only when no argument is a subcommand's name
    /// or `help`, so that the full parser keeps deciding how those read.
    static func quickQuery(_ arguments: [String]) -> QueryCommand? {
        guard let first = arguments.first, !arguments.contains(where: { builtInFlags.contains($0) }) else { return nil }
        let rest: [String]
        if first == QueryCommand.configuration.commandName {
            rest = Array(arguments.dropFirst())
        } else {
            guard !arguments.contains(where: { subcommandNames.contains($0) }) else { return nil }
            rest = arguments
        }
        return (try? QueryCommand.parseAsRoot(rest)) as? QueryCommand
    }

    /// Flags the parser answers itself (help, version, completion scripts): QueryCommand alone would read them
    /// as its own, so they always take the full parser.
    static let builtInFlags: Set<String> = ["-h", "-help", "--help", "--version", "--generate-completion-script",
                                            "--experimental-dump-help"]

    /// The names the full parser reads as subcommands.
    static let subcommandNames: Set<String> = Set(
        SearchCommand.configuration.subcommands.compactMap { $0.configuration.commandName }).union(["help"])
}
