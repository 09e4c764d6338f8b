import Foundation
import QualityConfig
import QualityCore
import TestFixtures
import Testing

/// The shared examples (`Tests/Fixtures`): `worked/config.yaml`, `ingest/config.yaml`.
enum Fixtures {
    static func url(_ name: String) throws -> URL { TestFixtures.url(name) }

    static func bytes(_ name: String) throws -> [UInt8] { try TestFixtures.bytes(name) }
}

/// One expected issue: where, which key, what.
struct Expected: Equatable, CustomStringConvertible {
    var line: Int
    var column: Int
    var key: String
    var message: String

    init(_ line: Int, _ column: Int, _ key: String, _ message: String) {
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    init(_ issue: ConfigIssue) {
        self.init(issue.location?.line ?? 0, issue.location?.column ?? 0, issue.key, issue.message)
    }

    var description: String { "\(line):\(column) \(key): \(message)" }
}

/// Loads YAML text; returns the errors, or nil when it loaded.
func errors(_ yaml: String, environment: [String: String] = [:]) -> [Expected]? {
    do {
        _ = try ConfigLoader.load(bytes: Array(yaml.utf8), file: "test.yaml", environment: environment)
        return nil
    } catch {
        return error.issues.map(Expected.init)
    }
}

func load(_ yaml: String, environment: [String: String] = [:]) throws -> LoadedConfig {
    try ConfigLoader.load(bytes: Array(yaml.utf8), file: "test.yaml", environment: environment)
}

/// A small valid config; invalid cases replace one of its lines or append sections after line 23.
enum Base {
    static let lines = [
        "version: 1",  // 1
        "period: year",  // 2
        "districts:",  // 3
        "  - { code: \"330203\", name: { zh: 海曙区, en: Haishu } }",  // 4
        "  - { code: \"330212\", name: 鄞州区 }",  // 5
        "indicators:",  // 6
        "  - id: pass_rate",  // 7
        "    name: { zh: 合格率, en: Pass rate }",  // 8
        "    unit: percent",  // 9
        "    value: \"sum(passed) / sum(sampled) * 100\"",  // 10
        "  - id: returns",  // 11
        "    direction: lower",  // 12
        "    value: \"count(returns > 0)\"",  // 13
        "scoring:",  // 14
        "  total: 100",  // 15
        "  dimensions:",  // 16
        "    - id: safety",  // 17
        "      indicators:",  // 18
        "        - { indicator: pass_rate, weight: 60, method: target, floor: 85, target: 98 }",  // 19
        "        - { indicator: returns, weight: 40, method: minmax }",  // 20
        "  grades:",  // 21
        "    - { id: good, min: 80 }",  // 22
        "    - { id: fail, min: 0 }",  // 23
    ]

    static var text: String { lines.joined(separator: "\n") + "\n" }

    /// The base with line `number` (1-based) replaced by `text` (which may span several lines).
    static func replacing(_ number: Int, with text: String) -> String {
        var copy = lines
        copy[number - 1] = text
        return copy.joined(separator: "\n") + "\n"
    }

    /// The base followed by `text`, which starts at line 24.
    static func appending(_ text: String) -> String { self.text + text }
}

/// An invalid config and every error it must give, in order: a row of the table-driven suites.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    /// What the row checks, as a test name.
    var name: String
    var yaml: String
    var expected: [Expected]

    init(_ name: String, _ yaml: String, _ expected: Expected...) {
        self.name = name
        self.yaml = yaml
        self.expected = expected
    }

    var testDescription: String { name }
}
