// swift-tools-version:6.1
// Analyzer throughput, kept out of the main package so `swift build` and `swift test` stay fast:
//   swift run -c release --package-path Benchmarks/names/throughput throughput [FILE]
import PackageDescription

let package = Package(
    name: "throughput",
    dependencies: [.package(name: "search", path: "../../..")],
    targets: [
        .executableTarget(name: "throughput", dependencies: [.product(name: "Indexer", package: "search")])
    ]
)
