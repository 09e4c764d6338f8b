import Foundation
import QualityCore
import QualityStore
import Testing

@testable import QualityServer

@Suite struct PagesSubsidyTests {
    static let published = ListState(
        status: .published, noticeStart: Date(timeIntervalSince1970: 1_767_542_400),  // 2026-01-05 00:00 +08
        noticeEnd: Date(timeIntervalSince1970: 1_768_060_800),  // 2026-01-11 00:00 +08
        publishedBy: "li.si", publishedAt: Date(timeIntervalSince1970: 1_767_515_400))  // 2026-01-04 16:30 +08

    static func row(_ html: String, _ marker: String) -> String {
        guard let start = html.range(of: marker) else { return "" }
        let rest = html[start.lowerBound...]
        guard let end = rest.range(of: "</tr>") else { return "" }
        return String(rest[..<end.upperBound])
    }

    @Test func overviewPerProgramAndTotals() throws {
        let w = try PagesFixture.worked()
        let html = PagesFixture.text(
            SubsidiesPage(config: w.config, result: w.result, list: Self.published, context: PagesFixture.context())
                .render())
        HTMLCheck.assertPage(html, .zh)
        PagesFixture.expect(
            Self.row(html, "<tr data-program=\"demo_enterprise\""),
            contains: [
                "中国出口质量安全示范企业奖励", "《鄞州区经济发展政策实施细则》第十二条第一款", "<td class=\"num enterprises\" data-value=\"3\">3</td>",
                "data-value=\"600000.00\">600,000.00</td>", "data-value=\"375000.00\">375,000.00</td>",
                "<td class=\"money budget\">不限</td>",
            ])
        PagesFixture.expect(
            Self.row(html, "<tr data-program=\"standards\""),
            contains: [
                // 30,000 + 60,000 + 90,000 + 30,000 requested; two of four awards cut to 0 by the cap.
                "data-value=\"210000.00\">210,000.00</td>",
                "data-value=\"37500.00\">37,500.00</td>",
                "<td class=\"num enterprises\" data-value=\"2\">2</td>",
            ])
        PagesFixture.expect(
            html,
            contains: [
                "id=\"total-requested\" data-value=\"1240000.00\">1,240,000.00</td>",
                "id=\"total-granted\" data-value=\"600000.00\">600,000.00</td>",
                "id=\"total-budget\" data-value=\"600000.00\">600,000.00</td>", "data-value=\"100.00%\">100.00%</td>",
                "分配方式：按比例；企业上限 250,000.00",
            ])
        #expect(
            html.contains(
                "<strong data-status=\"published\">公示中</strong>：li.si 于 2026-01-04 16:30:00 发布，公示期 2026-01-05 至 2026-01-11。"
            ))
        PagesFixture.expect(
            html,
            contains: [
                "href=\"/export/subsidies.csv?period=2025&amp;lang=zh\"",
                "href=\"/export/subsidies.xlsx?period=2025&amp;lang=zh\"", "href=\"/subsidies/2025/list?period=2025\"",
                "<li data-count=\"2\" id=\"count-excluded\">",
            ])
    }

    @Test func overviewStatesInEnglish() throws {
        let w = try PagesFixture.worked()
        let revoked = ListState(
            status: .revoked, confirmedBy: "li.si", revokedBy: "admin", revokedAt: PagesFixture.now,
            revokeReason: "<b>wrong</b> budget")
        let html = PagesFixture.text(
            SubsidiesPage(config: w.config, result: w.result, list: revoked, context: PagesFixture.context(.en))
                .render())
        HTMLCheck.assertPage(html, .en)
        #expect(
            html.contains(
                "<div class=\"banner warn\" id=\"list-status\" role=\"alert\"><strong data-status=\"revoked\">Revoked</strong>: "
                    + "by admin at 2025-06-16 00:00:00; reason: &lt;b&gt;wrong&lt;/b&gt; budget.</div>"))
        PagesFixture.expect(
            html,
            contains: [
                "href=\"/export/subsidies.json?period=2025&amp;lang=en\"",
                "National export quality demonstration enterprise",
            ])
        let draft = PagesFixture.text(
            SubsidiesPage(config: w.config, result: w.result, context: PagesFixture.context(.en)).render())
        #expect(draft.contains("<strong data-status=\"draft\">Draft</strong>: not yet published"))
    }

    @Test func fullListWithNotesExclusionsAndRejects() throws {
        let w = try PagesFixture.worked()
        let html = PagesFixture.text(
            AwardListPage(
                config: w.config, result: w.result, names: ["91330205MA000004XP": "宁波江北服饰有限公司"],
                context: PagesFixture.context()
            ).render())
        HTMLCheck.assertPage(html, .zh)
        #expect(html.components(separatedBy: "<tr data-uscc=").count - 1 == 11 + 2 + 1 + 2)
        #expect(html.contains("<th scope=\"col\">统一社会信用代码</th>"))
        PagesFixture.expect(
            Self.row(html, "<tr data-uscc=\"91330205MA000003XN\" data-program=\"lab_cnas\""),
            contains: [
                "<td class=\"num\">4</td>", "<a href=\"/enterprises/91330205MA000003XN\">91330205MA000003XN</a>",
                "宁波江北电器有限公司", "<td>江北区</td><td>企业实验室获CNAS认可奖励</td>", "data-value=\"150000.00\">150,000.00</td>",
                "data-value=\"31250.00\">31,250.00</td>", "<td class=\"notes\">超出企业奖励上限；总预算按比例核减</td>",
            ])
        #expect(html.contains("<tr id=\"list-total\"><th scope=\"row\" colspan=\"6\">合计</th>"))
        let group = Self.row(html, "<tr data-uscc=\"91330205MA000003XN\" data-program=\"city_award\"")
        #expect(group.contains(">就高不重复</td>"))
        #expect(
            Self.row(html, "<tr data-uscc=\"91330212MA000006XX\" data-program=\"lab_cnas\"").contains(">3年内不重复奖励</td>"))
        PagesFixture.expect(
            Self.row(html, "<tr data-uscc=\"91330205MA000004XP\" data-reasons"),
            contains: [">无重大质量安全事故</td>", "<td class=\"name\">宁波江北服饰有限公司</td>"])
        #expect(Self.row(html, "<tr data-uscc=\"91330212MA00000999\"").contains(">统一社会信用代码校验失败</td>"))
        #expect(Self.row(html, "<tr data-uscc=\"91330299MA000009X2\"").contains(">所属区县不在配置中</td>"))
        let en = PagesFixture.text(
            AwardListPage(config: w.config, result: w.result, context: PagesFixture.context(.en)).render())
        HTMLCheck.assertPage(en, .en)
        PagesFixture.expect(
            en,
            contains: [
                "Over the enterprise cap; Overall budget: cut pro rata",
                "href=\"/enterprises/91330205MA000003XN?lang=en\"", ">Not again within 3 years</td>",
            ])
    }

    @Test func enterpriseNamesAreEscaped() throws {
        let w = try PagesFixture.worked()
        var result = w.result
        result.subsidies.awards[0].name = "<script>alert(\"x\")</script>&Co"
        for page in [
            AwardListPage(config: w.config, result: result, context: PagesFixture.context()).render(),
            NoticePage(
                config: w.config, result: result, list: Self.published,
                notice: NoticeInfo(issuer: LocalizedText(zh: "宁波市鄞州区")), context: PagesFixture.context()
            ).render(),
        ] {
            let html = PagesFixture.text(page)
            #expect(!html.contains("<script>"))
            #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;Co"))
            #expect(HTMLCheck.problems(html) == [])
        }
    }

    @Test func paginationSplitsTheAwards() throws {
        let w = try PagesFixture.worked()
        let html = PagesFixture.text(
            AwardListPage(config: w.config, result: w.result, page: 3, pageSize: 4, context: PagesFixture.context())
                .render())
        HTMLCheck.assertPage(html, .zh)
        #expect(html.components(separatedBy: "<td class=\"num\">").count - 1 == 3)
        PagesFixture.expect(
            html,
            contains: [
                "<td class=\"num\">9</td>", "第 3 / 3 页",
                "href=\"/subsidies/2025/list?period=2025&amp;page=2&amp;page_size=4\"",
            ])
        // Page subtotal: 91330212MA000006XX demo 125,000 + standards 18,750, 91330212MA000007XY city 62,500.
        PagesFixture.expect(
            html,
            contains: [
                "<tr id=\"page-total\">", "data-value=\"330000.00\">330,000.00</td>",
                "data-value=\"206250.00\">206,250.00</td>",
            ])
        #expect(!html.contains("id=\"excluded\""))
    }

    @Test func aHundredThousandAwardsRender() throws {
        let w = try PagesFixture.worked()
        var result = w.result
        let template = result.subsidies.awards[0]
        result.subsidies.excluded = []
        result.subsidies.ineligible = []
        result.subsidies.awards = (0..<100_000).map { i in
            var a = template
            a.uscc = "9133020" + String(100_000 + i) + "XX"
            a.grantedFen = Int64(i)
            return a
        }
        let bytes = AwardListPage(config: w.config, result: result, context: PagesFixture.context()).render()
        // One line per award row: count them without searching 50 MB of text.
        let prefix = Array("<tr data-uscc=\"9133020".utf8)
        let rows = bytes.split(separator: 0x0A).filter { $0.starts(with: prefix) }
        #expect(rows.count == 100_000)
        let last = PagesFixture.text(Array(rows.last ?? []))
        #expect(
            last.hasPrefix(
                "<tr data-uscc=\"9133020199999XX\" data-program=\"city_award\"><td class=\"num\">100000</td>"))
        #expect(last.contains("<td class=\"money granted\" data-value=\"999.99\">999.99</td>"))
    }

    @Test func publicNoticeForA4() throws {
        let w = try PagesFixture.worked()
        let html = PagesFixture.text(
            NoticePage(
                config: w.config, result: w.result, list: Self.published,
                notice: NoticeInfo(
                    issuer: LocalizedText(zh: "宁波市鄞州区", en: "Yinzhou District, Ningbo"),
                    contact: LocalizedText(zh: "联系人：区财政局 王某　电话：0574-0000000")),
                context: PagesFixture.context(path: "/subsidies/2025/notice")
            ).render())
        HTMLCheck.assertPage(html, .zh)
        PagesFixture.expect(
            html,
            contains: [
                "<h1 id=\"notice-title\">宁波市鄞州区2025年度质量强区财政奖励拟奖励名单公示</h1>", "公示期：2026年1月5日至2026年1月11日。",
                "<table id=\"notice-list\" data-rows=\"9\">",
            ])
        #expect(
            html.contains(
                "<th scope=\"row\" colspan=\"4\">合计</th><td class=\"money\" data-value=\"600000.00\">600,000.00</td>"))
        PagesFixture.expect(
            html,
            contains: [
                "联系人：区财政局 王某　电话：0574-0000000", "公示期内，如对名单有异议", "<p>2026年1月4日</p>", "<body class=\"notice\">",
                "@page{size:A4",
            ])
        #expect(!html.contains("notice-draft"))
        let draft = PagesFixture.text(
            NoticePage(
                config: w.config, result: w.result, list: .draft,
                notice: NoticeInfo(issuer: LocalizedText(zh: "宁波市鄞州区")),
                context: PagesFixture.context(.en)
            ).render())
        PagesFixture.expect(draft, contains: ["Notice period: to be decided.", "id=\"notice-draft\""])
    }
}
