import ArgumentParser
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

    /// The comparison above sees every option's value, not just the type.
    @Test func dumpsTellOptionValuesApart() throws {
        let one = try #require(ArgumentRouter.quickQuery(["x", "-n", "1"]))
        let two = try #require(ArgumentRouter.quickQuery(["x", "-n", "2"]))
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
