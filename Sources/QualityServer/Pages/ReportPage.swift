import QualityCore

/// `GET /reports/{report}/{group}[?period=]`: an analysis report for one group (the industry
/// quality analysis report), printable on A4: a generated summary, the figures against the
/// previous stored period, the enterprises per risk class, the figures per district, and the
/// trend over the stored periods as an SVG chart. Renders `ReportAnalysis`; decides nothing.
package struct ReportPage: Sendable {
    package var config: Config
    package var analysis: ReportAnalysis
    package var context: PageContext

    package init(config: Config, analysis: ReportAnalysis, context: PageContext) {
        self.config = config
        self.analysis = analysis
        self.context = context
    }

    var report: ReportConfig { analysis.report }

    var title: String {
        let c = context
        let group = report.groupName(analysis.current.group)
        return c.t(
            PageFormat.period(analysis.current.period, .zh) + group.zh + report.name.zh,
            report.name.text(.en) + ": " + group.text(.en) + ", " + PageFormat.period(analysis.current.period, .en))
    }

    func figure(_ id: String) -> ReportFigure? { report.figures.first { $0.id == id } }

    /// In the figure's unit; whole counts without decimals.
    func format(_ value: Double?, _ id: String) -> String {
        let unit = figure(id)?.unit ?? .count
        if unit == .count, let value, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return PageFormat.value(value, unit: unit, context.language)
    }

    package func render() -> [UInt8] {
        let c = context
        return PageLayout.document(
            c, title: title, nav: nil, provenance: Provenance(period: analysis.current.period),
            bodyClass: "notice report"
        ) { w in
            w.element("h1", ["id": "report-title"], text: title)
            summary(&w)
            figures(&w)
            classes(&w)
            districts(&w)
            trend(&w)
        }
    }

    /// Generated sentences: the three largest changes, then the districts above and below.
    func summary(_ w: inout HTMLWriter) {
        let c = context
        let cur = analysis.current
        w.element("h2", text: c.t("概述", "Summary"))
        w.open("div", ["id": "report-summary"])
        w.element(
            "p",
            text: c.t(
                "本期本行业企业 \(cur.enterprises) 家。", "\(cur.enterprises) enterprises of the industry this period."))
        if let previous = analysis.previous {
            let changes = analysis.largestChanges
            let prev = PageFormat.period(previous.period, c.language)
            if changes.isEmpty {
                w.element(
                    "p", ["id": "summary-changes"], text: c.t("与\(prev)相比，各项指标无变化。", "No figure changed since \(prev).")
                )
            } else {
                let parts = changes.map { ch in
                    c.t(figure(ch.id)?.name ?? LocalizedText(zh: ch.id)) + " " + format(ch.previous, ch.id) + " → "
                        + format(ch.current, ch.id) + "（" + PageFormat.signed(ch.change ?? 0) + "）"
                }
                w.element(
                    "p", ["id": "summary-changes"],
                    text: c.t("与\(prev)相比，变化最大的三项：", "Largest changes since \(prev): ")
                        + parts.joined(separator: c.t("；", "; ")) + c.t("。", "."))
            }
        } else {
            w.element(
                "p", ["id": "summary-changes"],
                text: c.t("尚无上一期数据，暂不比较变化。", "No earlier stored period to compare with."))
        }
        if let (id, above, below) = analysis.comparison {
            let name = c.t(figure(id)?.name ?? LocalizedText(zh: id))
            let overall = format(cur.value(id), id)
            func names(_ codes: [String]) -> String {
                codes.isEmpty
                    ? c.t("无", "none")
                    : codes.map { SamplingPlanTable.districtName($0, config, c) }.joined(separator: c.t("、", ", "))
            }
            w.element(
                "p", ["id": "summary-districts"],
                text: c.t(
                    "\(name)高于全行业（\(overall)）的区县：\(names(above))；低于的区县：\(names(below))。",
                    "Districts above the industry's \(name) (\(overall)): \(names(above)); below: \(names(below))."))
        }
        w.close("div")
    }

    func figures(_ w: inout HTMLWriter) {
        let c = context
        let prev = analysis.previous.map { PageFormat.period($0.period, c.language) } ?? c.t("上期", "Previous")
        w.element("h2", text: c.t("主要指标", "Figures"))
        w.open("table", ["id": "report-figures"])
        w.headerRow([c.t("指标", "Figure"), c.t("本期", "This period"), prev, c.t("变化", "Change")])
        w.raw("<tbody>\n")
        for ch in analysis.changes {
            w.open("tr", ["data-figure": ch.id])
            w.th(c.t(figure(ch.id)?.name ?? LocalizedText(zh: ch.id)), scope: "row")
            w.td(format(ch.current, ch.id), class: "num", value: ch.current.map { PageFormat.fixed($0, digits: 6) })
            w.td(format(ch.previous, ch.id), class: "num")
            w.td(ch.change.map { PageFormat.signed($0) } ?? "—", class: "num")
            w.raw("</tr>\n")
        }
        w.raw("</tbody></table>\n")
    }

    func classes(_ w: inout HTMLWriter) {
        let c = context
        let classes = analysis.current.classes
        guard !classes.isEmpty else { return }
        w.element("h2", text: c.t("风险等级分布", "Enterprises by risk class"))
        w.open("table", ["id": "report-classes"])
        w.headerRow(classes.map { SamplingPlanTable.className($0.id, config, c) })
        w.raw("<tbody><tr>")
        for cls in classes { w.td(String(cls.enterprises), class: "num") }
        w.raw("</tr></tbody></table>\n")
    }

    /// Districts down, figures across, five figures to a table so that it fits A4.
    func districts(_ w: inout HTMLWriter) {
        let c = context
        w.element("h2", text: c.t("分区县情况", "By district"))
        let columns = Array(report.figures.indices)
        for (part, start) in stride(from: 0, to: columns.count, by: 5).enumerated() {
            let slice = columns[start..<min(start + 5, columns.count)]
            w.open(
                "table",
                ["id": part == 0 ? "report-districts" : "report-districts-\(part + 1)", "class": "report-districts"])
            w.headerRow([c.t("区县", "District")] + slice.map { c.t(report.figures[$0].name) })
            w.raw("<tbody>\n")
            for d in analysis.current.districts {
                w.open("tr", ["data-district": d.code])
                w.th(SamplingPlanTable.districtName(d.code, config, c), scope: "row")
                for i in slice where i < d.figures.count {
                    w.td(format(d.figures[i].value, d.figures[i].id), class: "num")
                }
                w.raw("</tr>\n")
            }
            w.raw("</tbody></table>\n")
        }
    }

    func trend(_ w: inout HTMLWriter) {
        let c = context
        let points = analysis.trend
        guard let id = report.trend, !points.isEmpty else { return }
        let name = c.t(figure(id)?.name ?? LocalizedText(zh: id))
        w.element("h2", text: c.t("历期走势：", "Trend: ") + name)
        let values = points.compactMap(\.value)
        let low = (values.min() ?? 0)
        let high = (values.max() ?? 1)
        let pad = max((high - low) * 0.1, 1)
        let (yMin, yMax) = (low - pad, high + pad)
        w.open("figure", ["id": "report-trend"])
        SVGChart.line(
            &w, id: "trend-" + id, title: name, labels: points.map { PageFormat.period($0.period, c.language) },
            values: points.map(\.value), yMin: yMin, yMax: yMax,
            ticks: [yMin, (yMin + yMax) / 2, yMax], text: { PageFormat.fixed($0) })
        w.close("figure")
    }
}
