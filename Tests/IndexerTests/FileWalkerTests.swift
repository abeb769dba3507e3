import Foundation
import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct FileWalkerTests {
    @Test func listsTextFilesInOrderAndCountsTheRest() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("b.txt", "b")
        try folder.write("a/z.md", "z")
        try folder.write("a/y.TXT", "y")
        try folder.write("image.png", "png")
        try folder.write(".hidden/secret.txt", "s")
        try folder.write(".dot.txt", "s")
        let walker = try FileWalker(root: folder.path)
        #expect(walker.files.map(\.relativePath) == ["a/y.TXT", "a/z.md", "b.txt"])
        #expect(walker.otherFiles == 1)
        #expect(walker.isFolder)
        #expect(walker.files.allSatisfy { $0.path.hasPrefix(folder.path + "/") && $0.size == 1 })
    }

    @Test func survivesSymlinkLoopsAndBrokenLinks() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("sub/a.txt", "a")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/sub/loop", withDestinationPath: folder.path)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/broken.txt", withDestinationPath: folder.path + "/nowhere")
        let walker = try FileWalker(root: folder.path)
        #expect(walker.files.map(\.relativePath) == ["sub/a.txt"])
        #expect(walker.problems.count == 2)
        #expect(walker.problems.contains { $0.reason.words?.contains("loop") == true })
    }

    @Test func aMissingRootIsAnError() {
        #expect(throws: IndexError.missingPath("/no/such/folder")) { try FileWalker(root: "/no/such/folder") }
    }

    @Test func aSingleFileIsListedByName() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("notes.text", "x")
        let walker = try FileWalker(root: path)
        #expect(walker.files.map(\.relativePath) == ["notes.text"])
        #expect(!walker.isFolder)
    }

    @Test(arguments: [("a/./b/../c", "/a/c"), ("/x//y/", "/x/y"), ("/", "/")])
    func absolutePaths(input: String, expected: String) {
        let result = FilePaths.absolute(input.hasPrefix("/") ? input : "/" + input)
        #expect(result == expected)
    }
}

/// Globs read as git and ripgrep read them.
struct GlobTests {
    @Test(arguments: [
        ("*.txt", "a.txt", false, true), ("*.txt", "deep/down/a.txt", false, true), ("*.txt", "a.txt.bak", false, false),
        ("node_modules/", "x/node_modules", true, true), ("node_modules/", "node_modules", false, false),
        ("/build", "build", true, true), ("/build", "src/build", true, false),
        ("a/*.md", "a/x.md", false, true), ("a/*.md", "a/b/x.md", false, false),
        ("a/**/x.md", "a/x.md", false, true), ("a/**/x.md", "a/b/c/x.md", false, true), ("**/x.md", "x.md", false, true),
        ("a/**", "a/b/c", false, true), ("a/**", "a", true, false),
        ("?.txt", "b.txt", false, true), ("?.txt", "bb.txt", false, false),
        ("[0-9]*", "75885", false, true), ("[!0-9]*", "75885", false, false), ("[abc].md", "b.md", false, true),
        ("\\*.txt", "*.txt", false, true), ("\\*.txt", "a.txt", false, false), ("[unclosed", "[unclosed", false, true),
        ("*", "anything", false, true), ("**", "any/thing", false, true),
    ])
    func matches(pattern: String, path: String, isFolder: Bool, expected: Bool) throws {
        let glob = try #require(Glob(pattern))
        #expect(glob.matches(path, isFolder: isFolder) == expected, "\(pattern) ~ \(path)")
    }

    @Test func emptyPatternsAreRefused() {
        #expect(Glob("") == nil && Glob("/") == nil)
    }

    @Test func laterIgnoreRulesWinAndBangReincludes() {
        let rules = IgnoreRules(text: "# comment\n*.log\n!keep.log\n\n\\#hash\n", base: ["r"])
        #expect(rules.verdict(["r", "x.log"], isFolder: false) == true)
        #expect(rules.verdict(["r", "keep.log"], isFolder: false) == false)
        #expect(rules.verdict(["r", "#hash"], isFolder: false) == true)
        #expect(rules.verdict(["r", "x.txt"], isFolder: false) == nil)
        #expect(rules.verdict(["other", "x.log"], isFolder: false) == nil, "only below its own folder")
    }
}
