import Foundation
import QualityCore
import Testing

/// `qualityd pull` end to end: bureau-sim over loopback, a temporary store, then `score`.
@Suite struct PullCommandTests {
    private func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qualityd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The config bureau-sim prints for itself, with the store in `dir`.
    private func config(for sim: BureauSimProcess, in dir: URL, retries: Int? = nil) throws -> String {
        let printed = try CommandRunner.run("bureau-sim", ["print-config", "--listen", sim.listen])
        #expect(printed.status == 0, "\(printed.stderr)")
        var yaml = printed.text.replacingOccurrences(
            of: #"sqlite: \S+"#, with: "sqlite: \(dir.appendingPathComponent("q.sqlite").path)",
            options: .regularExpression)
        if let retries {
            yaml = yaml.replacingOccurrences(
                of: #"retries: \d+"#, with: "retries: \(retries)", options: .regularExpression)
        }
        let path = dir.appendingPathComponent("config.yaml")
        try Data(yaml.utf8).write(to: path)
        return path.path
    }

    @Test func pullsEverySourceAndTheSnapshotScoresAllTenDistricts() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sim = try BureauSimProcess()
        defer { sim.stop() }
        let config = try config(for: sim, in: dir)
        let snapshot = dir.appendingPathComponent("snapshot.json").path
        let pull = try CommandRunner.run(
            "qualityd", ["pull", "--config", config, "--period", "2025", "--out", snapshot])
        #expect(pull.status == 0, "\(pull.stderr)")
        let lines = pull.text.split(separator: "\n")
        #expect(lines.first?.hasPrefix("source") == true)
        #expect(lines.filter { $0.contains(" success ") }.count == 13)
        #expect(pull.text.contains("13 of 13 sources pulled"))
        #expect(pull.stderr.contains("period 2025: 10 districts, 3000 enterprises"))

        let score = try CommandRunner.run(
            "qualityd", ["score", "--config", config, "--snapshot", snapshot, "--format", "json"])
        #expect(score.status == 0, "\(score.stderr)")
        let result = try JSONParser.parse(score.stdout)
        let districts = result.value(atPath: "districts")?.arrayValue ?? []
        #expect(districts.count == 10)
        for district in districts {
            #expect(district.value(atPath: "incomplete") == .bool(false))
            #expect(district.value(atPath: "total")?.numberValue != nil)
        }
        let codes = Set(districts.compactMap { $0.value(atPath: "code")?.stringValue })
        #expect(codes.contains("330212"))

        // The stored pull, backed up, and the stored period exported without a snapshot file.
        let backup = dir.appendingPathComponent("backup.sqlite").path
        let saved = try CommandRunner.run("qualityd", ["backup", "--config", config, "--out", backup])
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(FileManager.default.fileExists(atPath: backup))
        let export = try CommandRunner.run(
            "qualityd", ["export", "--config", config, "--period", "2025", "--format", "csv", "--out", "-"])
        #expect(export.status == 3)
        #expect(export.stderr.contains("--period 2025: no scored result in"))
    }

    @Test func faultsAreReportedAndTheRestIsWritten() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sim = try BureauSimProcess(arguments: ["--faults", "500:0.2,malformed:0.1,bad_uscc:0.05"])
        defer { sim.stop() }
        let config = try config(for: sim, in: dir, retries: 1)
        let snapshot = dir.appendingPathComponent("snapshot.json").path
        let pull = try CommandRunner.run(
            "qualityd", ["pull", "--config", config, "--period", "2025", "--out", snapshot])
        // Faults are drawn per request from the seed: the same sources fail on every run.
        #expect(pull.status == 3, "\(pull.stderr)")
        #expect(pull.stderr.contains("3 of 13 sources failed: ciq_sampling, ciq_demo_enterprises, cz_payouts\n"))
        let rows = pull.text.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        let registry = rows.first { $0.first == "jxj_registry" }
        #expect(
            registry.map { Array($0.prefix(5)) } == ["jxj_registry", "success", "2854", "146", "(invalid_uscc=146)"])
        #expect(
            rows.filter { $0.count > 1 && $0[1] == "http_error" }.map { String($0[0]) } == [
                "ciq_sampling", "ciq_demo_enterprises", "cz_payouts",
            ])
        #expect(pull.text.contains("10 of 13 sources pulled\nerrors:\n  ciq_sampling: page 4 http://"))
        #expect(FileManager.default.fileExists(atPath: snapshot))
        let score = try CommandRunner.run(
            "qualityd", ["score", "--config", config, "--snapshot", snapshot, "--format", "table"])
        #expect(score.status == 0, "\(score.stderr)")
    }
}
