import Foundation
import QualityCore
import Testing

/// `qualityd report industry` over the worked snapshot with the demo config.
@Suite struct ReportCommandTests {
    let config = CommandRunner.repositoryRoot.appendingPathComponent("config.yaml").path
    let snapshot = CommandRunner.fixtures.appendingPathComponent("worked/snapshot.json").path

    func report(_ extra: [String]) throws -> CommandRunner.Output {
        try CommandRunner.run(
            "qualityd", ["report", "industry", "--config", config, "--snapshot", snapshot, "--out", "-"] + extra)
    }

    @Test func jsonFiguresOfTextile() throws {
        let output = try report(["--industry", "textile", "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr == "stdout: json, report industry, group textile, period 2025, 3 enterprises\n")
        let json = try JSONParser.parse(output.stdout)
        var figures: [String: Double] = [:]
        for f in json.value(atPath: "figures")?.arrayValue ?? [] {
            if let id = f.value(atPath: "id")?.stringValue { figures[id] = f.value(atPath: "value")?.numberValue }
        }
        #expect(
            figures == [
                "enterprises": 3, "exporters": 0, "batches_sampled": 35, "batches_passed": 34,
                "pass_rate": 3400.0 / 35, "with_returns": 1, "with_notifications": 1, "cnas_labs": 4,
                "standards_led": 4, "award_holders": 2,
            ])
        #expect(json.value(atPath: "districts")?.arrayValue?.count == 10)
        #expect(json.value(atPath: "previous_period") == nil)
    }

    @Test func htmlInBothLanguagesAndErrors() throws {
        let zh = try report(["--industry", "textile"])
        #expect(zh.status == 0)
        #expect(zh.text.contains("<h1 id=\"report-title\">2025年度纺织服装行业质量分析报告</h1>"))
        let en = try report(["--group", "textile", "--lang", "en"])
        #expect(en.text.contains("Industry quality analysis report: Textiles and apparel, 2025"))
        let steel = try report(["--industry", "steel"])
        #expect(steel.status == 1)
        #expect(steel.stderr == "no enterprise has industry 'steel' in 2025\n")
        let none = try CommandRunner.run(
            "qualityd",
            ["report", "nothing", "--config", config, "--snapshot", snapshot, "--industry", "x", "--out", "-"])
        #expect(none.status == 1)
        #expect(none.stderr == "no report 'nothing' in the config (reports[].id: industry)\n")
    }
}
