import Analysis
import Glibc

/// The domain's entities with their other names, so a query for one name also finds the others.
///
/// `PMF` → `Popular Mobilization Forces`, `Hashd al-Shaabi`, …. The shipped list is `Data/lexicon.txt`,
/// embedded in the binary, analysed ahead of time (`LexiconTable.swift`); a user file in the same format can be added. Format, one
/// entity a line, `#` starts a comment line:
///
///     kind | canonical name | alias | alias ...
///
/// where kind is `person`, `org` or `place`. Names are compared the way the analyzer reads queries, so
/// spellings fold (`Kataeb Hizballah` finds the entry of `Kata'ib Hezbollah`). An alias written in capitals
/// (an acronym such as `PMF`) matches case-insensitively only when it has three letters or more and is not an
/// English word; `US`, `IS` or `KH` match only when the query writes them in capitals.
public struct Lexicon: Sendable {
    /// One entity: its canonical name first, then its aliases.
    public struct Entry: Sendable, Equatable {
        /// `person`, `org` or `place`.
        public var kind: Kind
        /// The name the entity is best known by. `"Popular Mobilization Forces"`.
        public var canonical: String
        /// Its other names and acronyms. `["PMF", "Hashd al-Shaabi"]`.
        public var aliases: [String]
        /// The line of the file it was read from (1-based).
        public var line: Int

        /// The canonical name followed by the aliases.
        public var names: [String] { [canonical] + aliases }
    }

    /// What an entry names.
    public enum Kind: String, Sendable, CaseIterable {
        /// A person.
        case person
        /// An organisation: party, militia, agency, company.
        case org
        /// A place: country, city, square, base.
        case place
    }

    /// A lexicon file that cannot be read; the message names the file and the line.
    public enum LoadError: Error, Equatable, CustomStringConvertible {
        /// The file could not be opened or read.
        case unreadable(file: String)
        /// A line does not have the `kind | name | alias…` shape.
        case malformedLine(file: String, line: Int, reason: String)

        /// A message for the user, `file:line: reason`.
        public var description: String {
            switch self {
            case .unreadable(let file): return "\(file): cannot read the lexicon file"
            case .malformedLine(let file, let line, let reason): return "\(file):\(line): \(reason)"
            }
        }
    }

    /// A place in a query where a lexicon name was found, and the other names of that entity.
    public struct Match: Sendable, Equatable {
        /// The query words that name the entity (indices into the words given to `alternatives(for:)`).
        public var words: Range<Int>
        /// The entity.
        public var entry: Entry
        /// The entity's other names, each as its list of words. `[["Popular", "Mobilization", "Forces"], …]`.
        public var alternatives: [[String]]
    }

    /// The entries, in file order.
    public private(set) var entries: [Entry]

    /// Every name of every entry, as the analyzer's query keys, longest first.
    package private(set) var forms: [Form]

    /// One name of an entry as the analyzer reads it in a query.
    package struct Form: Sendable, Equatable {
        /// The entry's index in `entries`.
        package var entry: Int
        /// The name's index among the entry's names (0: the canonical name, then the aliases).
        package var name: Int
        /// The terms of each position: a query position matches when it shares one of them, so any spelling of a
        /// name matches its form (Mohandes reads `#muhenda`, `#muhendi`, …; al-Muhandis `#muhendi`, …).
        package var positions: [[String]]
        /// For a short or English-looking acronym: the exact word it needs.
        package var exactWord: String?
        /// For an acronym (`PMF`): the word in lower case, compared as written rather than through name keys,
        /// because a query reads capitals as an acronym and lower case as a name.
        package var acronym: String?
    }

    /// The lexicon shipped with search (`Data/lexicon.txt`), analysed ahead of time (`LexiconTable.swift`):
    /// parsing the file and analysing its names at every start was a noticeable part of a query.
    /// GenerateTablesTests fail, naming the command that regenerates the table (`swift run generate-tables`), when it
    /// differs from what the file and the analyzer make now.
    public static let shipped = Lexicon(entries: shippedEntries, forms: shippedForms)

    /// A lexicon from entries and their analysed forms (the generated table).
    init(entries: [Entry], forms: [Form]) {
        self.entries = entries
        self.forms = forms
    }

    /// Parses lexicon text; `file` names it in error messages.
    public init(text: String, file: String) throws {
        var entries: [Entry] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = trim(rawLine)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map { trim($0) }
            guard fields.count >= 3 else {
                throw LoadError.malformedLine(
                    file: file, line: lineNumber,
                    reason: "expected `kind | canonical name | alias …` with at least one alias, found \(fields.count) field\(fields.count == 1 ? "" : "s")")
            }
            guard let kind = Kind(rawValue: fields[0].lowercased()) else {
                throw LoadError.malformedLine(
                    file: file, line: lineNumber, reason: "unknown kind `\(fields[0])` (use person, org or place)")
            }
            if let empty = fields.firstIndex(where: { $0.isEmpty }) {
                throw LoadError.malformedLine(file: file, line: lineNumber, reason: "field \(empty + 1) is empty")
            }
            entries.append(Entry(kind: kind, canonical: fields[1], aliases: Array(fields[2...]), line: lineNumber))
        }
        self.entries = entries
        self.forms = []
        rebuildForms()
    }

    /// Reads a lexicon file (the same format as `Data/lexicon.txt`).
    public init(contentsOfFile path: String) throws {
        guard let text = Lexicon.readFile(path) else { throw LoadError.unreadable(file: path) }
        try self.init(text: text, file: path)
    }

    /// This lexicon with the entries of `other` added after its own.
    public func adding(_ other: Lexicon) -> Lexicon {
        var copy = self
        copy.entries += other.entries
        copy.rebuildForms()
        return copy
    }

    /// Finds lexicon names in a query's words, longest first and without overlaps, left to right.
    ///
    /// `["PMF", "leaders"]` → one match for words 0..<1 with the alternatives `Popular Mobilization Forces`,
    /// `Hashd al-Shaabi`, …: the caller rewrites the query as `(PMF OR "Popular Mobilization Forces" OR …) leaders`.
    public func alternatives(for words: [String]) -> [Match] {
        // The query's positions (a term and the terms colocated with it), each tagged with the word it came from.
        var positions: [[String]] = []
        var wordOf: [Int] = []
        var firstPosition: [Int] = []
        for (w, word) in words.enumerated() {
            firstPosition.append(positions.count)
            for token in Lexicon.positions(of: word) {
                positions.append(token)
                wordOf.append(w)
            }
        }
        firstPosition.append(positions.count)
        var matches: [Match] = []
        var w = 0
        while w < words.count {
            var found: (form: Form, end: Int)?
            for form in forms where !form.positions.isEmpty {
                if let acronym = form.acronym {
                    guard words[w].lowercased() == acronym else { continue }
                    if let exact = form.exactWord, words[w] != exact { continue }
                    found = (form, w + 1)
                    break
                }
                let k = firstPosition[w]
                guard k + form.positions.count <= positions.count else { continue }
                var same = true
                for i in 0..<form.positions.count where !Lexicon.share(positions[k + i], form.positions[i]) {
                    same = false
                    break
                }
                guard same else { continue }
                let last = k + form.positions.count
                // The match must end at a word boundary.
                guard last == positions.count || wordOf[last] != wordOf[last - 1] else { continue }
                let end = wordOf[last - 1] + 1
                if let exact = form.exactWord, !(end == w + 1 && words[w] == exact) { continue }
                found = (form, end)
                break
            }
            if let (form, end) = found {
                let entry = entries[form.entry]
                let typed = Array(positions[firstPosition[w]..<firstPosition[end]])
                // A name that holds the typed words (al-Muhandis in Abu Mahdi al-Muhandis) finds nothing they do
                // not find, and each phrase costs the ranking a pass over its words' documents: it is left out.
                // A name of one word, typed as one word, is left out only when it is the spelling typed: the verdict,
                // not the keys, decides which spellings a word asks for, so one that merely shares its keys (Koran for
                // Quran, whose form is the one that matched) is asked for in its own right. A phrase keeps its keys.
                let others = entry.names.enumerated().filter { name in
                    guard let other = forms.first(where: { $0.entry == form.entry && $0.name == name.offset }) else {
                        return name.offset != form.name
                    }
                    return other.positions.count == 1 && typed.count == 1
                        ? !Lexicon.sameSpelling(other.positions, typed) : !Lexicon.holds(other.positions, typed)
                }.map { $0.element.split(separator: " ").map(String.init) }
                matches.append(Match(words: w..<end, entry: entry, alternatives: others))
                w = end
            } else {
                w += 1
            }
        }
        return matches
    }

    /// The positions of `text` as the analyzer reads it in a query: each a term and the terms colocated with it.
    static func positions(of text: String) -> [[String]] {
        var positions: [[String]] = []
        for token in Analyzer().tokens(text, mode: .query) {
            if token.colocated, !positions.isEmpty {
                positions[positions.count - 1].append(token.term)
            } else {
                positions.append([token.term])
            }
        }
        return positions
    }

    /// True when `outer` has a run of positions that share a term with each of `inner`'s, in order.
    static func holds(_ outer: [[String]], _ inner: [[String]]) -> Bool {
        guard !inner.isEmpty, inner.count <= outer.count else { return false }
        for start in 0...(outer.count - inner.count) {
            var all = true
            for i in 0..<inner.count where !share(outer[start + i], inner[i]) {
                all = false
                break
            }
            if all { return true }
        }
        return false
    }

    /// True when the two names are one spelling: position by position, the same term as written (the one that is
    /// not a name key).
    static func sameSpelling(_ a: [[String]], _ b: [[String]]) -> Bool {
        func written(_ p: [String]) -> String? { p.first { !$0.hasPrefix("#") } }
        return a.count == b.count && zip(a, b).allSatisfy { written($0) == written($1) }
    }

    /// True when the two positions share a term.
    @inline(__always)
    static func share(_ a: [String], _ b: [String]) -> Bool {
        for x in a where b.contains(x) { return true }
        return false
    }

    private mutating func rebuildForms() {
        var forms: [Form] = []
        for (e, entry) in entries.enumerated() {
            for (n, name) in entry.names.enumerated() {
                let positions = Lexicon.positions(of: name)
                var exact: String?
                if Lexicon.isAcronym(name) {
                    let lower = name.lowercased()
                    if name.count < 3 || EnglishWords.contains(lower) { exact = name }
                }
                forms.append(Form(entry: e, name: n, positions: positions, exactWord: exact,
                                  acronym: Lexicon.isAcronym(name) ? name.lowercased() : nil))
            }
        }
        forms.sort { $0.positions.count > $1.positions.count }
        self.forms = forms
    }

    static func isAcronym(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { ($0 &- 65) < 26 || ($0 &- 48) < 10 }
    }

    static func readFile(_ path: String) -> String? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let got = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 65536, f) }
            if got > 0 { bytes += chunk[0..<got] }
            if got < 65536 {
                if ferror(f) != 0 { return nil }
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A lexicon field without the spaces, tabs and CRs around it (only those: the file's own separators).
private func trim(_ text: Substring) -> String { text.trimming { $0 == " " || $0 == "\t" || $0 == "\r" } }
