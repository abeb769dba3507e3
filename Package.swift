// swift-tools-version:6.1
import PackageDescription

// Where libxml2's headers are. Every target that imports the Indexer, directly or not, can be asked to rebuild the
// CLibXML2 module (after its shim changes, in a release build), so they all need the path, not the Indexer alone.
let libxml2Headers: SwiftSetting = .unsafeFlags(["-Xcc", "-I/usr/include/libxml2"])

// A concrete generic type's metadata (`Set<String>`'s storage, an option group's `OptionGroup<DatabaseOption>`) is by
// default made from its mangled name, and checking its requirements looks the conformance up: on the first look-up
// of each one the runtime scans every conformance record of the statically linked binary (about 115,000
// instructions each). With this flag the metadata accessors take the conformance as an argument instead
// (BENCHMARKS.md, "Issue 12, fifth round (CLI)" and "Issue 16, round three"). Release only, as the static linking.
let directMetadata: SwiftSetting = .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"],
                                                .when(configuration: .release))

let package = Package(
    name: "search",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "search", targets: ["search"]),
        .executable(name: "search-serve", targets: ["search-serve"]),
        .library(name: "Analysis", targets: ["Analysis"]),
        .library(name: "Storage", targets: ["Storage"]),
        .library(name: "Indexer", targets: ["Indexer"]),
        .library(name: "Searcher", targets: ["Searcher"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `search serve`'s HTTP server: pure Swift over BSD sockets (no SwiftNIO), so it builds in a fraction of
        // Hummingbird's or Vapor's time. Only search-serve links it; see that target.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // No pkgConfig: its `-L/usr/lib/x86_64-linux-gnu` would come first on the link line and make the release
        // `search` find the shared libsqlite3 before Sources/search/Linking's script for the static one. The header
        // and both libraries are in the compiler's default paths.
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // libxml2's headers only: the library is opened with dlopen when an HTML page is read (see LibXML in
        // HTMLParser.swift). Linking it, through pkg-config, made every process load it and ICU at start (~1 ms).
        .systemLibrary(name: "CLibXML2", providers: [.apt(["libxml2-dev"])]),
        // One target per stage, in dependency order; only Storage imports CSQLite, so SQL outside it does not compile.
        .target(name: "Analysis", swiftSettings: [directMetadata]),
        .target(name: "Storage", dependencies: ["Analysis", "CSQLite"], swiftSettings: [directMetadata]),
        .target(name: "Indexer", dependencies: ["Analysis", "Storage", "CLibXML2"], swiftSettings: [libxml2Headers, directMetadata]),
        .target(name: "Searcher", dependencies: ["Analysis", "Storage"], swiftSettings: [directMetadata]),
        // Writes the Swift files that embed Data/ (`swift run generate-tables`): the English word table, hashed by
        // Analysis's own hash, and the shipped lexicon analysed by the query analyzer. Nothing links it.
        .executableTarget(name: "generate-tables", dependencies: ["Analysis", "Searcher"], path: "Sources/GenerateTables"),
        // What both programs print as JSON, so that `search serve`'s API answers with the CLI's bytes.
        .target(name: "Rendering", dependencies: ["Searcher"], swiftSettings: [directMetadata]),
        .executableTarget(name: "search", dependencies: [
            "Analysis", "Storage", "Indexer", "Searcher", "Rendering",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], exclude: ["Linking"], swiftSettings: [
            libxml2Headers, directMetadata,
        ], linkerSettings: [
            // The Swift runtime linked in rather than loaded: loading and relocating libswiftCore,
            // FoundationEssentials and the rest took about 5 M instructions of every run (a quarter of `--help`).
            // Release only: test binaries link the module too and must share the toolchain's runtime. The toolchain's
            // lld links it: gold prints a warning for glibc's mktemp inside FoundationEssentials' static archive.
            // Sources/search/Linking holds a linker script named libstdc++.so that sends the runtime's -lstdc++ to
            // GCC's static archive: the shared libstdc++ cost 1.7 M instructions of loading per run. -no-pie: a
            // position-independent executable has 40,000 relative relocations to apply at every start, and each page
            // they write is a copy-on-write fault, which this VM makes dear: 3.5 ms of CPU per query (12.0 → 8.4 ms
            // for `Mohandes`, 633 → 513 page faults). The price is that the executable's own addresses are not
            // randomised (shared libraries, heap and stack still are).
            // The folder's libsqlite3.so script links SQLite statically the same way (fewer loader faults per run;
            // BENCHMARKS.md, issue 16); debug builds and test binaries keep the shared library.
            .unsafeFlags(["-static-stdlib", "-l_FoundationCShims", "-l_FoundationCollections", "-lswiftSynchronization", "-use-ld=lld",
                          "-L\(Context.packageDirectory)/Sources/search/Linking", "-Xclang-linker", "-no-pie"], .when(configuration: .release)),
        ]),
        // `search serve` runs this program from beside its own binary. A target of its own because FlyingFox brings
        // full Foundation (and ICU): linked into `search`, every query would load it. Its JSON is the CLI's, written by
        // the Rendering target.
        .executableTarget(name: "search-serve", dependencies: [
            "Analysis", "Storage", "Searcher", "Rendering",
            .product(name: "FlyingFox", package: "FlyingFox"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "IndexerTests", dependencies: ["Analysis", "Storage", "Indexer", "TestSupport"], swiftSettings: [libxml2Headers]),
        .testTarget(name: "SearcherTests", dependencies: ["Analysis", "Storage", "Indexer", "Searcher", "Rendering", "CSQLite", "TestSupport"], swiftSettings: [libxml2Headers]),
        .testTarget(name: "searchTests", dependencies: ["search", "Analysis", "Storage", "Indexer", "Searcher", "Rendering", "TestSupport"], swiftSettings: [libxml2Headers]),
        .testTarget(name: "GenerateTablesTests", dependencies: ["generate-tables", "Analysis", "Searcher", "TestSupport"]),
        // Runs the real search-serve binary and a real browser; depends on no server code.
        .testTarget(name: "ServeTests", dependencies: ["TestSupport"]),
    ]
)
