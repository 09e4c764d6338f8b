import QualityCore

extension DemoConfig {
    /// The risk score reads the returns and foreign notifications, the failed sampled batches and
    /// whether the enterprise has an accredited lab (抽查结合退运、通报等风险信息).
    static let riskScore =
        "3 * coalesce(returns, 0) + 5 * coalesce(notifications, 0)"
        + " + 2 * (coalesce(batches_sampled, 0) - coalesce(batches_passed, 0)) + 1 - least(coalesce(cnas_labs, 0), 1)"

    static let inspectorNames = [
        "张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周杰", "吴婷", "徐峰", "孙丽", "马超", "朱红", "胡斌",
    ]

    /// Four risk classes (A low … D high) and three inspectors per district, the last of the
    /// first district retired; none in a one-district world, where no inspector is from elsewhere.
    var sampling: SamplingConfig? {
        guard world.districts.count > 1 else { return nil }
        let classes = [
            RiskClass(id: "A", name: LocalizedText(zh: "低风险", en: "Low risk"), minScore: 0, ratio: 0.03),
            RiskClass(id: "B", name: LocalizedText(zh: "较低风险", en: "Moderate risk"), minScore: 2, ratio: 0.08),
            RiskClass(id: "C", name: LocalizedText(zh: "较高风险", en: "Elevated risk"), minScore: 5, ratio: 0.2),
            RiskClass(id: "D", name: LocalizedText(zh: "高风险", en: "High risk"), minScore: 10, ratio: 0.5),
        ]
        var inspectors: [Inspector] = []
        for (d, district) in world.districts.enumerated() {
            for k in 1...3 {
                let name = Self.inspectorNames[(d * 3 + k - 1) % Self.inspectorNames.count]
                inspectors.append(
                    Inspector(
                        id: "\(district.code)-\(k)", name: name, district: district.code, active: !(d == 0 && k == 3)))
            }
        }
        return SamplingConfig(
            riskScore: ExpressionSource(Self.riskScore), classes: classes, minPerStratum: 1, inspectors: inspectors)
    }

    func samplingSection(_ sampling: SamplingConfig?, _ out: inout YAMLOutput) {
        guard let s = sampling else { return }
        out.comment("Supervisory sampling (双随机、一公开): a risk score per enterprise sets its class, each class")
        out.comment("its sampling ratio; two inspectors from other districts per inspection (docs/SAMPLING.md).")
        out.line("sampling:")
        out.line("  risk_score: \(YAMLText.quoted(s.riskScore.text))")
        out.line("  classes:")
        for c in s.classes {
            out.line(
                "    - "
                    + YAMLText.flow([
                        ("id", c.id), ("name", YAMLText.localized(c.name)), ("min_score", YAMLText.number(c.minScore)),
                        ("ratio", YAMLText.number(c.ratio)),
                    ]))
        }
        out.line("  min_per_stratum: \(s.minPerStratum)")
        out.line("  inspectors:")
        for i in s.inspectors {
            var pairs = [("id", YAMLText.quoted(i.id)), ("name", i.name), ("district", YAMLText.quoted(i.district))]
            if !i.active { pairs.append(("active", "false")) }
            out.line("    - " + YAMLText.flow(pairs))
        }
        out.blank()
    }
}
