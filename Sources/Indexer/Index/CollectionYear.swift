import Storage

/// The year a folder's year-less dates are read in, and whether the folder's documents settle it.
///
/// A wire story gives its day and month ("LONDON, Feb 26 -") but rarely its year; the year comes from the other
/// documents of its folder. The vote is the documents dated by their own dateline, front matter or date line (on
/// the wire, a dateline whose year a dated mention a few days before supports), each with the date its text gives
/// alone: a date read in the collection's year never votes for it (`DocumentStore.yearVotes`), or the year would
/// depend on which runs came before. One such document is no evidence:
/// the first 499 Reuters stories of 1987 hold one, a story of 1987 citing "February 20, 1986" six days before its
/// dateline, and reading all of them in 1986 put 465 stories in the wrong year. A year is **firm** when at least
/// `minimumVotes` documents support it and at least twice as many as any other year; only a firm year dates a
/// year-less dateline. A year that is not firm still places a date that names its weekday ("Monday, October 7" is
/// 2019 near 2019, not 2013), where the weekday itself bounds the error.
///
/// The folder is the file's own directory first, then each directory above it, so that Reuters stories indexed
/// beside an archive of 2004 news keep the year of their own folder.
///
/// ```
/// CollectionYear.decide([YearVotes(year: 1986, own: 1, dated: 1)])   // (1986, firm: false)
/// CollectionYear.decide([YearVotes(year: 1987, own: 22, dated: 22), YearVotes(year: 1992, own: 7, dated: 7)])
/// // (1987, firm: true)
/// ```
struct CollectionYear: Sendable, Equatable {
    /// The year.
    let year: Int
    /// Whether enough documents support it to date a year-less dateline.
    let firm: Bool

    /// Documents that must support a year before it dates year-less datelines.
    static let minimumVotes = 3

    /// The year the votes give, firm or not; nil when no document is dated.
    static func decide(_ votes: [YearVotes]) -> CollectionYear? {
        for count in [\YearVotes.own, \YearVotes.dated] {
            let ranked = votes.filter { $0[keyPath: count] > 0 }
                .sorted { $0[keyPath: count] != $1[keyPath: count] ? $0[keyPath: count] > $1[keyPath: count] : $0.year < $1.year }
            guard let best = ranked.first else { continue }
            let support = best[keyPath: count]
            let runnerUp = ranked.dropFirst().first?[keyPath: count] ?? 0
            return CollectionYear(year: best.year, firm: support >= minimumVotes && support >= 2 * runnerUp)
        }
        return nil
    }

    /// The year for a file in `directory` (absolute, ending in "/"): that of the nearest folder at or above it whose
    /// year is firm, else that of the nearest folder with any dated document. `votes` reads a folder's votes;
    /// `cache` keeps them by folder across the files of one run.
    static func forFolder(_ directory: String, cache: inout [String: CollectionYear?],
                          votes: (String) throws(IndexError) -> [YearVotes]) throws(IndexError) -> CollectionYear? {
        var nearest: CollectionYear?
        var folder = directory
        while true {
            let year: CollectionYear?
            if let known = cache[folder] {
                year = known
            } else {
                year = decide(try votes(folder))
                cache[folder] = year
            }
            if let year, year.firm { return year }
            if nearest == nil { nearest = year }
            guard let parent = parentFolder(folder) else { return nearest }
            folder = parent
        }
    }

    /// "/a/b/" → "/a/", "/a/" → "/", "/" → nil.
    static func parentFolder(_ folder: String) -> String? {
        guard folder.count > 1 else { return nil }
        let trimmed = folder.dropLast()
        guard let slash = trimmed.lastIndex(of: "/") else { return nil }
        return String(trimmed[...slash])
    }

    /// The folder holding the file at `path` (absolute), ending in "/".
    static func folder(of path: String) -> Substring {
        // On the UTF-8 view: the last pass asks this of every document it may date.
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "/" }
        return path[...slash]
    }
}
