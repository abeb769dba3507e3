import ArgumentParser
import Searcher

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
        if let plain = plainQuery(rest) { return plain }
        return (try? QueryCommand.parseAsRoot(rest)) as? QueryCommand
    }

    /// A query's arguments read without ArgumentParser, for the plain shapes scripts and people type: words, and
    /// `--option value` or `-n value` pairs and flags, each option at most once (`--lexicon` repeats). Anything
    /// else (`--`, `--option=value`, a value or word starting with `-`, an unknown option, a bad value) gives nil
    /// and the parser decides. ArgumentParser's reflection over the options' types is most of what it costs, even
    /// for QueryCommand alone. ArgumentRouterTests check this reads every option as the full parser does,
    /// defaults included.
    static func plainQuery(_ arguments: [String]) -> QueryCommand? {
        var words: [String] = []
        var values: [String: String] = [:]
        var flags: Set<String> = []
        var lexicons: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            guard argument.hasPrefix("-") else { words.append(argument); continue }
            let name = optionAliases[argument] ?? argument
            if flagNames.contains(name) {
                guard flags.insert(name).inserted else { return nil }
                continue
            }
            guard valueOptionNames.contains(name), i < arguments.count, !arguments[i].hasPrefix("-") else { return nil }
            let value = arguments[i]
            i += 1
            if name == "--lexicon" {
                lexicons.append(value)
            } else {
                guard values.updateValue(value, forKey: name) == nil else { return nil }
            }
        }
        guard !words.isEmpty else { return nil }
        func number(_ name: String, _ fallback: Int) -> Int? {
            guard let text = values[name] else { return fallback }
            return Int(text)
        }
        var command = QueryCommand()
        var database = DatabaseOption()
        database.db = values["--db"]
        command.database = database
        command.words = words
        command.since = values["--since"]
        command.until = values["--until"]
        command.mentionsSince = values["--mentions-since"]
        command.mentionsUntil = values["--mentions-until"]
        if let limit = values["--limit"] {
            guard let n = Int(limit) else { return nil }
            command.limit = n
        } else {
            command.limit = nil
        }
        guard let offset = number("--offset", 0), let passages = number("--passages", 1),
              let snippetWords = number("--snippet-words", 40) else { return nil }
        command.offset = offset
        command.passages = passages
        command.snippetWords = snippetWords
        func choice<T: ExpressibleByArgument>(_ name: String, _ fallback: T) -> T? {
            guard let text = values[name] else { return fallback }
            return T(argument: text)
        }
        guard let format = choice("--format", OutputFormat.text), let sort = choice("--sort", ResultOrder.relevance),
              let color = choice("--color", ColorChoice.auto) else { return nil }
        command.format = format
        command.sort = sort
        command.color = color
        command.count = flags.contains("--count")
        command.filesWithMatches = flags.contains("--files-with-matches")
        command.exact = flags.contains("--exact")
        command.lexicon = lexicons
        guard (try? command.validate()) != nil else { return nil }
        return command
    }

    /// QueryCommand's short names, by their long name.
    private static let optionAliases = ["-n": "--limit", "-l": "--files-with-matches"]
    /// QueryCommand's flags.
    private static let flagNames: Set<String> = ["--count", "--files-with-matches", "--exact"]
    /// QueryCommand's options that take a value.
    private static let valueOptionNames: Set<String> = [
        "--db", "--since", "--until", "--mentions-since", "--mentions-until", "--limit", "--offset", "--passages",
        "--snippet-words", "--format", "--sort", "--color", "--lexicon",
    ]

    /// Flags the parser answers itself (help, version, completion scripts): QueryCommand alone would read them
    /// as its own, so they always take the full parser.
    static let builtInFlags: Set<String> = ["-h", "-help", "--help", "--version", "--generate-completion-script",
                                            "--experimental-dump-help"]

    /// The names the full parser reads as subcommands.
    static let subcommandNames: Set<String> = Set(
        SearchCommand.configuration.subcommands.compactMap { $0.configuration.commandName }).union(["help"])
}
