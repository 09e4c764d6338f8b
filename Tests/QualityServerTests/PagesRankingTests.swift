import Foundation
import QualityConfig
import QualityCore
import QualityStore
import Testing

@testable import QualityServer

@Suite struct PagesRankingTests {
    /// The row of one district, from `<tr data-district="code"` to its `</tr>`.
    static func row(_ html: String, _ code: String) -> String { PagesFixture.row(html, "district", code) }

    /// The ranking page of the worked example.
    static func render(
        _ w: PagesFixture.Worked, previous: AssessmentResult? = nil, sources: [SourceView] = [],
        context: PageContext = PagesFixture.context()
    ) -> String {
        PagesFixture.text(
            RankingPage(config: w.config, result: w.result, previous: previous, sources: sources, context: context)
                .render())
    }

    @Test func everyDistrictWithScoreAndGradeInChinese() throws {
        let w = try PagesFixture.worked()
        let html = Self.render(w)
        HTMLCheck.assertPage(html, .zh)
        let expected = [
            ("330203", "海曙区", "68.17", "不合格", "2"), ("330205", "江北区", "36.25", "不合格", "3"),
            ("330212", "鄞州区", "86.20", "良好", "1"),
        ]
        for (code, name, score, grade, rank) in expected {
            let row = Self.row(html, code)
            #expect(row.contains(name))
            PagesFixture.expect(
                row,
                contains: [
                    "<td class=\"score\" data-value=\"\(score)\"", ">\(score)</td>", ">\(grade)</td>",
                    "<td class=\"rank\" data-value=\"\(rank)\">\(rank)</td>", "href=\"/districts/\(code)\"",
                ])
        }
        // Ranked order: 鄞州区, 海曙区, 江北区.
        let order = ["330212", "330203", "330205"].compactMap { html.range(of: "data-district=\"\($0)\"")?.lowerBound }
        #expect(order.count == 3 && order == order.sorted())
        PagesFixture.expect(html, contains: ["2025年度 质量强区评价排名", "<title>质量强区评价排名 · 质量强区评价与财政奖励</title>"])
    }

    @Test func everyDistrictWithScoreAndGradeInEnglish() throws {
        let w = try PagesFixture.worked()
        let html = Self.render(w, context: PagesFixture.context(.en))
        HTMLCheck.assertPage(html, .en)
        for (code, name, score, grade) in [
            ("330203", "Haishu", "68.17", "Fail"), ("330205", "Jiangbei", "36.25", "Fail"),
            ("330212", "Yinzhou", "86.20", "Good"),
        ] {
            let row = Self.row(html, code)
            PagesFixture.expect(
                row,
                contains: [
                    ">\(name)</a>", "<td class=\"score\" data-value=\"\(score)\" title=\"base ", ">\(score)</td>",
                    ">\(grade)</td>", "href=\"/districts/\(code)?lang=en\"",
                ])
        }
        PagesFixture.expect(html, contains: ["id=\"lang-switch\"", "href=\"/?lang=zh\""])
    }

    @Test func vetoIsMarkedOnHaishuOnly() throws {
        let w = try PagesFixture.worked()
        let html = Self.render(w)
        PagesFixture.expect(
            Self.row(html, "330203"),
            contains: [
                "class=\"vetoed\"", "data-veto=\"major_incident\"", "✖ 发生重大质量安全事故",
                "title=\"一票否决：发生重大质量安全事故（条件 major_incidents &gt; 0），等级定为不合格，不论总分。\"",
            ])
        #expect(!Self.row(html, "330212").contains("data-veto"))
        #expect(!Self.row(html, "330205").contains("data-veto"))
    }

    @Test func changeAgainstThePreviousPeriod() throws {
        let w = try PagesFixture.worked()
        var previous = w.result
        previous.period = "2024"
        previous.districts[0].total = 70  // 海曙区, then first
        previous.districts[0].rank = 1
        previous.districts[2].total = 80  // 鄞州区, then second
        previous.districts[2].rank = 2
        previous.districts.remove(at: 1)  // 江北区 is new
        let html = Self.render(w, previous: previous)
        PagesFixture.expect(
            Self.row(html, "330212"),
            contains: [
                "<td class=\"delta up\" data-value=\"+6.20\" title=\"上期 80.00\">+6.20</td>",
                "data-value=\"1\" title=\"上期第 2 名\">▲1</td>",
            ])
        PagesFixture.expect(Self.row(html, "330203"), contains: ["data-value=\"-1.83\"", ">▼1</td>"])
        #expect(Self.row(html, "330205").contains(">新</td>"))
        #expect(html.contains("变化与 2024年度 相比"))
    }

    @Test func dimensionBarsAndLegend() throws {
        let w = try PagesFixture.worked()
        let html = Self.render(w)
        PagesFixture.expect(html, contains: ["<li data-dimension=\"safety\">", "质量安全 (50)"])
        PagesFixture.expect(
            Self.row(html, "330212"),
            contains: [
                "<svg class=\"chart bar\" id=\"bar-330212\"",
                "<title>质量安全 38.26</title>",
                "<title>质量基础 30.00</title>",
                "<title>质量提升 14.44</title>",
                // 38.26 of 100 points on a 260-wide bar.
                "width=\"99.47\"",
            ])
    }

    @Test func staleSourcesRaiseABanner() throws {
        let w = try PagesFixture.worked()
        let fresh = SourceView(
            id: "ciq_sampling", name: LocalizedText(zh: "检验检疫局·监督抽查", en: "Inspection bureau sampling"), up: true,
            stale: false, lastSuccess: PagesFixture.now)
        var stale = SourceView(
            id: "commerce_awards", name: LocalizedText(zh: "商务局·出口荣誉", en: "Commerce awards"), up: false, stale: true)
        let quiet = Self.render(w, sources: [fresh])
        #expect(!quiet.contains("stale-banner"))
        #expect(quiet.contains("✓ 检验检疫局·监督抽查 — 最近成功 2025-06-16 00:00:00"))
        stale.lastSuccess = nil
        let html = Self.render(w, sources: [fresh, stale])
        PagesFixture.expect(
            html,
            contains: [
                "id=\"stale-banner\" role=\"alert\"", "数据可能已过期：</strong>商务局·出口荣誉。",
                "<li data-source=\"commerce_awards\" class=\"bad\">⚠ 商务局·出口荣誉 — 尚无成功拉取</li>",
            ])
    }

    @Test func headerShowsSignInState() throws {
        let w = try PagesFixture.worked()
        let signedIn = Self.render(w)
        PagesFixture.expect(
            signedIn,
            contains: [
                "<span class=\"user\" id=\"signed-in\">zhang.san · 财务</span>",
                "<form method=\"post\" action=\"/logout\"", "<a href=\"/\" aria-current=\"page\">排名</a>",
                "<a href=\"/subsidies\">补贴</a>", "<a href=\"/sources\">数据源</a>",
            ])
        let anonymous = Self.render(w, context: PageContext(path: "/", generatedAt: PagesFixture.now))
        PagesFixture.expect(
            anonymous,
            contains: [
                "<a href=\"/login?next=%2F\" id=\"sign-in\">登录</a>", "<dd id=\"footer-period\">2025年度</dd>",
                "<dd id=\"footer-config\"><code>\(w.loaded.sha256.prefix(12))</code></dd>",
                "<dd id=\"footer-generated\">2025-06-16 00:00:00 (Asia/Shanghai)</dd>",
            ])
    }
}
