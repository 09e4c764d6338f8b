import QualityCore

extension DemoConfig {
    /// Eight indicators of a quality-strong-district assessment, as the inspection bureau and its
    /// partners measured them in the pilots. Counts are per 100 exporters so that large and small
    /// districts compare fairly.
    var indicators: [Indicator] {
        [
            Indicator(
                id: "sampling_pass_rate", name: LocalizedText(zh: "出口工业品监督抽查合格率", en: "Export sampling pass rate"),
                unit: .percent, value: "sum(batches_passed) / sum(batches_sampled) * 100"),
            Indicator(
                id: "return_share",
                name: LocalizedText(zh: "退运及国外通报企业占比", en: "Share of exporters with returns or foreign notifications"),
                unit: .percent, direction: .lower, value: "count(returns > 0 || notifications > 0) / count() * 100"),
            Indicator(
                id: "cnas_labs_per_100",
                name: LocalizedText(zh: "每百家企业CNAS认可实验室数", en: "CNAS-accredited enterprise labs per 100 exporters"),
                unit: .ratio, value: "sum(cnas_labs) / count() * 100"),
            Indicator(
                id: "standards_per_100",
                name: LocalizedText(zh: "每百家企业主导制修订标准数", en: "Standards led per 100 exporters"),
                unit: .ratio, value: "sum(standards_led) / count() * 100"),
            Indicator(
                id: "demo_enterprise_share",
                name: LocalizedText(
                    zh: "出口质量安全示范企业占比", en: "National export quality safety demonstration enterprises (share)"),
                unit: .percent, value: "count(demo_enterprise > 0) / count() * 100"),
            Indicator(
                id: "export_quality_awards",
                name: LocalizedText(
                    zh: "每百家企业出口质量奖数（市级、区级）", en: "Export quality awards per 100 exporters (city, district)"),
                unit: .ratio,
                value:
                    #"count("city_export_quality_award" in awards || "district_export_quality_award" in awards) / count() * 100"#
            ),
            Indicator(
                id: "rectification_rate",
                name: LocalizedText(zh: "质量问题整改完成率（春雨行动）", en: "Quality issue rectification rate (Spring Rain action)"),
                unit: .percent, value: "sum(issues_rectified) / sum(issues_found) * 100"),
            Indicator(
                id: "ccc_processing_days",
                name: LocalizedText(zh: "CCC免办平均办理时长", en: "CCC exemption average processing time"), unit: .days,
                direction: .lower, value: "sum(ccc_days_total) / sum(ccc_applications)"),
        ]
    }

    var scoring: ScoringConfig {
        var s = ScoringConfig()
        s.total = 100
        s.maxTotal = 105
        s.missing = .zero
        s.dimensions = [
            Dimension(
                id: "safety", name: LocalizedText(zh: "质量安全", en: "Quality safety"),
                indicators: [
                    ScoredIndicator(
                        indicator: "sampling_pass_rate", weight: 20, method: .target(floor: 85, target: 98)),
                    ScoredIndicator(indicator: "return_share", weight: 15, method: .target(floor: 25, target: 3)),
                ]),
            Dimension(
                id: "foundation", name: LocalizedText(zh: "质量基础", en: "Quality infrastructure"),
                indicators: [
                    ScoredIndicator(indicator: "cnas_labs_per_100", weight: 13, method: .minmax),
                    ScoredIndicator(
                        indicator: "standards_per_100", weight: 12,
                        method: .bands([
                            Band(min: 4, score: 1), Band(min: 3, score: 0.8), Band(min: 2, score: 0.6),
                            Band(min: 1, score: 0.3),
                        ])),
                ]),
            Dimension(
                id: "brand", name: LocalizedText(zh: "质量品牌", en: "Quality brands"),
                indicators: [
                    ScoredIndicator(
                        indicator: "demo_enterprise_share", weight: 10, method: .target(floor: 0, target: 1.2)),
                    ScoredIndicator(indicator: "export_quality_awards", weight: 10, method: .minmax),
                ]),
            Dimension(
                id: "improvement", name: LocalizedText(zh: "质量提升与通关便利", en: "Improvement and facilitation"),
                indicators: [
                    ScoredIndicator(
                        indicator: "rectification_rate", weight: 12, method: .target(floor: 60, target: 100),
                        missing: .exclude),
                    ScoredIndicator(
                        indicator: "ccc_processing_days", weight: 8,
                        method: .bands([Band(max: 3, score: 1), Band(max: 4.5, score: 0.7), Band(max: 6, score: 0.4)]),
                        missing: .exclude),
                ]),
        ]
        s.bonus = [
            Adjustment(
                id: "brands", name: LocalizedText(zh: "省级名牌与浙江制造认证", en: "Provincial brands and Zhejiang Made"),
                points: #"0.5 * count("provincial_brand" in awards) + 0.5 * count("zhejiang_made" in awards)"#, cap: 3),
            Adjustment(
                id: "new_labs", name: LocalizedText(zh: "新获CNAS认可实验室", en: "Newly accredited labs"),
                points: "0.5 * sum(cnas_labs_new)", cap: 2),
        ]
        s.bonusCap = 4
        s.penalties = [
            Adjustment(
                id: "foreign_notifications", name: LocalizedText(zh: "国外通报扣分", en: "Foreign notifications"),
                points: "0.2 * sum(notifications)", cap: 3),
            Adjustment(
                id: "complaints", name: LocalizedText(zh: "质量投诉扣分", en: "Quality complaints"),
                points: "0.05 * complaints", cap: 2),
        ]
        s.penaltyCap = 4
        s.veto = [
            Rule(
                id: "major_incident", name: LocalizedText(zh: "发生重大质量安全事故", en: "Major quality safety incident"),
                when: "major_incidents > 0")
        ]
        s.grades = [
            Grade(id: "excellent", name: LocalizedText(zh: "优秀", en: "Excellent"), min: 90),
            Grade(id: "good", name: LocalizedText(zh: "良好", en: "Good"), min: 80),
            Grade(id: "pass", name: LocalizedText(zh: "合格", en: "Pass"), min: 60),
            Grade(id: "fail", name: LocalizedText(zh: "不合格", en: "Fail"), min: 0),
        ]
        return s
    }
}
