import Foundation
import QualityCore
import Testing

@Suite struct ExportCommandTests {
    let worked = CommandRunner.fixtures.appendingPathComponent("worked")

    private func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qualityd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    private func export(_ format: String, out: String, extra: [String] = []) throws -> CommandRunner.Output {
        try CommandRunner.run(
            "qualityd",
            [
                "export", "--config", worked.appendingPathComponent("config.yaml").path, "--snapshot",
                worked.appendingPathComponent("snapshot.json").path, "--format", format, "--out", out,
            ] + extra
        )
    }

    @Test func writesEachFormatAndSummarizesOnStderr() throws {
        let dir = try temporaryDirectory()
        for format in ["csv", "xlsx", "json"] {
            let out = dir.appendingPathComponent("list.\(format)")
            let output = try export(format, out: out.path)
            #expect(output.status == 0, "stderr: \(output.stderr)")
            let bytes = [UInt8](try Data(contentsOf: out))
            #expect(
                output.stderr
                    == "\(out.path): \(format) zh, period 2025, 11 rows, requested 1,240,000.00 yuan, "
                    + "granted 600,000.00 yuan, sha256 \(SHA256.hex(bytes))\n")
            #expect(output.stdout.isEmpty)
        }
        let csv = String(decoding: try Data(contentsOf: dir.appendingPathComponent("list.csv")), as: UTF8.self)
        #expect(csv.hasPrefix("\u{FEFF}序号,统一社会信用代码,"))
        #expect(csv.hasSuffix("\r\n合计,,,,,,1240000.00,600000.00,\r\n"))
        let json = try JSONParser.parse([UInt8](try Data(contentsOf: dir.appendingPathComponent("list.json"))))
        #expect(json.value(atPath: "totals.granted_fen") == .number(60_000_000))
    }

    @Test func englishToStdout() throws {
        let output = try export("csv", out: "-", extra: ["--lang", "en"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.text.hasPrefix("\u{FEFF}No.,USCC,Enterprise,District,Program,"))
        #expect(output.stderr.hasPrefix("stdout: csv en, period 2025, 11 rows,"))
    }

    @Test func periodNeedsTheStore() throws {
        // The worked config keeps the default storage.sqlite, ./data/qualityd.sqlite: none in an empty directory.
        let output = try CommandRunner.run(
            "qualityd",
            [
                "export", "--config", worked.appendingPathComponent("config.yaml").path, "--period", "2025",
                "--format", "csv", "--out", "-",
            ],
            directory: try temporaryDirectory()
        )
        #expect(output.status == 3)
        #expect(
            output.stderr
                == "./data/qualityd.sqlite: no store yet (storage.sqlite of \(worked.path)/config.yaml); "
                + "run qualityd serve or qualityd pull first\n")
    }

    @Test func usageErrorsExitWithTwo() throws {
        let config = worked.appendingPathComponent("config.yaml").path
        let snapshot = worked.appendingPathComponent("snapshot.json").path
        let cases: [[String]] = [
            ["export", "--config", config, "--format", "csv", "--out", "-"],
            [
                "export", "--config", config, "--snapshot", snapshot, "--period", "2025", "--format", "csv", "--out",
                "-",
            ],
            ["export", "--config", config, "--period", "2025Q5", "--format", "csv", "--out", "-"],
            ["export", "--config", config, "--snapshot", snapshot, "--format", "pdf", "--out", "-"],
            ["export", "--config", config, "--snapshot", snapshot, "--format", "csv", "--lang", "fr", "--out", "-"],
        ]
        for args in cases {
            let output = try CommandRunner.run("qualityd", args)
            #expect(output.status == 2, "\(args): \(output.stderr)")
        }
    }

    @Test func unwritableOutputIsARuntimeFailure() throws {
        let out = try temporaryDirectory().appendingPathComponent("missing/list.xlsx").path
        let output = try export("xlsx", out: out)
        #expect(output.status == 3)
        #expect(output.stderr.hasPrefix("\(out): cannot write"))
    }

    @Test func badSnapshotIsInvalidInput() throws {
        let output = try CommandRunner.run(
            "qualityd",
            [
                "export", "--config", worked.appendingPathComponent("config.yaml").path, "--snapshot",
                "/nonexistent.json",
                "--format", "csv", "--out", "-",
            ]
        )
        #expect(output.status == 1)
        #expect(output.stderr == "/nonexistent.json: cannot read the snapshot\n")
    }
}
