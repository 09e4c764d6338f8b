import Foundation
import QualityCore
import Testing

@testable import QualityServer

@Suite struct PagesDistrictTests {
    static func render(_ code: String, _ language: Language = .zh, trend: [TrendPoint] = []) throws -> String {
        let w = try PagesFixture.worked()
        let page = try #require(
            DistrictPage(
                config: w.config, result: w.result, code: code, trend: trend,
                context: PagesFixture.context(language, path: "/districts/" + code)))
        return PagesFixture.text(page.render())
    }

    /// The row of one indicator.
    static func row(_ html: String, _ indicator: String) -> String {
        PagesFixture.row(html, "indicator", indicator, end: "</tr>\n")
    }

    @Test func yinzhouExplainsEveryPoint() throws {
        let html = try Self.render("330212")
        HTMLCheck.assertPage(html, .zh)
        let points = [
            ("sampling_pass_rate", "29.37", "97.73%", "97.90%"), ("return_rate", "8.89", "33.33%", "44.44%"),
            ("cnas_labs", "15.00", "4.00", "100.00%"), ("standards_led", "15.00", "4.00", "100.00%"),
            ("rectification_rate", "14.44", "88.89%", "72.22%"),
        ]
        for (id, p, value, ratio) in points {
            let row = Self.row(html, id)
            #expect(row.contains("<td class=\"points\" data-value=\"\(p)\">\(p)"), "\(id)")
            #expect(row.contains(">\(value)</td>"), "\(id)")
            #expect(row.contains(">\(ratio)</td>"), "\(id)")
        }
        PagesFixture.expect(
            Self.row(html, "sampling_pass_rate"),
            contains: [
                "出口工业品监督抽查合格率", "<code>sum(batches_passed) / sum(batches_sampled) * 100</code>",
                "下限 85 → 目标 98：s = (v − 85) / (98 − 85)，截取到 0–1", "= 30 × 97.90%</div>",
            ])
        #expect(Self.row(html, "return_rate").contains("越低越好"))
        PagesFixture.expect(
            Self.row(html, "cnas_labs"),
            contains: ["data-min=\"1.00\" data-max=\"4.00\"", "各区最小值 1.00，最大值 4.00（3 个区有值）"])
        PagesFixture.expect(
            Self.row(html, "standards_led"),
            contains: [
                "<th scope=\"row\">v ≥ 3</th><td class=\"num\">1.00</td>",
                "<th scope=\"row\">v ≥ 2</th><td class=\"num\">0.80</td>",
            ])
        #expect(html.contains("<span class=\"dimension-points\" data-value=\"38.26\">38.26 / 50</span>"))
        #expect(!html.contains("exclude-note"))
    }

    /// What a whole district page says: 鄞州区's bonus, penalty, total, rank and grade; 海曙区's veto.
    @Test(arguments: [
        (
            "330212",
            [
                "<tr data-item=\"national_award\"><th scope=\"row\">国家级质量奖励</th>",
                "<code>2 * count(&quot;cn_export_quality_demo&quot; in awards)</code>",
                "<td class=\"num points\" data-value=\"4.00\">4.00</td>", "<tr data-item=\"notifications\">",
                "<td class=\"num points\" data-value=\"0.50\">0.50</td>",
                "<p class=\"formula\" id=\"total-formula\">基础分 82.70 + 加分 4.00 − 扣分 0.50 = 86.20</p>",
                "总分截取在 0 至 105 之间", "<dd class=\"score\" id=\"total\" data-value=\"86.20\">86.20</dd>",
                "<dd id=\"rank\" data-value=\"1\">1 / 3</dd>",
                "<tr data-grade=\"good\" class=\"current\" aria-current=\"true\">",
                "<th scope=\"row\">良好（本区）</th><td class=\"num\">80.00</td>",
            ]
        ),
        (
            "330203",
            [
                "<div class=\"banner error\" id=\"veto\" role=\"alert\">",
                "<li data-veto=\"major_incident\">发生重大质量安全事故（条件 <code>major_incidents &gt; 0</code> 成立）</li>",
                "等级定为「不合格」，不论总分；排名保留。", "<dd class=\"grade\" id=\"grade\" data-value=\"fail\">不合格</dd>",
                "基础分 69.17 + 加分 0.00 − 扣分 1.00 = 68.17",
            ]
        ),
    ])
    func pageSays(code: String, fragments: [String]) throws {
        PagesFixture.expect(try Self.render(code), contains: fragments)
    }

    @Test func jiangbeiStatesTheExcludeRescaling() throws {
        let html = try Self.render("330205")
        #expect(
            html.contains(
                "「质量问题整改完成率」数据缺失，按 exclude 规则不计入（排除权重 E = 20）；其余各指标得分乘以 W/(W−E) = 100/80 = 1.25，使满分仍为 100。"
            ))
        PagesFixture.expect(
            Self.row(html, "rectification_rate"), contains: ["缺失 — 缺失不计入并按比例放大其余指标（exclude）", ">不计入</td>"])
        PagesFixture.expect(
            Self.row(html, "cnas_labs"), contains: ["data-value=\"6.25\">6.25", "= 15 × 33.33% × 1.25</div>"])
        #expect(Self.row(html, "standards_led").contains("data-value=\"15.00\">15.00"))
        let en = try Self.render("330205", .en)
        HTMLCheck.assertPage(en, .en)
        PagesFixture.expect(
            en,
            contains: [
                "multiplied by W/(W−E) = 100/80 = 1.25", "Quality issue rectification rate is missing and left out",
            ])
    }

    @Test func trendOverStoredPeriods() throws {
        let w = try PagesFixture.worked()
        var earlier = try #require(w.result.district(code: "330212"))
        earlier.total = 80.5
        earlier.rank = 2
        earlier.grade = "good"
        let trend = [
            TrendPoint(period: "2023", district: nil), TrendPoint(period: "2024", district: earlier),
            TrendPoint(period: "2025", district: w.result.district(code: "330212")),
        ]
        let html = try Self.render("330212", trend: trend)
        HTMLCheck.assertPage(html, .zh)
        PagesFixture.expect(
            html,
            contains: [
                "<svg class=\"chart line\" id=\"trend-total\"", "<title>2025年度: 86.20</title>",
                "<title>2024年度: 80.50</title>", "<svg class=\"chart line\" id=\"trend-rank\"",
                "<title>2024年度: 2</title>", "<polyline",
                "<tr data-period=\"2023\"><th scope=\"row\">2023年度</th><td class=\"score\">无数据</td>",
            ])
        #expect(
            html.contains(
                "<tr data-period=\"2024\"><th scope=\"row\">2024年度</th><td class=\"score\" data-value=\"80.50\">80.50</td>"
            ))
    }

    @Test func incompleteDistrictHasNoTotalGradeOrRank() throws {
        let w = try PagesFixture.worked()
        var result = w.result
        result.districts[2].incomplete = true
        result.districts[2].total = nil
        result.districts[2].grade = nil
        result.districts[2].rank = nil
        let ranking = PagesFixture.text(
            RankingPage(config: w.config, result: result, context: PagesFixture.context()).render())
        HTMLCheck.assertPage(ranking, .zh)
        let row = PagesRankingTests.row(ranking, "330212")
        #expect(row.hasPrefix("<tr data-district=\"330212\" class=\"incomplete\"><td class=\"rank\">—</td>"))
        #expect(row.contains("<span class=\"badge incomplete-mark\">数据不完整</span>"))
        // Incomplete districts come last.
        let last = try #require(ranking.range(of: "data-district=\"330205\""))
        #expect(ranking.range(of: "data-district=\"330212\"").map { $0.lowerBound > last.lowerBound } == true)
        let page = try #require(
            DistrictPage(config: w.config, result: result, code: "330212", context: PagesFixture.context()))
        let html = PagesFixture.text(page.render())
        HTMLCheck.assertPage(html, .zh)
        PagesFixture.expect(html, contains: ["<p id=\"total-formula\">有指标数据缺失且规则为 fail", "<dd id=\"rank\">—</dd>"])
    }

    @Test func unknownDistrictHasNoPage() throws {
        let w = try PagesFixture.worked()
        #expect(
            DistrictPage(config: w.config, result: w.result, code: "330299", context: PagesFixture.context()) == nil)
    }
}
