// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The products several targets import, named once.
extension Target.Dependency {
    static var nioCore: Self { .product(name: "NIOCore", package: "swift-nio") }
    static var logging: Self { .product(name: "Logging", package: "swift-log") }
    static var asyncHTTPClient: Self { .product(name: "AsyncHTTPClient", package: "async-http-client") }
    static var hummingbird: Self { .product(name: "Hummingbird", package: "hummingbird") }
    static var nioHTTP1: Self { .product(name: "NIOHTTP1", package: "swift-nio") }
    static var httpTypes: Self { .product(name: "HTTPTypes", package: "swift-http-types") }
    static var argumentParser: Self { .product(name: "ArgumentParser", package: "swift-argument-parser") }
    static var yams: Self { .product(name: "Yams", package: "Yams") }
    static var hummingbirdTesting: Self { .product(name: "HummingbirdTesting", package: "hummingbird") }
}

let package = Package(
    name: "qualityd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "qualityd", targets: ["qualityd"]),
        // For the fuzzing package in fuzz/, which depends on this one by path.
        .library(name: "QualityCore", targets: ["QualityCore"]),
        .library(name: "QualityConfig", targets: ["QualityConfig"]),
        .library(name: "QualityRecords", targets: ["QualityRecords"]),
        .executable(name: "bureau-sim", targets: ["bureau-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms.git", from: "1.1.4"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // Imported directly (NIOCore, NIOHTTP1, HTTPTypes), so declared, at the versions Hummingbird needs.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // SHA-256 for the core (BoringSSL, already built for the HTTP stack); the version the graph resolves.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"6.0.0"),
    ],
    targets: [
        // The model, expressions, scoring and subsidies: pure computation, no I/O (Crypto for SHA-256 only).
        .target(
            name: "QualityCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QualityConfig",
            dependencies: ["QualityCore", .yams],
            swiftSettings: swiftSettings
        ),
        // A bureau's body to checked records and a source's data, and the sources' data to one
        // snapshot: pure computation, no I/O (what the fuzz harnesses build, without the HTTP stack).
        .target(
            name: "QualityRecords",
            dependencies: ["QualityCore"],
            swiftSettings: swiftSettings
        ),
        // Fetching and pulling: HTTP and libcurl transports, retries, the ingest state. The store
        // only for the stored form of a pull (`PullRecord`). No server code.
        .target(
            name: "QualityIngest",
            dependencies: [
                "QualityCore", "QualityRecords", "QualityStore", "CCurl",
                .asyncHTTPClient, .logging, .nioCore, .nioHTTP1,
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QualityStore",
            dependencies: ["QualityCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // The PostgreSQL store and the one function that opens the configured store. Apart from
        // QualityStore so that what does not open a store (the core, the fuzz harnesses) never builds PostgresNIO.
        .target(
            name: "QualityPostgres",
            dependencies: [
                "QualityCore", "QualityStore", .logging, .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // libcurl for the sftp, ftp, ftps and file transports (and http(s) with `transport: curl`).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "QualityExport",
            dependencies: ["QualityCore", "CXlsxWriter"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QualityServer",
            dependencies: [
                "QualityCore", "QualityConfig", "QualityRecords", "QualityIngest", "QualityStore", "QualityPostgres",
                "QualityExport", "CZlib", .hummingbird,
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .asyncHTTPClient,
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .logging, .nioCore, .httpTypes,
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BureauSim",
            dependencies: [
                "QualityCore",
                .hummingbird, .logging, .nioCore, .httpTypes,
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "qualityd",
            dependencies: [
                "QualityCore", "QualityConfig", "QualityRecords", "QualityIngest", "QualityStore", "QualityPostgres",
                "QualityExport", "QualityServer", .argumentParser, .logging,
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "bureau-sim",
            dependencies: [
                "BureauSim",
                .argumentParser,
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmarks of the hot paths (bench/run); not a product, never run by tests.
        .executableTarget(
            name: "qualityd-bench",
            dependencies: [
                "QualityCore", "QualityConfig", "QualityExport", "QualityServer",
                .argumentParser, .nioCore,
            ],
            swiftSettings: swiftSettings
        ),
        // The worked and ingestion examples, once, for every test target (read in place via #filePath).
        .target(
            name: "TestFixtures",
            path: "Tests/Fixtures",
            exclude: ["worked", "ingest"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QualityCoreTests",
            dependencies: ["QualityCore", "QualityConfig", "TestFixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QualityConfigTests",
            dependencies: ["QualityConfig", "QualityCore", "TestFixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QualityIngestTests",
            dependencies: [
                "QualityIngest", "QualityRecords", "QualityConfig", "QualityCore", "BureauSim", "TestFixtures",
                .hummingbird, .asyncHTTPClient, .logging, .nioCore,
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QualityStoreTests",
            dependencies: ["QualityStore", "QualityPostgres", "QualityCore", "TestFixtures", .logging],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QualityExportTests",
            dependencies: ["QualityExport", "QualityCore", "QualityConfig", "TestFixtures"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QualityServerTests",
            dependencies: [
                "QualityServer", "QualityCore", "QualityConfig", "QualityRecords", "QualityIngest", "QualityStore",
                "QualityExport", "BureauSim", "TestFixtures",
                .hummingbird, .hummingbirdTesting, .asyncHTTPClient, .logging, .nioCore, .nioHTTP1, .httpTypes,
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BureauSimTests",
            dependencies: [
                "BureauSim", "QualityCore", "QualityRecords", "QualityIngest",
                .asyncHTTPClient, .yams, .nioCore, .nioHTTP1,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QualitydTests",
            dependencies: ["qualityd", "QualityCore", "QualityStore", "QualityPostgres", "TestFixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
