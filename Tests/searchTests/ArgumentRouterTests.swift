import ArgumentParser
import Foundation
import Testing
@testable import search

struct ArgumentRouterTests {
    /// Everything a command holds, option by option, to compare two parses.
    private static func dumped(_ command: any ParsableCommand) -> String {
        var out = ""
        dump(command, to: &out)
        return out
    }

    /// The short cut must read a query exactly as the full parser does.
    @Test(arguments: [
        ["query", "Muhandis", "--db", "x.db", "--limit", "10", "--format", "json"],
        ["Muhandis"],
        ["query", "\"page table\""],
        ["--db", "x.db", "Soleimani", "Iraq", "-n", "3", "--offset", "2", "--passages", "2", "--snippet-words", "12"],
        ["Soleimani", "--since", "2019-12", "--until", "2020", "--mentions-since", "2019-12-01", "--sort", "date"],
        ["query", "-l", "Kata'ib Hezbollah", "--exact", "--color", "never", "--lexicon", "a.txt", "--lexicon", "b.txt"],
        ["query", "Muhandis", "--count", "--format", "csv"],
        ["query", "--", "-Lebanon"],
        ["query", "help"],
    ])
    func quickQueryMatchesTheFullParser(arguments: [String]) throws {
        let quick = try #require(ArgumentRouter.quickQuery(arguments))
        let full = try SearchCommand.parseAsRoot(arguments)
        #expect(full is QueryCommand)
        #expect(Self.dumped(quick) == Self.dumped(full))
    }

    /// The shapes the benchmarks and scripts use are read without ArgumentParser, with the same result.
    @Test(arguments: [
        ["Muhandis", "--db", "x.db", "--limit", "10", "--format", "json"],
        ["Muhandis"],
        ["\"page table\"", "--db", "x.db"],
        ["--db", "x.db", "Soleimani", "Iraq", "-n", "3", "--offset", "2", "--passages", "2", "--snippet-words", "12"],
        ["Soleimani", "--since", "2019-12", "--until", "2020", "--mentions-since", "2019-12-01", "--mentions-until", "2020-01", "--sort", "date"],
        ["-l", "Kata'ib Hezbollah", "--exact", "--color", "always", "--lexicon", "a.txt", "--lexicon", "b.txt"],
        ["Muhandis", "--count", "--format", "csv"],
        ["kernel", "--files-with-matches", "--format", "jsonl", "--color", "never", "--sort", "relevance"],
        ["Muhandis", "--format", "json", "--offsets", "chars"],
    ])
    func plainQueryMatchesTheFullParser(arguments: [String]) throws {
        let plain = try #require(ArgumentRouter.plainQuery(arguments))
        let full = try SearchCommand.parseAsRoot(["query"] + arguments)
        #expect(Self.dumped(plain) == Self.dumped(full))
    }

    /// Shapes the plain reader does not know are left to ArgumentParser (which may still take them).
    @Test(arguments: [
        ["--", "-Lebanon"], ["x", "--limit=5"], ["x", "-n", "-1"], ["x", "--count", "--count"], ["x", "--db", "a", "--db", "b"],
        ["x", "--format", "xml"], ["x", "--limit", "ten"], ["x", "--bogus"], ["x", "--db"], [], ["--count"],
        ["x", "--count", "-l"], ["x", "--since", "2019-13"], ["x", "-ln", "3"],
    ])
    func plainQueryLeavesOtherShapes(arguments: [String]) {
        #expect(ArgumentRouter.plainQuery(arguments) == nil)
    }

    /// The plain reader sets every option: one it left out is unset, and reading it stops the program.
    @Test func plainQuerySetsEveryOption() throws {
        let plain = try #require(ArgumentRouter.plainQuery(["Muhandis"]))
        let unset = Self.dumped(plain).split(separator: "\n").filter { $0.contains("definition") }
        #expect(unset.isEmpty, "\(unset)")
    }

    /// The plain reader's option table is QueryCommand's options, no more, no fewer: name, short name, whether it
    /// takes a value and whether it repeats, read from ArgumentParser's own description of the command (its
    /// `--experimental-dump-help` JSON), so an option added to or renamed in QueryCommand or one of its groups fails
    /// here until the table has it.
    @Test func theOptionTableIsQueryCommands() throws {
        let info = try #require(try JSONSerialization.jsonObject(with: Data(QueryCommand._dumpHelp().utf8)) as? [String: Any])
        let arguments = try #require((info["command"] as? [String: Any])?["arguments"] as? [[String: Any]])
        var declared: [String] = []
        for argument in arguments where argument["kind"] as? String != "positional" {
            let names = argument["names"] as? [[String: String]] ?? []
            let long = try #require(names.first { $0["kind"] == "long" }?["name"])
            guard long != "help" && long != "version" else { continue }
            let short = names.first { $0["kind"] == "short" }?["name"].map { "-" + $0 } ?? "none"
            declared.append("--\(long) \(short) value:\(argument["kind"] as? String == "option") repeats:\(argument["isRepeating"] as? Bool == true)")
        }
        let table = ArgumentRouter.queryOptions.map { "\($0.long) \($0.short ?? "none") value:\($0.takesValue) repeats:\($0.repeats)" }
        #expect(declared.count == 20, "\(declared)")
        #expect(table == declared)
    }

    /// The comparison above sees every option's value, not just the type.
    @Test func dumpsTellOptionValuesApart() throws {
        let one = try SearchCommand.parseAsRoot(["x", "-n", "1"])
        let two = try SearchCommand.parseAsRoot(["x", "-n", "2"])
        #expect(Self.dumped(one) != Self.dumped(two))
    }

    /// Help, other subcommands and mistakes are left to the full parser, whose messages the user sees.
    @Test(arguments: [
        [], ["--help"], ["query", "--help"], ["-h"], ["help"], ["help", "query"], ["--version"],
        ["index", "corpus"], ["stats"], ["Muhandis", "stats"], ["--generate-completion-script", "bash"],
        ["query"], ["query", "x", "--limit", "-1"], ["query", "x", "--bogus"], ["x", "--count", "-l"],
        ["x", "--since", "2019-13"],
    ])
    func leavesEverythingElseToTheFullParser(arguments: [String]) {
        #expect(ArgumentRouter.quickQuery(arguments) == nil)
    }
}
