import Foundation
import QualityConfig
import QualityCore
import TestFixtures
import Testing

@testable import QualityServer

/// The district page and explanation for `method: rank` and `method: ratio`, in zh and en: the rank
/// among the districts with a value, the rate earned and the rates (or step); the reference value and
/// how it was taken.
@Suite struct PagesRankRatioTests {
    static let yaml = TestFixtures.rankRatioYAML()

    static func worked() throws -> (LoadedConfig, AssessmentResult) {
        let loaded = try ConfigLoader.load(bytes: Array(Self.yaml.utf8), file: "t.yaml", environment: [:])
        let snapshot = Snapshot(
            period: "2025",
            districts: FactTable(rows: [
                "330201": ["growth": .number(5), "days": .number(2), "labs": .number(3)],
                "330202": ["growth": .number(9), "days": .number(6), "labs": .number(1)],
                "330203": ["growth": .number(5), "days": .number(4)],
            ]),
            enterprises: FactTable(rows: [:]), payouts: [])
        // As the daemon serves it after a restart: read back from JSON, the explanation rebuilt.
        let result = try AssessmentResult.parse(json: loaded.model.assess(snapshot).json())
        return (loaded, loaded.model.explained(result))
    }

    static func page(_ code: String, _ language: Language) throws -> String {
        let (loaded, result) = try worked()
        let page = try #require(
            DistrictPage(
                config: loaded.config, result: result, code: code,
                context: PagesFixture.context(language, path: "/districts/" + code)))
        let html = PagesFixture.text(page.render())
        HTMLCheck.assertPage(html, language)
        return html
    }

    /// One indicator's row of a district page: what it must say.
    @Test(arguments: [
        // Rank with rates and rest: 甲区 is second of three.
        (
            "330201", Language.zh, "growth",
            [
                "<strong>排名赋分</strong>",
                "data-rank=\"2\" data-rate=\"0.9000\">在 3 个有数值的区中排第 2 名，得分率 90.00%</span>",
                "数值越高名次越前；并列取较前名次，其后名次顺延。",
                "<tr class=\"current\"><th scope=\"row\">第 2 名</th><td class=\"num\">0.90</td></tr>",
                "<th scope=\"row\">第 3 名及以后（rest）</th><td class=\"num\">0.50</td>",
                "<td class=\"points\" data-value=\"36.00\">36.00",
            ]
        ),
        (
            "330201", .en, "growth",
            [
                "<strong>by rank</strong>", ">rank 2 among 3 districts with a value: rate 90.00%</span>",
                "higher ranks first; ties share the better rank and the next rank is skipped.",
                "<th scope=\"row\">rank 3 and after (rest)</th>",
            ]
        ),
        // Rank with a step, among the two districts with a value.
        (
            "330202", .zh, "labs",
            ["在 2 个有数值的区中排第 2 名，得分率 75.00%", "第 1 名得满分，每后退一名扣 0.25：s = 1 − 0.25 × (r − 1)，最低为 0"]
        ),
        ("330203", .en, "labs", ["missing — missing scores 0 (zero)"]),
        // Ratio to the mean, lower is better.
        (
            "330202", .zh, "days",
            [
                "<strong>比例法（以平均值为基准）</strong>",
                "data-reference=\"4.000000\" data-kind=\"mean\">基准 R = 4.00：各区平均值（3 个区有值）</span>",
                "v ≤ R 得满分，否则 s = R / v", "data-value=\"0.6667\">66.67%</td>",
            ]
        ),
        (
            "330202", .en, "days",
            [
                "<strong>ratio to the mean</strong>",
                ">reference R = 4.00: the mean of the 3 districts with a value</span>",
                "v ≤ R scores 1, else s = R / v", "<td class=\"direction\" data-value=\"lower\">lower is better</td>",
            ]
        ),
    ])
    func indicatorRow(code: String, language: Language, indicator: String, fragments: [String]) throws {
        let row = PagesDistrictTests.row(try Self.page(code, language), indicator)
        for fragment in fragments { #expect(row.contains(fragment)) }
    }

    @Test func missingValueHasNoRank() throws {
        #expect(!PagesDistrictTests.row(try Self.page("330203", .en), "labs").contains("data-rank"))
    }

    @Test func explanationJSONCarriesRankAndReference() throws {
        let (loaded, result) = try Self.worked()
        let d = try #require(result.district(code: "330201"))
        let json = try JSONParser.parse(
            APIJSON.bytes(
                DistrictExplanationJSON(
                    config: loaded.config, configSHA256: loaded.sha256, result: result, district: d)))
        let rows = try #require(
            json.value(atPath: "dimensions")?.arrayValue?.first?.value(atPath: "indicators")?.arrayValue)
        #expect(rows.count == 3)
        let growth = try #require(rows.first { $0.value(atPath: "id") == .string("growth") })
        #expect(growth.value(atPath: "method") == .string("rank"))
        #expect(growth.value(atPath: "parameters.rank")?.numberValue == 2)
        #expect(growth.value(atPath: "parameters.districts_with_value")?.numberValue == 3)
        #expect(growth.value(atPath: "parameters.rates")?.arrayValue?.compactMap(\.numberValue) == [1, 0.9])
        #expect(growth.value(atPath: "parameters.rest")?.numberValue == 0.5)
        #expect(growth.value(atPath: "score")?.numberValue == 0.9)
        let days = try #require(rows.first { $0.value(atPath: "id") == .string("days") })
        #expect(days.value(atPath: "parameters.reference") == .string("mean"))
        #expect(days.value(atPath: "parameters.reference_value")?.numberValue == 4)
        #expect(days.value(atPath: "direction") == .string("lower"))
        let labs = try #require(rows.first { $0.value(atPath: "id") == .string("labs") })
        #expect(labs.value(atPath: "parameters.step")?.numberValue == 0.25)
        #expect(labs.value(atPath: "parameters.rank")?.numberValue == 1)
        #expect(labs.value(atPath: "parameters.districts_with_value")?.numberValue == 2)
    }
}
