import QualityConfig
import QualityCore
import Testing

/// The `reports` section: decoding, and its errors with line and column (from line 24).
@Suite struct ReportConfigTests {
    @Test func decodesAReport() throws {
        let loaded = try load(
            Base.appending(
                """
                reports:
                  - id: industry
                    name: { zh: 行业质量分析报告, en: Industry report }
                    group_by: industry
                    groups: { textile: { zh: 纺织服装, en: Textiles }, other: 其他 }
                    figures:
                      - { id: pass_rate, name: 合格率, unit: percent, value: "sum(passed) / sum(sampled) * 100" }
                      - { id: enterprises, value: "count()" }
                    trend: pass_rate
                    compare: pass_rate

                """))
        let r = try #require(loaded.config.report(id: "industry"))
        #expect(r.groupBy == "industry")
        #expect(r.groups.map(\.value) == ["textile", "other"])
        #expect(r.groupName("textile") == LocalizedText(zh: "纺织服装", en: "Textiles"))
        #expect(r.groupName("steel") == LocalizedText(zh: "steel"))
        #expect(r.figures.map(\.id) == ["pass_rate", "enterprises"])
        #expect(r.figures.map(\.unit) == [.percent, .count])
        #expect(r.trend == "pass_rate" && r.compare == "pass_rate")
        #expect(loaded.model.reports.count == 1)
    }

    @Test func reportsEveryProblemWithLineAndColumn() {
        let yaml = Base.appending(
            """
            reports:
              - id: industry
                group_by: industry
                figures:
                  - { id: rate, value: "sum(passed) /" }
                  - { id: rate, value: "count()", unit: pct }
                trend: rte

            """)
        #expect(
            errors(yaml) == [
                Expected(28, 42, "reports[0].figures[0].value", "unexpected end of expression"),
                Expected(29, 15, "reports[0].figures[1].id", "duplicate id 'rate' (first at line 28)"),
                Expected(
                    29, 45, "reports[0].figures[1].unit",
                    "expected one of: percent, ratio, count, yuan, days, points (found 'pct')"),
                Expected(30, 12, "reports[0].trend", "unknown figure 'rte'"),
            ])
    }
}
