import QualityCore

/// `shared/examples/worked/config.yaml`, written out in Swift while the YAML loader is elsewhere.
enum WorkedConfig {
    static func make() -> Config {
        var c = Config()
        c.version = 1
        c.period = .year
        c.districts = [
            District(code: "330203", name: LocalizedText(zh: "海曙区", en: "Haishu")),
            District(code: "330205", name: LocalizedText(zh: "江北区", en: "Jiangbei")),
            District(code: "330212", name: LocalizedText(zh: "鄞州区", en: "Yinzhou")),
        ]
        c.indicators = [
            Indicator(
                id: "sampling_pass_rate", name: LocalizedText(zh: "出口工业品监督抽查合格率", en: "Export sampling pass rate"),
                unit: .percent, value: "sum(batches_passed) / sum(batches_sampled) * 100"
            ),
            Indicator(
                id: "return_rate", name: LocalizedText(zh: "退运及国外通报企业占比", en: "Share of exporters with returns"),
                unit: .percent, direction: .lower, value: "count(returns > 0) / count(exporter) * 100"
            ),
            Indicator(
                id: "cnas_labs", name: LocalizedText(zh: "CNAS认可企业实验室数", en: "CNAS-accredited enterprise labs"),
                unit: .count, value: "sum(cnas_labs)"
            ),
            Indicator(
                id: "standards_led", name: LocalizedText(zh: "主导制修订标准数", en: "Standards led"), unit: .count,
                value: "sum(standards_led)"
            ),
            Indicator(
                id: "rectification_rate",
                name: LocalizedText(zh: "质量问题整改完成率", en: "Quality issue rectification rate"), unit: .percent,
                value: "sum(issues_rectified) / sum(issues_found) * 100"
            ),
        ]
        c.scoring = scoring()
        c.subsidies = subsidies()
        return c
    }

    static func scoring() -> ScoringConfig {
        var s = ScoringConfig()
        s.total = 100
        s.maxTotal = 105
        s.missing = .zero
        s.dimensions = [
            Dimension(
                id: "safety", name: LocalizedText(zh: "质量安全", en: "Quality safety"),
                indicators: [
                    ScoredIndicator(
                        indicator: "sampling_pass_rate", weight: 30, method: .target(floor: 85, target: 98)),
                    ScoredIndicator(indicator: "return_rate", weight: 20, method: .target(floor: 60, target: 0)),
                ]
            ),
            Dimension(
                id: "foundation", name: LocalizedText(zh: "质量基础", en: "Quality infrastructure"),
                indicators: [
                    ScoredIndicator(indicator: "cnas_labs", weight: 15, method: .minmax),
                    ScoredIndicator(
                        indicator: "standards_led", weight: 15,
                        method: .bands([
                            Band(min: 3, score: 1.0), Band(min: 2, score: 0.8), Band(min: 1, score: 0.5),
                        ])
                    ),
                ]
            ),
            Dimension(
                id: "improvement", name: LocalizedText(zh: "质量提升", en: "Quality improvement"),
                indicators: [
                    ScoredIndicator(
                        indicator: "rectification_rate", weight: 20, method: .target(floor: 60, target: 100),
                        missing: .exclude
                    )
                ]
            ),
        ]
        s.bonus = [
            Adjustment(
                id: "national_award", name: LocalizedText(zh: "国家级质量奖励", en: "National quality awards"),
                points: "2 * count(\"cn_export_quality_demo\" in awards)", cap: 4
            )
        ]
        s.penalties = [
            Adjustment(
                id: "notifications", name: LocalizedText(zh: "国外通报扣分", en: "Foreign notifications"),
                points: "0.5 * sum(notifications)", cap: 3
            )
        ]
        s.veto = [
            Rule(
                id: "major_incident", name: LocalizedText(zh: "发生重大质量安全事故", en: "Major quality safety incident"),
                when: "major_incidents > 0"
            )
        ]
        s.grades = [
            Grade(id: "excellent", name: LocalizedText(zh: "优秀", en: "Excellent"), min: 90),
            Grade(id: "good", name: LocalizedText(zh: "良好", en: "Good"), min: 80),
            Grade(id: "pass", name: LocalizedText(zh: "合格", en: "Pass"), min: 60),
            Grade(id: "fail", name: LocalizedText(zh: "不合格", en: "Fail"), min: 0),
        ]
        return s
    }

    static func subsidies() -> SubsidyConfig {
        var s = SubsidyConfig()
        s.budgetYuan = 600_000
        s.allocation = .proRata
        s.enterpriseCapYuan = 250_000
        s.eligibility = [
            Rule(
                id: "no_major_incident", name: LocalizedText(zh: "无重大质量安全事故", en: "No major quality incident"),
                when: "coalesce(major_incidents, 0) == 0"
            )
        ]
        s.programs = [
            Program(
                id: "demo_enterprise",
                name: LocalizedText(zh: "中国出口质量安全示范企业奖励", en: "National export quality demonstration enterprise"),
                basis: "《鄞州区经济发展政策实施细则》第十二条第一款", when: "\"cn_export_quality_demo\" in awards",
                amountYuan: "200000", group: "export_quality"
            ),
            Program(
                id: "city_award", name: LocalizedText(zh: "市级出口质量奖", en: "City export quality award"),
                basis: "《鄞州区经济发展政策实施细则》第十二条第二款", when: "\"city_export_quality_award\" in awards",
                amountYuan: "100000", group: "export_quality"
            ),
            Program(
                id: "lab_cnas", name: LocalizedText(zh: "企业实验室获CNAS认可奖励", en: "CNAS lab accreditation"),
                basis: "《鄞州区经济发展政策实施细则》第十三条", when: "cnas_labs_new > 0",
                amountYuan: "least(lab_investment_yuan * 0.2, 150000)", oncePerYears: 3
            ),
            Program(
                id: "standards", name: LocalizedText(zh: "标准化建设奖励", en: "Standardization work"),
                basis: "《鄞州区经济发展政策实施细则》第十四条", when: "standards_led > 0",
                amountYuan: "30000 * standards_led"
            ),
        ]
        return s
    }
}
