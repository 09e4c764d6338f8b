import Foundation
import QualityConfig
import QualityCore

/// The worked example and the injection corpus, scored as `qualityd export --snapshot` scores them.
enum ExportFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures"
    )

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func config() throws -> LoadedConfig {
        try ConfigLoader.load(path: path("worked/config.yaml"), environment: [:])
    }

    /// The config and the result of scoring `snapshot` with it.
    static func scored(_ snapshot: String) throws -> (Config, AssessmentResult) {
        let loaded = try config()
        let parsed = try Snapshot.parse(json: try bytes(snapshot))
        return (loaded.config, loaded.model.assess(parsed, configSHA256: loaded.sha256))
    }

    static func worked() throws -> (Config, AssessmentResult) { try scored("worked/snapshot.json") }

    static func injection() throws -> (Config, AssessmentResult) { try scored("injection/snapshot.json") }
}
