import Foundation
import Testing
@testable import Analysis
@testable import Storage
@testable import Indexer

struct SourceReaderTests {
    enum Outcome: Equatable { case text(String), warning(String), failure(SourceReader.Failure) }

    static let cases: [(String, [UInt8], Outcome)] = [
        ("utf8", Array("Kata’ib".utf8), .text("Kata’ib")),
        ("utf8 bom", [0xEF, 0xBB, 0xBF] + Array("Iraq".utf8), .text("Iraq")),
        ("utf16 le bom", [0xFF, 0xFE, 0x49, 0x00, 0x72, 0x00, 0x61, 0x00, 0x71, 0x00], .text("Iraq")),
        ("utf16 be bom", [0xFE, 0xFF, 0x00, 0x49, 0x00, 0x72, 0x00, 0x61, 0x00, 0x71], .text("Iraq")),
        ("utf16 lone surrogate", [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], .failure(.badUTF16)),
        ("latin-1", [0x63, 0x61, 0x66, 0xE9, 0x20, 0x93, 0x71, 0x94], .warning("café “q”")),
        ("binary", [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01], .failure(.binary)),
        ("empty", [], .failure(.empty)),
    ]

    @Test(arguments: cases)
    func decodes(name: String, bytes: [UInt8], expected: Outcome) {
        let outcome: Outcome
        switch SourceReader.decode(bytes) {
        case .success(let text): outcome = text.warning == nil ? .text(text.text) : .warning(text.text)
        case .failure(let failure): outcome = .failure(failure)
        }
        #expect(outcome == expected, "\(name)")
    }

    @Test func hashTellsContentApart() {
        let a = SourceReader.contentHash(Array("Soleimani".utf8))
        #expect(a.count == 16)
        #expect(a == SourceReader.contentHash(Array("Soleimani".utf8)))
        #expect(a != SourceReader.contentHash(Array("Suleimani".utf8)))
        #expect(SourceReader.contentHash([1, 2, 3, 4, 5, 6, 7, 8, 9]) != SourceReader.contentHash([1, 2, 3, 4, 5, 6, 7, 8, 8]))
    }

    @Test func refusesFilesOverTheLimit() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("big.txt", String(repeating: "x", count: 5000))
        guard case .failure(.tooLarge) = SourceReader.read(path: path, limit: 4096) else {
            Issue.record("a file over the limit was read")
            return
        }
        guard case .failure(.vanished) = SourceReader.read(path: folder.path + "/missing.txt", limit: 4096) else {
            Issue.record("a missing file was not reported as gone")
            return
        }
        // A pipe put where a file was must not block the run.
        #expect(mkfifo(folder.path + "/pipe.txt", 0o644) == 0)
        guard case .failure(.notRegular) = SourceReader.read(path: folder.path + "/pipe.txt", limit: 4096) else {
            Issue.record("a pipe was not refused")
            return
        }
    }
}
