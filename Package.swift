// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "qualityd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "qualityd", targets: ["qualityd"]),
        // For the fuzzing package in fuzz/, which depends on this one by path.
        .library(name: "QualityCore", targets: ["QualityCore"]),
        .library(name: "QualityConfig", targets: ["QualityConfig"]),
        .library(name: "QualityIngest", targets: ["QualityIngest"]),
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
    ],
    targets: [
        // The model, expressions, scoring and subsidies: pure computation, no I/O.
        .target(name: "QualityCore", swiftSettings: swiftSettings),
        .target(
            name: "QualityConfig",
            dependencies: ["QualityCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QualityIngest",
            dependencies: [
                "QualityCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QualityStore",
            dependencies: ["QualityCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "QualityExport",
            dependencies: ["QualityCore", "CXlsxWriter"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QualityServer",
            dependencies: [
                "QualityCore", "QualityConfig", "QualityIngest", "QualityStore", "QualityExport", "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BureauSim",
            dependencies: [
                "QualityCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "qualityd",
            dependencies: [
                "QualityCore", "QualityConfig", "QualityIngest", "QualityStore", "QualityExport", "QualityServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "bureau-sim",
            dependencies: [
                "BureauSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmarks of the hot paths (bench/run); not a product, never run by tests.
        .executableTarget(
            name: "qualityd-bench",
            dependencies: [
                "QualityCore", "QualityConfig", "QualityExport", "QualityServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QualityCoreTests",
            dependencies: ["QualityCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QualityConfigTests",
            dependencies: ["QualityConfig", "QualityCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QualityIngestTests",
            dependencies: [
                "QualityIngest", "QualityConfig", "QualityCore", "BureauSim",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QualityStoreTests",
            dependencies: ["QualityStore", "QualityCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QualityExportTests",
            dependencies: ["QualityExport", "QualityCore", "QualityConfig"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QualityServerTests",
            dependencies: [
                "QualityServer", "QualityCore", "QualityConfig", "QualityIngest", "QualityStore", "QualityExport",
                "BureauSim", .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BureauSimTests",
            dependencies: [
                "BureauSim", "QualityCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QualitydTests",
            dependencies: ["qualityd", "QualityCore", "QualityStore"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
