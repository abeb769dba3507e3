import Foundation
import Testing
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
        #expect(walker.problems.contains { $0.reason.contains("loop") })
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
        let result = FileWalker.absolute(input.hasPrefix("/") ? input : "/" + input)
        #expect(result == expected)
    }
}
