import Foundation
import QualityCore
import Testing

@Suite struct ScoreCommandTests {
    let worked = CommandRunner.fixtures.appendingPathComponent("worked")

    @Test func workedExampleMatchesExpectedResult() throws {
        let output = try CommandRunner.run(
            "qualityd",
            [
                "score", "--config", worked.appendingPathComponent("config.yaml").path, "--snapshot",
                worked.appendingPathComponent("snapshot.json").path,
            ]
        )
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let actual = try JSONParser.parse(output.stdout)
        let expected = try JSONParser.parse(
            [UInt8](try Data(contentsOf: worked.appendingPathComponent("expected.json")))
        )
        #expect(JSONComparison.differences(actual, expected) == [])
        // The spec's result fields beyond the example: hashes over the config bytes and the canonical snapshot.
        let configBytes = try Data(contentsOf: worked.appendingPathComponent("config.yaml"))
        #expect(actual.value(atPath: "config_sha256") == .string(SHA256.hex([UInt8](configBytes))))
        #expect(actual.value(atPath: "snapshot_sha256")?.stringValue?.count == 64)
    }

    @Test func scoringTwiceGivesTheSameBytes() throws {
        let args = [
            "score", "--config", worked.appendingPathComponent("config.yaml").path, "--snapshot",
            worked.appendingPathComponent("snapshot.json").path,
        ]
        let first = try CommandRunner.run("qualityd", args)
        let second = try CommandRunner.run("qualityd", args)
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
    }

    @Test func tableAlignsChineseNames() throws {
        let output = try CommandRunner.run(
            "qualityd",
            [
                "score", "--config", worked.appendingPathComponent("config.yaml").path, "--snapshot",
                worked.appendingPathComponent("snapshot.json").path, "--format", "table",
            ]
        )
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let lines = output.text.split(separator: "\n").map(String.init)
        let rows = lines.filter { $0.contains("区 ") }
        #expect(rows.count == 3)
        #expect(rows.map { $0.trimmingCharacters(in: .whitespaces).prefix(3) } == ["1  ", "2  ", "3  "])
        // Grades start at the header's 等级 column in every row, though district names are CJK (two columns each).
        let header = try #require(lines.first { $0.hasPrefix("排名") })
        let gradeColumn = displayColumn(of: "等级", in: header)
        #expect(gradeColumn == 40)
        for (row, grade) in zip(rows, ["良好", "不合格", "不合格"]) {
            #expect(displayColumn(of: grade, in: row) == gradeColumn, "\(row)")
        }
        #expect(rows[0].contains("鄞州区 Yinzhou") && rows[0].contains("86.20"))
        #expect(rows[1].contains("海曙区 Haishu") && rows[1].contains("68.17"))
        #expect(rows[2].contains("江北区 Jiangbei") && rows[2].contains("36.25"))
        #expect(output.text.contains("✗ major_incident"))
        #expect(output.text.contains("合计 Total"))
        #expect(output.text.contains("600,000.00"))
    }

    @Test func malformedSnapshotIsInvalidInput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qualityd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let bad = dir.appendingPathComponent("bad.json")
        try Data("{\"period\": \"2025\", \"enterprises\": [1]}".utf8).write(to: bad)
        let output = try CommandRunner.run(
            "qualityd",
            ["score", "--config", worked.appendingPathComponent("config.yaml").path, "--snapshot", bad.path]
        )
        #expect(output.status == 1)
        #expect(output.stderr.contains("bad.json: enterprises: expected an object keyed by code, found array"))
    }

    @Test func usageErrorExitsWithTwo() throws {
        let output = try CommandRunner.run("qualityd", ["score", "--format", "pdf"])
        #expect(output.status == 2)
    }

    private func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
    }

    private func displayColumn(of marker: String, in line: String) -> Int {
        guard let range = line.range(of: marker) else { return -1 }
        return displayWidth(String(line[..<range.lowerBound]))
    }
}
