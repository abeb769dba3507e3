// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "search",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "search", targets: ["search"]),
        .library(name: "Indexer", targets: ["Indexer"]),
        .library(name: "Searcher", targets: ["Searcher"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "Indexer", dependencies: ["CSQLite"]),
        .target(name: "Searcher", dependencies: ["Indexer", "CSQLite"]),
        .executableTarget(name: "search", dependencies: [
            "Indexer", "Searcher",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "IndexerTests", dependencies: ["Indexer"]),
        .testTarget(name: "SearcherTests", dependencies: ["Indexer", "Searcher", "CSQLite"]),
        .testTarget(name: "searchTests", dependencies: ["search", "Indexer", "Searcher"]),
    ]
)
