import ArgumentParser
import Searcher
import Storage
import Rendering

// The options `search query` and `search timeline` share, declared once. Where their help differs (a query keeps
// passages, a chart counts documents) the group takes its words from a `Wording` type, so each command's --help
// stays as it was. Each group reads its values once: `resolve()`, called from the command's `validate()` at the
// place its checks always ran (so the first error reported for several is the same), keeps the parsed value.

/// The help words of the filters that differ between the commands.
protocol FilterWording {
    /// `--mentions-since`'s help.
    static var mentionsSince: String { get }
    /// `--mentions-until`'s help.
    static var mentionsUntil: String { get }
    /// `--path`'s help.
    static var path: String { get }
}

/// A query's words: the mention filters keep passages.
enum QueryWording: FilterWording {
    static let mentionsSince = "Only passages mentioning a date on or after DATE."
    static let mentionsUntil = "Only passages mentioning a date on or before DATE."
    static let path = "Only documents whose path matches GLOB (relative to the indexed folder, * within a folder, ** across; an archive's articles by the archive's path; absolute when it starts with /)."
}

/// A chart's words: the mention filters keep documents.
enum TimelineWording: FilterWording {
    static let mentionsSince = "Only documents with a passage mentioning a date on or after DATE."
    static let mentionsUntil = "Only documents with a passage mentioning a date on or before DATE."
    static let path = "Only documents whose path matches GLOB (as for a query)."
}

/// `--since`, `--until`, `--mentions-since`, `--mentions-until`: typed once by `resolve()`.
struct DateFilters<Wording: FilterWording>: ParsableArguments {
    @Option(help: ArgumentHelp("Only documents dated on or after DATE.", valueName: "DATE"))
    var since: String?

    @Option(help: ArgumentHelp("Only documents dated on or before DATE.", valueName: "DATE"))
    var until: String?

    @Option(help: ArgumentHelp(Wording.mentionsSince, valueName: "DATE"))
    var mentionsSince: String?

    @Option(help: ArgumentHelp(Wording.mentionsUntil, valueName: "DATE"))
    var mentionsUntil: String?

    /// The four dates as read by `resolve()`, in the order above; nil where the option was not given.
    private(set) var dates = Dates()

    /// The values of the four options as dates.
    struct Dates {
        var since: PartialDate?
        var until: PartialDate?
        var mentionsSince: PartialDate?
        var mentionsUntil: PartialDate?
    }

    // Only the options are parsed; `dates` is set by `resolve()`.
    private enum CodingKeys: String, CodingKey { case since, until, mentionsSince, mentionsUntil }

    /// Reads the dates, or throws the message for the first that is not a date or the first range that is empty.
    mutating func resolve() throws {
        func read(_ name: String, _ value: String?) throws -> PartialDate? {
            guard let value else { return nil }
            guard let date = PartialDate(iso: value) else {
                throw ValidationError(SearchError.badDate(option: name, value: value).description)
            }
            return date
        }
        dates = Dates(since: try read("--since", since), until: try read("--until", until),
                      mentionsSince: try read("--mentions-since", mentionsSince), mentionsUntil: try read("--mentions-until", mentionsUntil))
        for (first, last, names) in [((since, dates.since), (until, dates.until), ("--since", "--until")),
                                     ((mentionsSince, dates.mentionsSince), (mentionsUntil, dates.mentionsUntil), ("--mentions-since", "--mentions-until"))] {
            if let a = first.1, let b = last.1, let aText = first.0, let bText = last.0, a.firstDay > b.lastDay {
                throw ValidationError("\(names.0) \(aText) is after \(names.1) \(bText): no date is in that range")
            }
        }
    }

    /// Sets the request's four date filters.
    func apply(to request: inout SearchRequest) {
        request.since = dates.since
        request.until = dates.until
        request.mentionsSince = dates.mentionsSince
        request.mentionsUntil = dates.mentionsUntil
    }
}

/// `--path GLOB`: compiled once by `resolve()`.
struct PathFilter<Wording: FilterWording>: ParsableArguments {
    @Option(help: ArgumentHelp(Wording.path, valueName: "GLOB"))
    var path: String?

    /// The compiled pattern, set by `resolve()`; nil when `--path` was not given.
    private(set) var glob: Glob?

    // Only the option is parsed; `glob` is set by `resolve()`.
    private enum CodingKeys: String, CodingKey { case path }

    /// Compiles the pattern, or throws when it is empty.
    mutating func resolve() throws {
        guard let path else { return }
        guard let glob = Glob(path) else { throw ValidationError("--path: '\(path)' is an empty pattern") }
        self.glob = glob
    }
}

/// `--exact`, as both commands word it.
struct ExactOption: ParsableArguments {
    @Flag(help: "Match only the spellings typed: no name variants, no lexicon names.")
    var exact = false
}
