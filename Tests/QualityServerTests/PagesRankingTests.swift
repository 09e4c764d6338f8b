import Foundation
import QualityConfig
import QualityCore
import QualityStore
import Testing

@testable import QualityServer

@Suite struct PagesRankingTests {
    /// The row of one district, from `<tr data-district="code"` to its `</tr>`.
    static func row(_ html: String, _ code: String) -> String { PagesFixture.row(html, "district", code) }

    @Test func everyDistrictWithScoreAndGradeInChinese() throws {
        let w = try PagesFixture.worked()
        let html = PagesFixture.text(
            RankingPage(config: w.config, result: w.result, context: PagesFixture.context()).render())
        HTMLCheck.assertPage(html, .zh)
        let expected = [
            ("330203", "海曙区", "68.17", "不合格", "2"), ("330205", "江北区", "36.25", "不合格", "3"),
            ("330212", "鄞州区", "86.20", "良好", "1"),
        ]
        for (code, name, score, grade, rank) in expected {
            let row = Self.row(html, code)
            #expect(row.contains(name))
            #expect(row.contains("<td class=\"score\" data-value=\"\(score)\""))
            #expect(row.contains(">\(score)</td>"))
            #expect(row.contains(">\(grade)</td>"))
            #expect(row.contains("<td class=\"rank\" data-value=\"\(rank)\">\(rank)</td>"))
            #expect(row.contains("href=\"/districts/\(code)\""))
        }
        // Ranked order: 鄞州区, 海曙区, 江北区.
        let order = ["330212", "330203", "330205"].compactMap { html.range(of: "data-district=\"\($0)\"")?.lowerBound }
        #expect(order.count == 3 && order == order.sorted())
        #expect(html.contains("2025年度 质量强区评价排名"))
        #expect(html.contains("<title>质量强区评价排名 · 质量强区评价与财政奖励</title>"))
    }

    @Test func everyDistrictWithScoreAndGradeInEnglish() throws {
        let w = try PagesFixture.worked()
        let html = PagesFixture.text(
            RankingPage(config: w.config, result: w.result, context: PagesFixture.context(.en)).render())
        HTMLCheck.assertPage(html, .en)
        for (code, name, score, grade) in [
            ("330203", "Haishu", "68.17", "Fail"), ("330205", "Jiangbei", "36.25", "Fail"),
            ("330212", "Yinzhou", "86.20", "Good"),
        ] {
            let row = Self.row(html, code)
            #expect(row.contains(">\(name)</a>"))
            #expect(row.contains("<td class=\"score\" data-value=\"\(score)\" title=\"base "))
            #expect(row.contains(">\(score)</td>"))
            #expect(row.contains(">\(grade)</td>"))
            #expect(row.contains("href=\"/districts/\(code)?lang=en\""))
        }
        #expect(html.contains("id=\"lang-switch\""))
        #expect(html.contains("href=\"/?lang=zh\""))
    }

    @Test func vetoIsMarkedOnHaishuOnly() throws {
        let w = try PagesFixture.worked()
        let html = PagesFixture.text(
            RankingPage(config: w.config, result: w.result, context: PagesFixture.context()).render())
        let haishu = Self.row(html, "330203")
        #expect(haishu.contains("class=\"vetoed\""))
        #expect(haishu.contains("data-veto=\"major_incident\""))
        #expect(haishu.contains("✖ 发生重大质量安全事故"))
        #expect(haishu.contains("title=\"一票否决：发生重大质量安全事故（条件 major_incidents &gt; 0），等级定为不合格，不论总分。\""))
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
        let html = PagesFixture.text(
            RankingPage(config: w.config, result: w.result, previous: previous, context: PagesFixture.context())
                .render())
        let yinzhou = Self.row(html, "330212")
        #expect(yinzhou.contains("<td class=\"delta up\" data-value=\"+6.20\" title=\"上期 80.00\">+6.20</td>"))
        #expect(yinzhou.contains("data-value=\"1\" title=\"上期第 2 名\">▲1</td>"))
        let haishu = Self.row(html, "330203")
        #expect(haishu.contains("data-value=\"-1.83\""))
        #expect(haishu.contains(">▼1</td>"))
        #expect(Self.row(html, "330205").contains(">新</td>"))
        #expect(html.contains("变化与 2024年度 相比"))
    }

    @Test func dimensionBarsAndLegend() throws {
        let w = try PagesFixture.worked()
        let html = PagesFixture.text(
            RankingPage(config: w.config, result: w.result, context: PagesFixture.context()).render())
        #expect(html.contains("<li data-dimension=\"safety\">"))
        #expect(html.contains("质量安全 (50)"))
        let yinzhou = Self.row(html, "330212")
        #expect(yinzhou.contains("<svg class=\"chart bar\" id=\"bar-330212\""))
        #expect(yinzhou.contains("<title>质量安全 38.26</title>"))
        #expect(yinzhou.contains("<title>质量基础 30.00</title>"))
        #expect(yinzhou.contains("<title>质量提升 14.44</title>"))
        // 38.26 of 100 points on a 260-wide bar.
        #expect(yinzhou.contains("width=\"99.47\""))
    }

    @Test func staleSourcesRaiseABanner() throws {
        let w = try PagesFixture.worked()
        let fresh = SourceView(
            id: "ciq_sampling", name: LocalizedText(zh: "检验检疫局·监督抽查", en: "Inspection bureau sampling"), up: true,
            stale: false, lastSuccess: PagesFixture.now)
        var stale = SourceView(
            id: "commerce_awards", name: LocalizedText(zh: "商务局·出口荣誉", en: "Commerce awards"), up: false, stale: true)
        let quiet = PagesFixture.text(
            RankingPage(config: w.config, result: w.result, sources: [fresh], context: PagesFixture.context()).render())
        #expect(!quiet.contains("stale-banner"))
        #expect(quiet.contains("✓ 检验检疫局·监督抽查 — 最近成功 2025-06-16 00:00:00"))
        stale.lastSuccess = nil
        let html = PagesFixture.text(
            RankingPage(config: w.config, result: w.result, sources: [fresh, stale], context: PagesFixture.context())
                .render())
        #expect(html.contains("id=\"stale-banner\" role=\"alert\""))
        #expect(html.contains("数据可能已过期：</strong>商务局·出口荣誉。"))
        #expect(html.contains("<li data-source=\"commerce_awards\" class=\"bad\">⚠ 商务局·出口荣誉 — 尚无成功拉取</li>"))
    }

    @Test func headerShowsSignInState() throws {
        let w = try PagesFixture.worked()
        let signedIn = PagesFixture.text(
            RankingPage(config: w.config, result: w.result, context: PagesFixture.context()).render())
        #expect(signedIn.contains("<span class=\"user\" id=\"signed-in\">zhang.san · 财务</span>"))
        #expect(signedIn.contains("<form method=\"post\" action=\"/logout\""))
        #expect(signedIn.contains("<a href=\"/\" aria-current=\"page\">排名</a>"))
        #expect(signedIn.contains("<a href=\"/subsidies\">补贴</a>"))
        #expect(signedIn.contains("<a href=\"/sources\">数据源</a>"))
        let anonymous = PagesFixture.text(
            RankingPage(
                config: w.config, result: w.result, context: PageContext(path: "/", generatedAt: PagesFixture.now)
            )
            .render())
        #expect(anonymous.contains("<a href=\"/login?next=%2F\" id=\"sign-in\">登录</a>"))
        #expect(anonymous.contains("<dd id=\"footer-period\">2025年度</dd>"))
        #expect(anonymous.contains("<dd id=\"footer-config\"><code>\(w.loaded.sha256.prefix(12))</code></dd>"))
        #expect(anonymous.contains("<dd id=\"footer-generated\">2025-06-16 00:00:00 (Asia/Shanghai)</dd>"))
    }
}
