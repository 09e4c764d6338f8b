import QualityCore

extension DemoConfig {
    /// The industry quality analysis report (行业质量分析报告): its figures over the enterprises of
    /// one industry, and per district.
    var reports: [ReportConfig] {
        var r = ReportConfig(
            id: "industry", name: LocalizedText(zh: "行业质量分析报告", en: "Industry quality analysis report"),
            groupBy: "industry")
        r.groups = [
            ("textile", LocalizedText(zh: "纺织服装", en: "Textiles and apparel")),
            ("auto_parts", LocalizedText(zh: "汽车零部件", en: "Auto parts")),
            ("appliances", LocalizedText(zh: "家用电器", en: "Household appliances")),
            ("packaging", LocalizedText(zh: "包装材料", en: "Packaging")),
            ("other", LocalizedText(zh: "其他", en: "Other")),
        ]
        let figures: [(String, String, String, IndicatorUnit, String)] = [
            ("enterprises", "企业数", "Enterprises", .count, "count()"),
            ("exporters", "出口企业数", "Exporters", .count, "count(export_value_usd > 0)"),
            ("batches_sampled", "抽检批次", "Batches sampled", .count, "sum(batches_sampled)"),
            ("batches_passed", "合格批次", "Batches passed", .count, "sum(batches_passed)"),
            ("pass_rate", "抽检合格率", "Pass rate", .percent, "sum(batches_passed) / sum(batches_sampled) * 100"),
            ("with_returns", "有退运的企业", "Enterprises with returns", .count, "count(returns > 0)"),
            (
                "with_notifications", "被国外通报的企业", "Enterprises with foreign notifications", .count,
                "count(notifications > 0)"
            ),
            ("cnas_labs", "CNAS认可实验室", "CNAS-accredited labs", .count, "sum(cnas_labs)"),
            ("standards_led", "主导制修订标准", "Standards led", .count, "sum(standards_led)"),
            (
                "award_holders", "获质量荣誉的企业", "Enterprises with a quality honour", .count,
                "count(awards != [])"
            ),
        ]
        r.figures = figures.map {
            ReportFigure(id: $0.0, name: LocalizedText(zh: $0.1, en: $0.2), unit: $0.3, value: ExpressionSource($0.4))
        }
        r.trend = "pass_rate"
        r.compare = "pass_rate"
        return [r]
    }

    func reportsSection(_ reports: [ReportConfig], _ out: inout YAMLOutput) {
        guard !reports.isEmpty else { return }
        out.comment("Reports (分析报告): figures are aggregates over a group's enterprises (here one industry),")
        out.comment("for the group and per district; `trend` is charted over the stored periods.")
        out.line("reports:")
        for r in reports {
            out.item("  ", id: r.id, name: r.name)
            out.line("    group_by: \(r.groupBy)")
            out.line("    groups:")
            for g in r.groups { out.line("      \(g.value): \(YAMLText.localized(g.name))") }
            out.line("    figures:")
            for f in r.figures {
                out.item("      ", id: f.id, name: f.name)
                out.line("        unit: \(f.unit.rawValue)")
                out.line("        value: \(YAMLText.quoted(f.value.text))")
            }
            if let trend = r.trend { out.line("    trend: \(trend)") }
            if let compare = r.compare { out.line("    compare: \(compare)") }
        }
        out.blank()
    }
}
