import Foundation

/// The two examples every test target shares, kept once in the repository:
/// `worked/` (three districts, eight enterprises: `config.yaml`, `snapshot.json` and the result it
/// scores to, `expected.json`) and `ingest/` (the same model fed by five sources: `config.yaml`,
/// each source's answers under `bodies/`, `expected-snapshot.json`, `expected-result.json`).
///
/// They are read where they lie, found from this file's path, not copied into bundles.
public enum TestFixtures {
    /// `Tests/Fixtures`.
    public static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// A file below `Tests/Fixtures`, e.g. `worked/config.yaml`.
    public static func url(_ path: String) -> URL { directory.appendingPathComponent(path) }

    public static func path(_ path: String) -> String { url(path).path }

    public static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: url(path))) }

    public static func text(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }
}
