import ArgumentParser
import Searcher
import Rendering

/// Turns the command line into a command, taking a short cut for a query.
///
/// `SearchCommand.parseAsRoot` reflects over every subcommand's arguments (to find the default subcommand and
/// whether any takes all remaining input) before it parses the query's own, a large part of a whole
/// `search query NAME`. A query is parsed by `QueryCommand` alone; anything it does not accept as is
/// (help, a completion script, a mistake) goes through the full parser, so help and error messages are the
/// full parser's own.
enum ArgumentRouter {
    /// The command for `arguments` (without the program name); throws what `SearchCommand.parseAsRoot` throws.
    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        let arguments = try shortOptionsChecked(arguments)
        if arguments == ["--generate-completion-script", "bash"] || arguments == ["--generate-completion-script=bash"] {
            Output.write(bashCompletion())
            throw ExitCode.success
        }
        if let query = quickQuery(arguments) { return query }
        return try SearchCommand.parseAsRoot(arguments)
    }

    /// ArgumentParser's bash script, taught that `search` is `search query`: a first word that is not a
    /// subcommand, or an option before any word (`search --format <TAB>`), completes as a query does, so the
    /// values of --format are offered rather than the subcommands.
    static func bashCompletion() -> String {
        let script = SearchCommand.completionScript(for: .bash)
        let names = subcommandNames.joined(separator: "|")
        let marker = "    # Offer subcommand / subcommand argument completions\n"
        guard script.contains(marker) else { return script }
        let redirect = """
            # A word that is not a subcommand, or an option first: the default subcommand, query.
            if [[ -n "${unparsed_words[0]}" && ! "${unparsed_words[0]}" =~ ^(\(names))$ ]] || [[ "${COMP_WORDS[1]}" == -* && "${COMP_CWORD}" -gt 1 ]]; then
                COMPREPLY=()
                [[ "${COMP_WORDS[1]}" == -* ]] || unparsed_words=("${unparsed_words[@]:1}")
                _search_query
                return
            fi

        """
        return script.replacing(marker, with: redirect + marker)
    }

    /// The short options any command has (`-n 5`, `-l`, `-0`, `-q`, `-g`, `-t`, `-T`, `-L`, `-h`).
    static let shortOptionLetters: [Character] = ["n", "l", "0", "q", "g", "t", "T", "L", "h"]

    /// `arguments` with `-n5` read as `-n 5`; throws for a word like `-dash` or `-Lebanon` before `--`.
    ///
    /// ArgumentParser reads `-dash` as `-d -a -s -h` (help, exit 0) and `-Lebanon Iraq` as a cluster whose `-n`
    /// takes `Iraq`: a query word to leave out, typed as an option, must get a message that says so instead.
    static func shortOptionsChecked(_ arguments: [String]) throws -> [String] {
        var out: [String] = []
        for (i, argument) in arguments.enumerated() {
            if argument == "--" { return out + arguments[i...] }
            let letters = argument.dropFirst()
            guard argument.hasPrefix("-"), !argument.hasPrefix("--"), letters.count >= 2,
                  let first = letters.first, first.isLetter || first == "0" else { out.append(argument); continue }
            if first == "n", letters.dropFirst().allSatisfy(\.isNumber) {
                out += ["-n", String(letters.dropFirst())]
                continue
            }
            // A cluster may end in -n's number: -ln3 is -l -n 3.
            var cluster = Substring(letters)
            var number: Substring = ""
            if let n = cluster.lastIndex(of: "n"), cluster.index(after: n) < cluster.endIndex,
               cluster[cluster.index(after: n)...].allSatisfy(\.isNumber) {
                number = cluster[cluster.index(after: n)...]
                cluster = cluster[..<n]
            }
            if argument == "-help" || cluster.allSatisfy({ shortOptionLetters.contains($0) }) {
                if number.isEmpty { out.append(argument) } else { out += ["-" + cluster, "-n", String(number)] }
                continue
            }
            throw CommandFailure(description: "'\(argument)' is not an option; a query word starting with - leaves that word out: quote the whole query (search 'Iraq \(argument)') or put it after -- (search -- Iraq \(argument))")
        }
        return out
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
        // Arrays, not sets or dictionaries: see `subcommandNames`.
        var values: [(name: String, value: String)] = []
        var flags: [String] = []
        var lexicons: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            guard argument.hasPrefix("-") else { words.append(argument); continue }
            guard let option = queryOptions.first(where: { $0.long == argument || $0.short == argument }) else { return nil }
            let name = option.long
            if !option.takesValue {
                guard !flags.contains(name) else { return nil }
                flags.append(name)
                continue
            }
            guard i < arguments.count, !arguments[i].hasPrefix("-") else { return nil }
            let value = arguments[i]
            i += 1
            if option.repeats {
                lexicons.append(value)
            } else {
                guard !values.contains(where: { $0.name == name }) else { return nil }
                values.append((name, value))
            }
        }
        guard !words.isEmpty else { return nil }
        func value(_ name: String) -> String? { values.first { $0.name == name }?.value }
        func number(_ name: String, _ fallback: Int) -> Int? {
            guard let text = value(name) else { return fallback }
            return Int(text)
        }
        var command = QueryCommand()
        var database = DatabaseOption()
        database.db = value("--db")
        command.database = database
        command.words = words
        var dates = DateFilters<QueryWording>()
        dates.since = value("--since")
        dates.until = value("--until")
        dates.mentionsSince = value("--mentions-since")
        dates.mentionsUntil = value("--mentions-until")
        command.dates = dates
        if let limit = value("--limit") {
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
            guard let text = value(name) else { return fallback }
            return T(argument: text)
        }
        guard let format = choice("--format", OutputFormat.text), let sort = choice("--sort", ResultOrder.relevance),
              let color = choice("--color", ColorChoice.auto), let offsets = choice("--offsets", OffsetUnit.bytes) else { return nil }
        command.format = format
        command.offsets = offsets
        command.sort = sort
        command.color = color
        command.count = flags.contains("--count")
        command.filesWithMatches = flags.contains("--files-with-matches")
        command.null = flags.contains("--null")
        var pathFilter = PathFilter<QueryWording>()
        pathFilter.path = value("--path")
        command.pathFilter = pathFilter
        var matching = ExactOption()
        matching.exact = flags.contains("--exact")
        command.matching = matching
        command.explain = flags.contains("--explain")
        command.lexicon = lexicons
        guard (try? command.validate()) != nil else { return nil }
        return command
    }

    /// Every option of QueryCommand (its groups' too), as the plain reader knows it: long name, short name, whether
    /// it takes a value and whether it may repeat. ArgumentRouterTests check this table against QueryCommand's own
    /// declarations (ArgumentParser's description of them), so a new or renamed option fails there until it is here,
    /// and `plainQuerySetsEveryOption` fails until `plainQuery` sets it.
    static let queryOptions: [(long: String, short: String?, takesValue: Bool, repeats: Bool)] = [
        ("--db", nil, true, false), ("--since", nil, true, false), ("--until", nil, true, false),
        ("--mentions-since", nil, true, false), ("--mentions-until", nil, true, false), ("--limit", "-n", true, false),
        ("--offset", nil, true, false), ("--passages", nil, true, false), ("--snippet-words", nil, true, false),
        ("--format", nil, true, false), ("--offsets", nil, true, false), ("--sort", nil, true, false),
        ("--count", nil, false, false), ("--files-with-matches", "-l", false, false), ("--null", "-0", false, false),
        ("--path", nil, true, false), ("--color", nil, true, false), ("--exact", nil, false, false),
        ("--explain", nil, false, false), ("--lexicon", nil, true, true),
    ]

    /// Flags the parser answers itself (help, version, completion scripts): QueryCommand alone would read them
    /// as its own, so they always take the full parser.
    static let builtInFlags = ["-h", "-help", "--help", "--version", "--generate-completion-script",
                                            "--experimental-dump-help"]

    /// The names the full parser reads as subcommands. (Arrays rather than sets here: the first use of a new generic
    /// type makes the Swift runtime scan every conformance in the binary.)
    static let subcommandNames = SearchCommand.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
}
