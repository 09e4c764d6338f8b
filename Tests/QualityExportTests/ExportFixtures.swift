import Foundation
import QualityConfig
import QualityCore
import TestFixtures

/// The worked example (shared, `Tests/Fixtures/worked`) and the injection corpus (`Fixtures/injection`,
/// this target's own), scored as `qualityd export --snapshot` scores them.
enum ExportFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures"
    )

    /// `worked/…` from the shared fixtures, anything else from this target's.
    static func url(_ name: String) -> URL {
        name.hasPrefix("worked/") ? TestFixtures.url(name) : directory.appendingPathComponent(name)
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(name)))
    }

    static func config() throws -> LoadedConfig {
        try ConfigLoader.load(path: url("worked/config.yaml").path, environment: [:])
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
