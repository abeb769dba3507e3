import Foundation
import Searcher

// Writes the Swift files that embed the analyzer's and the lexicon's data (Data/README.md):
//
//     swift run generate-tables            # rewrites the files that differ, and names them
//     swift run generate-tables --check    # names the stale files and exits 1, writing nothing
//
// GenerateTablesTests run the same functions and fail while a committed file differs from what they make.

let check = CommandLine.arguments.dropFirst().contains("--check")
if let unknown = CommandLine.arguments.dropFirst().first(where: { $0 != "--check" }) {
    FileHandle.standardError.write(Data("generate-tables: unknown argument '\(unknown)' (the only option is --check)\n".utf8))
    exit(2)
}
do {
    var stale = 0
    for file in try GeneratedFile.all(root: GeneratedFile.packageRoot) {
        let path = GeneratedFile.packageRoot + "/" + file.path
        guard (try? String(contentsOfFile: path, encoding: .utf8)) != file.text else { continue }
        stale += 1
        if check {
            print("stale: \(file.path)")
        } else {
            try file.text.write(toFile: path, atomically: true, encoding: .utf8)
            print("wrote \(file.path)")
        }
    }
    if stale == 0 { print("all generated files are up to date") }
    exit(check && stale > 0 ? 1 : 0)
} catch {
    FileHandle.standardError.write(Data("generate-tables: \(error)\n".utf8))
    exit(1)
}
