import Foundation
import Testing

@Suite struct CheckCommandTests {
    private func write(_ yaml: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qualityd-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("config.yaml")
        try Data(yaml.utf8).write(to: file)
        return file
    }

    @Test func workedConfigPasses() throws {
        let config = CommandRunner.fixtures.appendingPathComponent("worked/config.yaml")
        let output = try CommandRunner.run("qualityd", ["check", "--config", config.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.text.contains("ok — 3 districts, 5 indicators, 3 dimensions, 4 programs, 0 sources"))
    }

    @Test func everyErrorIsPrintedWithItsLocationAndExitCodeIsOne() throws {
        let original = try String(
            contentsOf: CommandRunner.fixtures.appendingPathComponent("worked/config.yaml"), encoding: .utf8
        )
        let broken = original.replacingOccurrences(of: "max_total: 105", with: "max_totl: 105")
            .replacingOccurrences(of: "weight: 30, method: target", with: "weight: 31, method: target")
        let file = try write(broken)
        let output = try CommandRunner.run("qualityd", ["check", "--config", file.path])
        #expect(output.status == 1)
        let lines = output.stderr.split(separator: "\n").map(String.init)
        #expect(
            lines.contains("\(file.path):36:3: scoring.max_totl: unknown key 'max_totl'; did you mean 'max_total'?"))
        #expect(lines.contains("\(file.path):35:10: scoring.total: indicator weights add up to 101, but total is 100"))
        #expect(lines.count == 2)
    }

    @Test func missingFileIsInvalidInput() throws {
        let output = try CommandRunner.run("qualityd", ["check", "--config", "/nonexistent/config.yaml"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("/nonexistent/config.yaml"))
    }
}
