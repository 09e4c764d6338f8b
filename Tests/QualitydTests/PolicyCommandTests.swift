import Foundation
import QualityCore
import Testing

/// `score` under dated policy versions and `whatif`, run as a user would on the worked example.
@Suite struct PolicyCommandTests {
    let worked = CommandRunner.fixtures.appendingPathComponent("worked")

    /// From 2027 on, weight moves to standards (15 → 65) from sampling, returns and labs.
    static let version2027 = """

        # The 2027 policy.
        policy_versions:
          - id: "2027"
            from: 2027
            scoring:
              total: 100
              max_total: 105
              dimensions:
                - id: safety
                  indicators:
                    - { indicator: sampling_pass_rate, weight: 5, method: target, floor: 85, target: 98 }
                    - { indicator: return_rate, weight: 5, method: target, floor: 60, target: 0 }
                - id: foundation
                  indicators:
                    - { indicator: cnas_labs, weight: 5, method: minmax }
                    - indicator: standards_led
                      weight: 65
                      method: bands
                      bands: [ { min: 3, score: 1.0 }, { min: 2, score: 0.8 }, { min: 1, score: 0.5 } ]
                - id: improvement
                  indicators:
                    - { indicator: rectification_rate, weight: 20, method: target, floor: 60, target: 100, missing: exclude }
              veto:
                - { id: major_incident, when: "major_incidents > 0" }
              grades:
                - { id: excellent, min: 90 }
                - { id: good, min: 80 }
                - { id: pass, min: 60 }
                - { id: fail, min: 0 }

        """

    /// A temp directory with the worked config, the config with the 2027 version, and the worked
    /// snapshot as periods 2025, 2026 and 2027.
    func files() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = try Data(contentsOf: worked.appendingPathComponent("config.yaml"))
        try config.write(to: dir.appendingPathComponent("base.yaml"))
        try (config + Data(Self.version2027.utf8)).write(to: dir.appendingPathComponent("versioned.yaml"))
        let snapshot = try String(contentsOf: worked.appendingPathComponent("snapshot.json"), encoding: .utf8)
        #expect(snapshot.contains("\"period\": \"2025\""))
        for year in ["2025", "2026", "2027"] {
            try snapshot.replacingOccurrences(of: "\"period\": \"2025\"", with: "\"period\": \"\(year)\"")
                .write(to: dir.appendingPathComponent("\(year).json"), atomically: true, encoding: .utf8)
        }
        return dir
    }

    func score(_ dir: URL, _ config: String, _ year: String) throws -> CommandRunner.Output {
        let output = try CommandRunner.run(
            "qualityd",
            [
                "score", "--config", dir.appendingPathComponent(config).path, "--snapshot",
                dir.appendingPathComponent("\(year).json").path, "--format", "json",
            ])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        return output
    }

    @Test func aLaterVersionLeavesEarlierResultsByteForByte() throws {
        let dir = try files()
        defer { try? FileManager.default.removeItem(at: dir) }
        for year in ["2025", "2026"] {
            let before = try score(dir, "base.yaml", year)
            let after = try score(dir, "versioned.yaml", year)
            #expect(SHA256.hex(before.stdout) == SHA256.hex(after.stdout), "\(year)")
            #expect(before.stdout == after.stdout)
        }
        let base2027 = try JSONParser.parse(try score(dir, "base.yaml", "2027").stdout)
        let new2027 = try JSONParser.parse(try score(dir, "versioned.yaml", "2027").stdout)
        #expect(base2027.value(atPath: "policy.id") == .string("base"))
        #expect(new2027.value(atPath: "policy.id") == .string("2027"))
        #expect(new2027.value(atPath: "config_sha256") == base2027.value(atPath: "config_sha256"))
        #expect(new2027.value(atPath: "policy.sha256") != base2027.value(atPath: "policy.sha256"))
    }

    @Test func aPeriodBeforeTheFirstVersionFailsNamingIt() throws {
        let dir = try files()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try String(contentsOf: dir.appendingPathComponent("versioned.yaml"), encoding: .utf8)
        try ("policy: { id: \"2026\", from: 2026 }\n" + config).write(
            to: dir.appendingPathComponent("from2026.yaml"), atomically: true, encoding: .utf8)
        let output = try CommandRunner.run(
            "qualityd",
            [
                "score", "--config", dir.appendingPathComponent("from2026.yaml").path, "--snapshot",
                dir.appendingPathComponent("2025.json").path,
            ])
        #expect(output.status == 1)
        #expect(output.stderr.contains("period 2025 is before the first policy version ('2026', in force from 2026)"))
    }

    @Test func whatIfListsTheRankChangesThatScoreConfirms() throws {
        let dir = try files()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = try CommandRunner.run(
            "qualityd",
            [
                "whatif", "--config", dir.appendingPathComponent("base.yaml").path, "--proposal",
                dir.appendingPathComponent("versioned.yaml").path, "--snapshot",
                dir.appendingPathComponent("2027.json").path,
                "--format", "json",
            ])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let whatIf = try JSONParser.parse(output.stdout)
        let a = try JSONParser.parse(try score(dir, "base.yaml", "2027").stdout)
        let b = try JSONParser.parse(try score(dir, "versioned.yaml", "2027").stdout)
        let districts = try #require(whatIf.value(atPath: "districts")?.arrayValue)
        let scoredA = try #require(a.value(atPath: "districts")?.arrayValue)
        let scoredB = try #require(b.value(atPath: "districts")?.arrayValue)
        #expect(districts.count == 3 && scoredA.count == 3 && scoredB.count == 3)
        var changed = 0
        for (d, (x, y)) in zip(districts, zip(scoredA, scoredB)) {
            #expect(d.value(atPath: "code") == x.value(atPath: "code"))
            #expect(d.value(atPath: "rank_a") == x.value(atPath: "rank"))
            #expect(d.value(atPath: "rank_b") == y.value(atPath: "rank"))
            #expect(d.value(atPath: "total_a") == x.value(atPath: "total"))
            #expect(d.value(atPath: "total_b") == y.value(atPath: "total"))
            if d.value(atPath: "rank_a") != d.value(atPath: "rank_b") { changed += 1 }
        }
        #expect(changed > 0, "the 2027 weights are meant to move a district")
        #expect(whatIf.value(atPath: "summary.districts_rank_changed") == .number(Double(changed)))
        #expect(whatIf.value(atPath: "policy_b.id") == .string("2027"))
        #expect(output.stderr.contains("districts change rank"))
    }

    @Test func whatIfRefusesABadProposalWithLineAndColumn() throws {
        let dir = try files()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        let config = try String(contentsOf: dir.appendingPathComponent("versioned.yaml"), encoding: .utf8)
        try config.replacingOccurrences(of: "weight: 65", with: "weight: 66").write(
            to: bad, atomically: true, encoding: .utf8)
        let output = try CommandRunner.run(
            "qualityd",
            [
                "whatif", "--config", dir.appendingPathComponent("base.yaml").path, "--proposal", bad.path,
                "--snapshot",
                dir.appendingPathComponent("2027.json").path,
            ])
        #expect(output.status == 1)
        let line = config.components(separatedBy: "\n").firstIndex { $0 == "      total: 100" }
        let expectedLine = try #require(line) + 1
        #expect(
            output.stderr.contains(
                "bad.yaml:\(expectedLine):14: policy_versions[0].scoring.total: indicator weights add up to 101, but total is 100"
            ), "\(output.stderr)")
    }
}
