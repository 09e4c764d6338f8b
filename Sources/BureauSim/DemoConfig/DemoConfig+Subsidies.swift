import QualityCore

extension DemoConfig {
    static let policy = "《鄞州区经济发展政策实施细则》"

    /// Rewards mirroring Yinzhou's export-quality policy: the demonstration title and the city and
    /// district awards in one group (就高不重复), standardization work by standard level, lab
    /// construction and CNAS accreditation, and Zhejiang Made certification.
    var subsidies: SubsidyConfig {
        var s = SubsidyConfig()
        s.budgetYuan = budget(8_000_000)
        s.allocation = .proRata
        s.priority = "coalesce(export_value_usd, 0)"
        s.enterpriseCapYuan = 300_000
        s.eligibility = [
            Rule(
                id: "no_major_incident", name: LocalizedText(zh: "无重大质量安全事故", en: "No major quality safety incident"),
                when: "coalesce(major_incidents, 0) == 0"),
            Rule(
                id: "issues_rectified",
                name: LocalizedText(zh: "春雨行动发现问题已全部整改", en: "All Spring Rain issues rectified"),
                when: "coalesce(issues_rectified, 0) >= coalesce(issues_found, 0)"),
        ]
        s.programs = [
            Program(
                id: "demo_enterprise",
                name: LocalizedText(
                    zh: "中国出口质量安全示范企业奖励", en: "National export quality safety demonstration enterprise"),
                basis: Self.policy + "第十二条第一款", when: "demo_enterprise > 0", amountYuan: "200000",
                group: "export_quality", oncePerYears: 3),
            Program(
                id: "city_award", name: LocalizedText(zh: "市级出口质量奖奖励", en: "City export quality award"),
                basis: Self.policy + "第十二条第二款", when: #""city_export_quality_award" in awards"#,
                amountYuan: "100000", group: "export_quality"),
            Program(
                id: "district_award", name: LocalizedText(zh: "区级出口质量奖奖励", en: "District export quality award"),
                basis: Self.policy + "第十二条第三款", when: #""district_export_quality_award" in awards"#,
                amountYuan: "50000", group: "export_quality"),
            Program(
                id: "standards", name: LocalizedText(zh: "主导制修订标准奖励", en: "Standardization work (per standard led)"),
                basis: Self.policy + "第十三条", when: "standards_led > 0", amountYuan: "standards_award_yuan",
                budgetYuan: budget(2_000_000)),
            Program(
                id: "lab_cnas",
                name: LocalizedText(zh: "企业实验室建设及CNAS认可奖励", en: "Enterprise lab construction and CNAS accreditation"),
                basis: Self.policy + "第十四条", when: "cnas_labs_new > 0",
                amountYuan: "least(lab_investment_yuan * 0.2, 150000)", oncePerYears: 3),
            Program(
                id: "zhejiang_made", name: LocalizedText(zh: "浙江制造认证奖励", en: "Zhejiang Made certification"),
                basis: Self.policy + "第十五条", when: #""zhejiang_made" in awards"#, amountYuan: "50000"),
        ]
        return s
    }
}
