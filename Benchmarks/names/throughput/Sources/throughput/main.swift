import Indexer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Tokenizes a file (default: the five corpus articles repeated to 10 MB) five times per analyzer and prints
// CPU-time MB/s, best of three rounds, for the skeleton's placeholder, the analyzer without name keys, and
// the analyzer with name keys. CPU time, because the machine is shared and wall time wanders.

func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func read(_ path: String) -> [UInt8] {
    guard let f = fopen(path, "rb") else { return [] }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = fread(&chunk, 1, chunk.count, f)
        if n == 0 { break }
        bytes += chunk[0..<n]
    }
    return bytes
}

let root = String(#filePath.split(separator: "/").dropLast(6).joined(separator: "/"))
var text: [UInt8]
if CommandLine.arguments.count > 1 {
    text = read(CommandLine.arguments[1])
} else {
    var corpus: [UInt8] = []
    for name in ["000_601c25b13da8ffc6", "001_9a3819d3190d61ef", "002_3f5214270b71f301", "003_9aeccf3a8347b6ab",
        "004_935e62f9ed8833da"]
    {
        corpus += read("/" + root + "/corpus/\(name).txt")
    }
    text = []
    while !corpus.isEmpty && text.count < 10_000_000 { text += corpus }
}
guard !text.isEmpty else {
    print("no text")
    exit(2)
}

func measure(_ label: String, _ text: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Int) {
    var best = 0.0
    var tokens = 0
    for _ in 0..<3 {
        let t0 = cpuSeconds()
        tokens = 0
        for _ in 0..<5 { tokens += text.withUnsafeBufferPointer(body) }
        let mbs = Double(text.count * 5) / (cpuSeconds() - t0) / 1e6
        best = max(best, mbs)
    }
    print("| \(label) | \(Int(best.rounded())) MB/s | \(tokens / 5) tokens |")
}

let placeholder = PlaceholderAnalyzer()
let plain = Analyzer(nameKeys: false)
let names = Analyzer()
print("\(text.count) bytes")
print("| analyzer | speed | tokens per pass |")
print("|---|---|---|")
measure("placeholder (skeleton)", text) { b in
    var n = 0
    placeholder.tokenize(b, mode: .document) { _, _, _, _ in n += 1 }
    return n
}
measure("Analyzer(nameKeys: false)", text) { b in
    var n = 0
    plain.tokenize(b, mode: .document) { _, _, _, _ in n += 1 }
    return n
}
measure("Analyzer() with name keys", text) { b in
    var n = 0
    names.tokenize(b, mode: .document) { _, _, _, _ in n += 1 }
    return n
}
