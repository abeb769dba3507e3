import Benchmark
import Indexer

#if canImport(Glibc)
import Glibc
#endif

// In-process micro-benchmarks of the stages, on the five real seed articles in corpus/ so that every machine measures
// the same bytes (the generated corpus under Benchmarks/data is not committed).
//   cd Benchmarks && swift package benchmark

/// The seed articles' texts, found from this file's path because the benchmark's working directory is not fixed.
private let seedArticles: [(name: String, text: String)] = {
    var dir = #filePath
    for _ in 0..<3 { dir = String(dir[..<(dir.lastIndex(of: "/") ?? dir.startIndex)]) }
    let corpus = dir + "/corpus"
    var result: [(String, String)] = []
    guard let d = opendir(corpus) else { return [] }
    defer { closedir(d) }
    var names: [String] = []
    while let entry = readdir(d) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if name.hasSuffix(".txt") { names.append(name) }
    }
    for name in names.sorted() {
        guard let f = fopen(corpus + "/" + name, "rb") else { continue }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        fclose(f)
        result.append((name, String(decoding: bytes, as: UTF8.self)))
    }
    return result
}()

/// About 1 MiB of real news text: the seed articles repeated, so throughput per iteration reads as MB/s.
private let oneMegabyte: [UInt8] = {
    let joined = Array(seedArticles.map(\.text).joined(separator: "\n\n").utf8)
    guard !joined.isEmpty else { return [] }
    var out: [UInt8] = []
    out.reserveCapacity(1 << 20)
    while out.count < 1 << 20 { out.append(contentsOf: joined) }
    return Array(out.prefix(1 << 20))
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(3), maxIterations: 1000)

    precondition(!seedArticles.isEmpty, "corpus/ with the seed articles must sit next to Benchmarks/")  // programmer error

    Benchmark("Analyzer.tokenize document, 1 MiB") { benchmark in
        let analyzer = Analyzer()
        var count = 0
        oneMegabyte.withUnsafeBufferPointer { text in
            benchmark.startMeasurement()
            analyzer.tokenize(text, mode: .document) { term, _, _, _ in count &+= term.count }
            benchmark.stopMeasurement()
        }
        blackHole(count)
    }

    Benchmark("Analyzer.tokenize query", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let analyzer = Analyzer()
        var query = Array("Qassem Soleimani and Kata'ib Hezbollah in Baghdad".utf8)
        var count = 0
        query.withUnsafeMutableBufferPointer { q in
            let text = UnsafeBufferPointer(q)
            for _ in benchmark.scaledIterations {
                analyzer.tokenize(text, mode: .query) { term, _, _, _ in count &+= term.count }
            }
        }
        blackHole(count)
    }

    Benchmark("DocumentParser.parse 5 seed articles") { benchmark in
        for _ in benchmark.scaledIterations {
            for article in seedArticles {
                blackHole(DocumentParser.parse(article.text, fileName: article.name))
            }
        }
    }
}
