import Foundation
import Searcher

/// One file the generator writes: its path in the package and its text.
struct GeneratedFile: Equatable {
    /// The path from the package root, `Sources/Analysis/EnglishWordsTable.swift`.
    let path: String
    /// What the file must hold.
    let text: String

    /// A data file that cannot be read, by its path in the package.
    struct Unreadable: Error, CustomStringConvertible {
        let path: String
        var description: String { "cannot read \(path)" }
    }

    /// The package root: three folders above this source file (Sources/GenerateTables/GeneratedFile.swift).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Every generated file, made from the data files under `root`.
    static func all(root: String) throws -> [GeneratedFile] {
        func read(_ path: String) throws -> String {
            guard let text = try? String(contentsOfFile: root + "/" + path, encoding: .utf8) else { throw Unreadable(path: path) }
            return text
        }
        let words = EnglishWordsTableSource.words(englishWords: try read("Data/english-words.txt"),
                                                  properWords: try read("Data/english-proper-words.txt"),
                                                  names: try read("Data/english-words-names.txt"))
        let lexicon = try Lexicon(text: try read("Data/lexicon.txt"), file: "Data/lexicon.txt")
        return [
            GeneratedFile(path: "Sources/Analysis/EnglishWordsTable.swift", text: EnglishWordsTableSource.source(words)),
            GeneratedFile(path: "Sources/Searcher/Lexicon/LexiconTable.swift", text: LexiconTableSource.source(lexicon)),
        ]
    }
}
