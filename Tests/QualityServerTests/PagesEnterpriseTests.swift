import Foundation
import QualityConfig
import QualityCore
import Testing

@testable import QualityServer

@Suite struct PagesEnterpriseTests {
    static func render(_ uscc: String, _ language: Language = .zh) throws -> String {
        let w = try PagesFixture.worked()
        let explanation = try #require(w.loaded.model.explain(uscc: uscc, in: w.snapshot))
        let page = EnterprisePage(
            config: w.config, explanation: explanation, awards: w.result.subsidies.awards.filter { $0.uscc == uscc },
            provenance: Provenance(w.result), context: PagesFixture.context(language, path: "/enterprises/" + uscc))
        return PagesFixture.text(page.render())
    }

    static func sentence(_ html: String, _ program: String) -> String {
        guard let start = html.range(of: "<li class=\"sentence\" data-program=\"\(program)\">") else { return "" }
        let rest = html[start.upperBound...]
        return String(rest[..<(rest.range(of: "</li>")?.lowerBound ?? rest.endIndex)])
    }

    @Test func jiangbeiApplianceInChinese() throws {
        let html = try Self.render("91330205MA000003XN")
        HTMLCheck.assertPage(html, .zh)
        PagesFixture.expect(
            html,
            contains: [
                "<h1 data-uscc=\"91330205MA000003XN\"><bdi>宁波江北电器有限公司</bdi></h1>",
                "<dd class=\"money\" id=\"granted-total\" data-value=\"156250.00\">156,250.00 元</dd>",
                "<tr data-rule=\"no_major_incident\" data-held=\"true\">",
                "<code>coalesce(major_incidents, 0) == 0</code>",
                // The steps of lab_cnas: amount formula, cap, budget.
                "<code>least(lab_investment_yuan * 0.2, 150000)</code>",
                "<td class=\"outcome bad\" data-value=\"enterprise_cap\">✗ 超出企业奖励上限</td>",
                "<td class=\"money\" data-value=\"50000.00\">50,000.00</td>", "✗ 由「中国出口质量安全示范企业奖励」代替",
                "<td class=\"money granted\" data-value=\"31250.00\"><strong>31,250.00</strong></td>",
            ])
    }

    /// 江北电器's sentence for each program: the requested amount, each cut and the grant, in words.
    static let jiangbeiSentences: [(Language, String, String)] = [
        (
            .zh, "demo_enterprise",
            "「中国出口质量安全示范企业奖励」：申请 200,000.00 元，总预算 600,000.00 元不足，按比例核减为 125,000.00 元；最终核定 125,000.00 元。"
        ),
        (.zh, "city_award", "「市级出口质量奖」：与同组（export_quality）金额更高的「中国出口质量安全示范企业奖励」就高不重复，本项目不予奖励。"),
        (
            .zh, "lab_cnas",
            "「企业实验室获CNAS认可奖励」：申请 150,000.00 元，超出企业奖励上限 250,000.00 元，核减为 50,000.00 元，"
                + "总预算 600,000.00 元不足，按比例核减为 31,250.00 元；最终核定 31,250.00 元。"
        ),
        (
            .zh, "standards",
            "「标准化建设奖励」：申请 60,000.00 元，超出企业奖励上限 250,000.00 元，核减为 0.00 元，"
                + "总预算 600,000.00 元不足，按比例核减为 0.00 元；最终核定 0.00 元。"
        ),
        (
            .en, "city_award",
            "City export quality award: same group (export_quality) as the higher award National export quality "
                + "demonstration enterprise; only the highest is paid, so nothing here."
        ),
        (
            .en, "lab_cnas",
            "CNAS lab accreditation: requested 150,000.00 yuan, cut to 50,000.00 yuan by the enterprise cap of "
                + "250,000.00 yuan, cut pro rata to 31,250.00 yuan by the overall budget of 600,000.00 yuan; "
                + "granted 31,250.00 yuan."
        ),
    ]

    @Test(arguments: jiangbeiSentences)
    func jiangbeiApplianceSentence(language: Language, program: String, sentence: String) throws {
        let html = try Self.render("91330205MA000003XN", language)
        HTMLCheck.assertPage(html, language)
        #expect(Self.sentence(html, program) == sentence)
    }

    @Test func oncePerYearsNamesThePayoutYear() throws {
        let html = try Self.render("91330212MA000006XX")
        #expect(
            Self.sentence(html, "lab_cnas")
                == "「企业实验室获CNAS认可奖励」：已于 2023 年获本项目奖励，3 年内不重复奖励，本期不予奖励。")
        #expect(html.contains("<td class=\"outcome bad\" data-value=\"2023\">✗ 2023 年已发放，本期排除</td>"))
        #expect(
            Self.sentence(html, "city_award")
                == "「市级出口质量奖」：条件 &quot;city_export_quality_award&quot; in awards 不成立，不适用本项目。")
    }

    @Test func ineligibleAndRejectedGetOneSentence() throws {
        let ineligible = try Self.render("91330205MA000004XP")
        #expect(Self.sentence(ineligible, "*") == "该企业不符合资格条件「无重大质量安全事故」，所有奖励项目均不予奖励。")
        PagesFixture.expect(
            ineligible, contains: ["<tr data-rule=\"no_major_incident\" data-held=\"false\">", "✗ 不满足", "名单中没有该企业。"])
        let rejected = try Self.render("91330212MA00000999", .en)
        #expect(
            Self.sentence(rejected, "*")
                == "The enterprise was rejected before the rules ran (Invalid USCC check character), so no program pays it."
        )
        #expect(rejected.contains("<dd id=\"status\" data-value=\"rejected\">rejected</dd>"))
    }
}
