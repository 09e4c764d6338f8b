// swift-tools-version:5.4
// libFuzzer harnesses for qualityd's parsers (see fuzz/README.md). A package of its own, so that
// the normal build neither compiles them nor links libFuzzer; built and run only by scripts/fuzz.
import Foundation
import PackageDescription

// A path dependency is named after its directory, which is whatever the checkout is called
// (and this package sits in fuzz/harnesses, not fuzz/, so that a checkout named "fuzz" works).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let qualityd = root.lastPathComponent

// libFuzzer supplies `main`; the harnesses only define `LLVMFuzzerTestOneInput`. (From tools
// version 5.5 on, SwiftPM links an executable's `main` to `<module>_main`, which these lack:
// hence 5.4 above.)
let harnessSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

func harness(_ name: String, _ modules: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: modules.map { .product(name: $0, package: qualityd) },
        swiftSettings: harnessSettings
    )
}

let package = Package(
    name: "qualityd-fuzz",
    dependencies: [.package(path: root.path)],
    targets: [
        harness("FuzzExpression", ["QualityCore"]),
        harness("FuzzJSON", ["QualityCore"]),
        harness("FuzzCSV", ["QualityRecords"]),
        harness("FuzzConfig", ["QualityConfig", "QualityCore"]),
        harness("FuzzValidator", ["QualityRecords", "QualityConfig", "QualityCore"]),
    ]
)
