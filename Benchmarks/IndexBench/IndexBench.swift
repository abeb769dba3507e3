import Analysis
import Benchmark
import Indexer
import Searcher
import Storage

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

/// A scratch folder holding 40 dated copies of each seed article (200 files, ~1 MiB) and the path for a database.
private let scratch: (docs: String, db: String) = {
    let base = "/tmp/search-bench-\(getpid())"
    let docs = base + "/docs"
    mkdir(base, 0o755)
    mkdir(docs, 0o755)
    for copy in 0..<40 {
        for (i, article) in seedArticles.enumerated() {
            // Dates spread over 2019–2020 so that the date filter selects a part of the index.
            let month = (copy + i) % 24
            let date = "\(2019 + month / 12)-\(month % 12 < 9 ? "0" : "")\(month % 12 + 1)-15"
            let text = "---\ntitle: Copy \(copy) of \(article.name)\ndate: \(date)\n---\n\n" + article.text
            guard let f = fopen(docs + "/\(copy)-\(article.name)", "wb") else { continue }
            _ = text.utf8CString.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count - 1, f) }
            fclose(f)
        }
    }
    return (docs, base + "/bench.db")
}()

/// Removes a database and its WAL files, so that each indexing run starts fresh.
private func removeDatabase(_ path: String) {
    for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
}

/// The same query classes as Benchmarks/bench.py, in process, on the seed-article index.
private let queryClasses: [(name: String, request: SearchRequest)] = {
    func request(_ q: String, since: String? = nil, until: String? = nil) -> SearchRequest {
        var r = SearchRequest(query: q)
        r.since = since.flatMap { PartialDate(iso: $0) }
        r.until = until.flatMap { PartialDate(iso: $0) }
        return r
    }
    return [
        ("single word", request("Iraq")),
        ("two words", request("Iraqi protesters")),
        ("phrase", request("\"Quds Force\"")),
        ("rare name", request("Muhandis")),
        ("same name, other spelling", request("Mohandes")),
        ("frequent word", request("the")),
        ("word + date filter", request("Iraq", since: "2019-10", until: "2019-12")),
    ]
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

    Benchmark("IndexWriter.index 200 files (~1 MiB), fresh database",
              configuration: .init(maxDuration: .seconds(10), maxIterations: 30)) { benchmark in
        removeDatabase(scratch.db)
        benchmark.startMeasurement()
        do {
            let writer = try IndexWriter(path: scratch.db)
            blackHole(try writer.index([scratch.docs]))
        } catch {
            benchmark.error("indexing failed: \(error)")
        }
        benchmark.stopMeasurement()
    }

    for query in queryClasses {
        Benchmark("IndexSearcher.search \(query.name)", configuration: .init(
            setup: {
                // One index for all query cases; built by the first of them.
                if access(scratch.db, F_OK) != 0 {
                    _ = try? IndexWriter(path: scratch.db).index([scratch.docs])
                }
            })) { benchmark in
            do {
                let searcher = try IndexSearcher(path: scratch.db)
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations { blackHole(try searcher.search(query.request)) }
                benchmark.stopMeasurement()
            } catch {
                benchmark.error("search failed: \(error)")
            }
        }
    }

    Benchmark("SnippetBuilder.snippet of a 12 KB article, 3 highlights", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let text = seedArticles.max { $0.text.utf8.count < $1.text.utf8.count }?.text ?? ""
        // Highlight three real occurrences of "Iraq", as a search for it would.
        let bytes = Array(text.utf8)
        let needle = Array("Iraq".utf8)
        var highlights: [Range<Int>] = []
        var i = bytes.count / 3
        while i + needle.count <= bytes.count, highlights.count < 3 {
            if bytes[i..<i + needle.count].elementsEqual(needle) { highlights.append(i..<i + needle.count); i += 200 }
            i += 1
        }
        let builder = SnippetBuilder()
        for _ in benchmark.scaledIterations { blackHole(builder.snippet(of: text, highlights: highlights)) }
    }

    Benchmark("DocumentParser.parse 5 seed articles") { benchmark in
        for _ in benchmark.scaledIterations {
            for article in seedArticles {
                blackHole(DocumentParser.parse(article.text, fileName: article.name))
            }
        }
    }
}
