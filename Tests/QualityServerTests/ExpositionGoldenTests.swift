import Foundation
import QualityConfig
import QualityCore
import QualityServer
import TestFixtures
import Testing

/// The domain exposition of the worked example, compared whole with `Fixtures/worked.prom`.
@Suite struct ExpositionGoldenTests {
    /// The shared examples (`Tests/Fixtures`).
    static let fixtures = TestFixtures.directory
    /// This target's own golden file.
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/worked.prom")

    static func workedExposition() throws -> String {
        let worked = fixtures.appendingPathComponent("worked")
        let loaded = try ConfigLoader.load(path: worked.appendingPathComponent("config.yaml").path, environment: [:])
        let snapshot = try Snapshot.parse(
            json: [UInt8](try Data(contentsOf: worked.appendingPathComponent("snapshot.json"))))
        let result = loaded.model.assess(snapshot, configSHA256: loaded.sha256)
        let bytes = DomainExposition.render(config: loaded.config, result: result, enterpriseSeries: false)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func workedExampleMatchesTheGoldenFile() throws {
        let text = try Self.workedExposition()
        let golden = Self.golden
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: golden)
        }
        let expected = String(decoding: try Data(contentsOf: golden), as: UTF8.self)
        #expect(text == expected)
    }

    @Test func goldenValuesAreTheWorkedExample() throws {
        // The golden file is checked against expected.json's numbers, not only against itself.
        let s = samples(try Self.workedExposition())
        #expect(s[#"quality_assessment_period_info{period="2025"}"#] == 1)
        #expect(s[#"quality_district_score{district="330212"}"#] == 86.20396270396272)
        #expect(s[#"quality_district_score{district="330203"}"#] == 68.16666666666667)
        #expect(s[#"quality_district_rank{district="330212"}"#] == 1)
        #expect(s[#"quality_district_rank{district="330205"}"#] == 3)
        #expect(s[#"quality_district_grade{district="330212",grade="good"}"#] == 1)
        #expect(s[#"quality_district_vetoed{district="330203"}"#] == 1)
        #expect(s[#"quality_district_vetoed{district="330212"}"#] == 0)
        #expect(s[#"quality_district_dimension_score{district="330212",dimension="foundation"}"#] == 30)
        #expect(s[#"quality_subsidy_budget_yuan"#] == 600000)
        let granted = s.filter { $0.key.hasPrefix("quality_subsidy_granted_yuan{") }.values
        #expect(granted.reduce(0, +) == 600_000)
        let requested = s.filter { $0.key.hasPrefix("quality_subsidy_requested_yuan{") }.values
        #expect(requested.reduce(0, +) == 1_240_000)
    }

    @Test func passesPromtool() throws {
        guard let report = try promtoolCheckMetrics(try Self.workedExposition()) else {
            print("promtool is not on PATH: the promtool check of the golden exposition is skipped")
            return
        }
        #expect(report.status == 0, "\(report.output)")
        #expect(report.output.isEmpty, "\(report.output)")
    }

    static func which(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// `promtool check metrics` over `text`: its exit status and output, or nil without promtool.
func promtoolCheckMetrics(_ text: String) throws -> (status: Int32, output: String)? {
    guard let promtool = ExpositionGoldenTests.which("promtool") else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: promtool)
    process.arguments = ["check", "metrics"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    try process.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, report)
}
