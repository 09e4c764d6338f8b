import QualityCore

extension DistrictPage {
    /// Bonus and penalty items with their expressions, own caps and contributions, then the overall caps.
    func adjustments(_ w: inout HTMLWriter) {
        let c = context
        let s = config.scoring
        w.element("h2", text: c.t("加分与扣分", "Bonus and penalties"))
        adjustmentTable(
            &w, id: "bonus", title: c.t("加分项", "Bonus"), items: s.bonus, values: district.bonusItems,
            total: district.bonus, cap: s.bonusCap, capName: "bonus_cap")
        adjustmentTable(
            &w, id: "penalty", title: c.t("扣分项", "Penalties"), items: s.penalties, values: district.penaltyItems,
            total: district.penalty, cap: s.penaltyCap, capName: "penalty_cap")
    }

    private func figure(_ w: inout HTMLWriter, _ caption: String, _ chart: (inout HTMLWriter) -> Void) {
        w.raw("<figure>")
        w.element("figcaption", text: caption)
        chart(&w)
        w.raw("</figure>")
    }

    private func adjustmentTable(
        _ w: inout HTMLWriter, id: String, title: String, items: [Adjustment], values: [NamedNumber], total: Double,
        cap: Double?, capName: String
    ) {
        let c = context
        guard !items.isEmpty else { return }
        w.open("table", ["id": id, "class": "adjustments"])
        w.element("caption", text: title)
        w.headerRow([
            c.t("项目", "Item"), c.t("计算公式", "Expression"), c.t("单项上限", "Cap"), c.t("计入分值", "Counted"),
        ])
        w.raw("<tbody>")
        for item in items {
            let value = values.first { $0.id == item.id }?.value ?? 0
            w.open("tr", ["data-item": item.id])
            w.th(c.t(item.name), scope: "row")
            w.element("td") { $0.element("code", text: item.points.text) }
            w.td(item.cap.map(PageFormat.compact) ?? c.t("无", "none"), class: "num")
            w.td(PageFormat.fixed(value), class: "num points", value: PageFormat.fixed(value))
            w.raw("</tr>")
        }
        w.raw("</tbody><tfoot><tr>")
        w.th(c.t("合计", "Total"), scope: "row")
        let sum = values.reduce(0) { $0 + $1.value }
        var note = c.t("负数或缺失计 0，单项不超过上限", "negative or missing counts 0; each item within its cap")
        if let cap {
            note += c.t(
                "；总上限 \(PageFormat.compact(cap))（\(capName)）", "; overall cap \(PageFormat.compact(cap)) (\(capName))")
            if sum > cap + 1e-9 {
                note += c.t(
                    "，\(PageFormat.fixed(sum)) 封顶为 \(PageFormat.fixed(total))", ": \(PageFormat.fixed(sum)) capped")
            }
        }
        w.element("td", ["colspan": "2", "class": "muted"], text: note)
        w.td(PageFormat.fixed(total), class: "num total", value: PageFormat.fixed(total))
        w.raw("</tr></tfoot></table>")
    }

    /// Total and rank over the stored periods: two line charts and a table.
    func trendSection(_ w: inout HTMLWriter) {
        let c = context
        guard !trend.isEmpty else { return }
        w.element("h2", text: c.t("历期走势", "Trend over stored periods"))
        let labels = trend.map { PageFormat.period($0.period, c.language) }
        let totals = trend.map { $0.district?.total }
        let maxTotal = config.scoring.effectiveMaxTotal
        let step = config.scoring.total / 4
        w.raw("<div class=\"charts\">")
        figure(&w, c.t("总分", "Total")) { w in
            SVGChart.line(
                &w, id: "trend-total", title: c.t("总分走势", "Total by period"), labels: labels, values: totals,
                yMin: 0, yMax: maxTotal, ticks: (0...4).map { Double($0) * step },
                tickText: { PageFormat.compact($0) }, text: { PageFormat.fixed($0) })
        }
        let maxRank = max(config.districts.count, trend.compactMap { $0.district?.rank }.max() ?? 1, 1)
        let rankTicks = maxRank <= 10 ? (1...maxRank).map(Double.init) : [1, Double(maxRank / 2), Double(maxRank)]
        figure(&w, c.t("排名（1 为最好）", "Rank (1 is best)")) { w in
            SVGChart.line(
                &w, id: "trend-rank", title: c.t("排名走势（1 为最好）", "Rank by period (1 is best)"), labels: labels,
                values: trend.map { $0.district?.rank.map(Double.init) }, yMin: 1, yMax: Double(maxRank),
                ticks: rankTicks, inverted: true, colour: "#e08a1e", text: { String(Int($0)) })
        }
        w.raw("</div>")
        w.open("table", ["id": "trend"])
        w.headerRow([c.t("评价期", "Period"), c.t("总分", "Total"), c.t("排名", "Rank"), c.t("等级", "Grade")])
        w.raw("<tbody>")
        for point in trend {
            let d = point.district
            w.open("tr", ["data-period": point.period])
            w.th(PageFormat.period(point.period, c.language), scope: "row")
            w.td(
                d == nil
                    ? c.t("无数据", "no data")
                    : d?.incomplete == true ? c.t("不完整", "incomplete") : PageFormat.fixed(d?.total),
                class: "score", value: d?.total.map { PageFormat.fixed($0) })
            w.td(d?.rank.map(String.init) ?? "—", class: "rank")
            w.td(text.grade(d?.grade), class: "grade")
            w.raw("</tr>")
        }
        w.raw("</tbody></table>")
    }
}
