// swift-tools-version:6.1
// In-process micro-benchmarks of the search engine's stages (ordo-one/package-benchmark).
// A package of its own so that `swift build` and `swift test` at the root never build the benchmark toolchain.
// Run: cd Benchmarks && swift package benchmark
import PackageDescription

let package = Package(
    name: "search-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "search", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "IndexBench",
            dependencies: [
                .product(name: "Analysis", package: "search"),
                .product(name: "Storage", package: "search"),
                .product(name: "Indexer", package: "search"),
                .product(name: "Searcher", package: "search"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "IndexBench",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
