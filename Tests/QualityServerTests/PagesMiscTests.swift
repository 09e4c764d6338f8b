import Foundation
import QualityCore
import QualityStore
import Testing

@testable import QualityServer

@Suite struct PagesMiscTests {
    static let sources = [
        SourceView(
            source: SourceConfig(
                id: "ciq_sampling", name: LocalizedText(zh: "检验检疫局·监督抽查", en: "Inspection bureau sampling"),
                url: "http://127.0.0.1:9471/ciq/sampling", key: "uscc"),
            lastPull: PullRecord(
                source: "ciq_sampling", startedAt: PagesFixture.now - 2, finishedAt: PagesFixture.now,
                status: .success, records: 1_234, rejected: ["invalid_uscc": 3, "duplicate": 1], durationSeconds: 1.254),
            lastSuccess: PagesFixture.now, stale: false),
        SourceView(
            source: SourceConfig(
                id: "commerce_awards", name: LocalizedText(zh: "商务局·出口荣誉"), url: "http://127.0.0.1:9471/x",
                key: "uscc"),
            lastPull: PullRecord(
                source: "commerce_awards", startedAt: PagesFixture.now, finishedAt: PagesFixture.now, status: .timeout,
                error: "timed out after 10 s <no body>"),
            lastSuccess: nil, stale: true),
        SourceView(
            id: "finance_payouts", name: LocalizedText(zh: "财政局·发放记录", en: "Finance payouts"), up: false, stale: true),
    ]

    static func row(_ html: String, _ id: String) -> String { PagesFixture.row(html, "source", id) }

    @Test func sourcesShowFreshnessAndLastPull() {
        let html = PagesFixture.text(SourcesPage(sources: Self.sources, context: PagesFixture.context()).render())
        HTMLCheck.assertPage(html, .zh)
        #expect(!html.contains("9471"))  // source URLs (and their tokens) stay off the page
        let ciq = Self.row(html, "ciq_sampling")
        #expect(ciq.contains("检验检疫局·监督抽查<span class=\"en\">Inspection bureau sampling</span>"))
        #expect(ciq.contains("<td class=\"status ok\" data-value=\"up\">✓ 正常 · 新鲜</td>"))
        #expect(ciq.contains("<td class=\"last-success\">2025-06-16 00:00:00</td>"))
        #expect(ciq.contains("<td data-value=\"success\">2025-06-16 00:00:00 · 成功</td>"))
        #expect(ciq.contains("<td class=\"num\" data-value=\"1234\">1234</td>"))
        #expect(
            ciq.contains("<li data-reason=\"duplicate\">重复记录 1</li><li data-reason=\"invalid_uscc\">统一社会信用代码无效 3</li>"))
        #expect(ciq.contains("<td class=\"num\">1.25</td>"))
        let awards = Self.row(html, "commerce_awards")
        #expect(awards.contains("<tr data-source=\"commerce_awards\" class=\"stale\">"))
        #expect(awards.contains("⚠ 故障 · 过期"))
        #expect(awards.contains("从未成功"))
        #expect(awards.contains("· 超时</td>"))
        #expect(awards.contains("<td class=\"error\">timed out after 10 s &lt;no body&gt;</td>"))
        #expect(Self.row(html, "finance_payouts").contains("尚未拉取"))
        #expect(html.contains("id=\"stale-banner\""))
        let en = PagesFixture.text(SourcesPage(sources: Self.sources, context: PagesFixture.context(.en)).render())
        HTMLCheck.assertPage(en, .en)
        #expect(en.contains("⚠ down · stale"))
        #expect(en.contains("Times are in Asia/Shanghai."))
    }

    @Test func loginFormPostsATokenAndShowsTheError() {
        let html = PagesFixture.text(
            LoginPage(error: "令牌无效", next: "/subsidies?period=2025", context: PageContext(path: "/login")).render())
        HTMLCheck.assertPage(html, .zh)
        #expect(html.contains("<form class=\"login\" method=\"post\" action=\"/login\">"))
        #expect(html.contains("name=\"token\" type=\"password\""))
        #expect(html.contains("<input type=\"hidden\" name=\"next\" value=\"/subsidies?period=2025\">"))
        #expect(html.contains("<div class=\"banner error\" id=\"login-error\" role=\"alert\">令牌无效</div>"))
        let en = PagesFixture.text(LoginPage(next: "//evil.example", context: PageContext(language: .en)).render())
        HTMLCheck.assertPage(en, .en)
        #expect(en.contains("value=\"/\""))
        #expect(en.contains("action=\"/login?lang=en\""))
        #expect(!en.contains("login-error"))
        #expect(LoginPage.safeNext("/\\evil") == "/")
    }

    @Test func errorPagesInBothLanguages() {
        let cases: [(Int, String, String)] = [
            (401, "401 · 需要登录", "401 · Sign-in required"), (403, "403 · 权限不足", "403 · Not allowed"),
            (404, "404 · 未找到", "404 · Not found"), (500, "500 · 服务器内部错误", "500 · Server error"),
        ]
        for (status, zh, en) in cases {
            let z = PagesFixture.text(ErrorPage(status: status, context: PageContext(path: "/x")).render())
            HTMLCheck.assertPage(z, .zh)
            #expect(z.contains("<h1 id=\"error-status\" data-status=\"\(status)\">\(zh)</h1>"))
            let e = PagesFixture.text(ErrorPage(status: status, context: PageContext(language: .en)).render())
            HTMLCheck.assertPage(e, .en)
            #expect(e.contains(">\(en)</h1>"))
        }
        let detail = PagesFixture.text(
            ErrorPage(status: 404, detail: "没有区县 <330299>", context: PageContext()).render())
        #expect(detail.contains("<p id=\"error-message\">没有区县 &lt;330299&gt;</p>"))
        let unauthorized = PagesFixture.text(ErrorPage(status: 401, context: PageContext(path: "/subsidies")).render())
        #expect(unauthorized.contains("href=\"/login?next=%2Fsubsidies\""))
    }

    @Test func linkedStylesheetInsteadOfInline() {
        let html = PagesFixture.text(
            ErrorPage(status: 404, context: PageContext(stylesheet: .link("/static/app.css"))).render())
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/static/app.css\">"))
        #expect(!html.contains("<style>"))
        #expect(PageStyle.css.contains("@media print"))
        #expect(!HTMLCheck.externalReferences(PageStyle.css))
    }
}
