import Foundation
import QualityCore
import Testing

/// `qualityd sampling-plan` over the worked snapshot with the demo config: the same seed gives
/// the same bytes, the JSON carries what a notice publishes, and bad arguments are usage errors.
@Suite struct SamplingPlanCommandTests {
    let config = CommandRunner.repositoryRoot.appendingPathComponent("config.yaml").path
    let snapshot = CommandRunner.fixtures.appendingPathComponent("worked/snapshot.json").path

    func draw(_ extra: [String]) throws -> CommandRunner.Output {
        try CommandRunner.run("qualityd", ["sampling-plan", "--config", config, "--snapshot", snapshot] + extra)
    }

    @Test func sameSeedSameBytes() throws {
        for format in ["json", "table", "csv", "xlsx"] {
            let a = try draw(["--seed", "2026-demo", "--format", format])
            let b = try draw(["--seed", "2026-demo", "--format", format])
            #expect(a.status == 0, "\(a.stderr)")
            #expect(!a.stdout.isEmpty && a.stdout == b.stdout, "\(format)")
        }
        let other = try draw(["--seed", "2026-other", "--format", "json"])
        #expect(other.stdout != (try draw(["--seed", "2026-demo", "--format", "json"])).stdout)
    }

    @Test func jsonHasTheNoticeInputs() throws {
        let output = try draw(["--seed", "2026-demo", "--format", "json"])
        #expect(
            output.stderr
                == "stdout: json, period 2025, seed 2026-demo, 8 enterprises, 7 selected, input_sha256 "
                + "3f1d6d02b912de8b1876c1081f4fe79f6851e0aa6733a70f5a1fd830c21067ae\n")
        let json = try JSONParser.parse(output.stdout)
        #expect(json.value(atPath: "seed")?.stringValue == "2026-demo")
        #expect(json.value(atPath: "min_per_stratum")?.numberValue == 1)
        #expect(json.value(atPath: "classes")?.arrayValue?.count == 4)
        #expect(json.value(atPath: "inspectors")?.arrayValue?.count == 30)
        #expect(json.value(atPath: "population")?.arrayValue?.count == 8)
        #expect(json.value(atPath: "strata")?.arrayValue?.count == 7)
        let plan = json.value(atPath: "plan")?.arrayValue ?? []
        #expect(plan.count == 7)
        let first = try #require(plan.first)
        #expect(first.value(atPath: "uscc")?.stringValue == "91330203MA000001XP")
        #expect(first.value(atPath: "industry")?.stringValue == "textile")
        #expect(first.value(atPath: "class")?.stringValue == "A")
        #expect(first.value(atPath: "inspectors")?.arrayValue?.compactMap(\.stringValue) == ["330226-2", "330225-1"])
    }

    @Test func refusesBadArguments() throws {
        let seed = try draw(["--seed", "a:b"])
        #expect(seed.status == 2)
        #expect(seed.stderr.contains("--seed: expected 1 to 64 letters, digits"))
        let both = try draw(["--seed", "s", "--period", "2025"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("give either --snapshot or --period, not both"))
        let worked = CommandRunner.fixtures.appendingPathComponent("worked/config.yaml").path
        let none = try CommandRunner.run(
            "qualityd", ["sampling-plan", "--config", worked, "--snapshot", snapshot, "--seed", "s"])
        #expect(none.status == 1)
        #expect(none.stderr == "\(worked): no sampling section; see docs/CONFIG.md\n")
    }
}
