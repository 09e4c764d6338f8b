import QualityCore
import QualityStore

/// One stored period of a district, for the trend: nil when the district has no result that period.
package struct TrendPoint: Sendable, Equatable {
    package var period: String
    package var district: DistrictResult?
}

/// `GET /districts/{code}`: why the district has its score. Every point is traced to an indicator
/// value, its method and parameters, its weight and any rescaling; then bonus, penalty, veto, the
/// total formula, the grade thresholds and the trend over stored periods.
package struct DistrictPage: Sendable {
    package var config: Config
    package var result: AssessmentResult
    package var district: DistrictResult
    /// The district over the stored periods, oldest first (the current period included).
    package var trend: [TrendPoint]
    package var previous: AssessmentResult?
    package var context: PageContext
    /// The district's appeals against this period's result (docs/SEMANTICS.md §14).
    package var appeals: [Appeal] = []
    /// The daemon's weight sensitivity run of `result`, for the rank interval; nil shows none.
    package var sensitivity: SensitivityResult?

    /// Nil when `result` has no district `code` (the route answers 404).
    package init?(
        config: Config, result: AssessmentResult, code: String, trend: [TrendPoint] = [],
        previous: AssessmentResult? = nil, context: PageContext
    ) {
        guard let district = result.district(code: code) else { return nil }
        self.config = config
        self.result = result
        self.district = district
        self.trend = trend
        self.previous = previous
        self.context = context
    }

    var text: PageText { PageText(config: config, c: context) }

    package func render() -> [UInt8] {
        let c = context
        let d = district
        let name = text.districtName(d)
        return PageLayout.document(c, title: name, nav: .ranking, provenance: Provenance(result)) { w in
            w.element("p", ["class": "no-print"]) { $0.link(c.link("/"), c.t("← 返回排名", "← Back to ranking")) }
            w.element("h1", ["data-district": d.code]) { w in
                w.text(name)
                w.element("span", ["class": "en"], text: (c.language == .zh ? d.nameEn : d.name) + " · " + d.code)
            }
            w.element("p", ["class": "muted"], text: PageFormat.period(result.period, c.language))
            PolicyLine.write(&w, c, result.policy)
            summary(&w)
            vetoSection(&w)
            correctionsSection(&w)
            dimensions(&w)
            adjustments(&w)
            totalSection(&w)
            grades(&w)
            trendSection(&w)
            appealsSection(&w)
        }
    }

    private func summary(_ w: inout HTMLWriter) {
        let c = context
        let d = district
        let complete = result.districts.filter { !$0.incomplete }.count
        w.open("dl", ["class": "facts card", "id": "district-summary"])
        w.element("dt", text: c.t("总分", "Total"))
        w.element("dd", ["class": "score", "id": "total", "data-value": d.total.map { PageFormat.fixed($0) }]) { w in
            if d.incomplete {
                w.element("span", ["class": "badge incomplete-mark"], text: c.t("数据不完整", "Incomplete"))
            } else {
                w.text(PageFormat.fixed(d.total))
            }
        }
        w.element("dt", text: c.t("排名", "Rank"))
        w.element("dd", ["id": "rank", "data-value": d.rank.map(String.init)]) { w in
            w.text(d.rank.map { "\($0) / \(complete)" } ?? "—")
            rankRange(&w)
        }
        w.element("dt", text: c.t("等级", "Grade"))
        w.element("dd", ["class": "grade", "id": "grade", "data-value": d.grade], text: text.grade(d.grade))
        w.element("dt", text: c.t("参评企业", "Enterprises"))
        w.element("dd", ["id": "enterprises"], text: String(d.enterprises))
        if let previous {
            let before = previous.district(code: d.code)
            w.element("dt", text: c.t("较上期（", "Since ") + PageFormat.period(previous.period, c.language) + c.t("）", ""))
            var parts: [String] = []
            if let now = d.total, let then = before?.total {
                parts.append(c.t("总分 ", "total ") + PageFormat.signed(now - then))
            }
            if let now = d.rank, let then = before?.rank {
                let moved = then - now
                parts.append(c.t("排名 ", "rank ") + (moved > 0 ? "▲\(moved)" : moved < 0 ? "▼\(-moved)" : "="))
            }
            w.element("dd", ["id": "delta"], text: parts.isEmpty ? "—" : parts.joined(separator: ", "))
        }
        w.close("dl")
    }

    private func vetoSection(_ w: inout HTMLWriter) {
        let c = context
        guard !district.vetoedBy.isEmpty else { return }
        let lowest = config.scoring.grades.min { $0.min < $1.min }.map { c.t($0.name) } ?? "—"
        PageLayout.banner(&w, kind: "error", id: "veto") { w in
            w.element("strong", text: c.t("一票否决", "Vetoed"))
            w.raw("<ul>")
            for id in district.vetoedBy {
                let rule = config.scoring.veto.first { $0.id == id }
                w.element("li", ["data-veto": id]) { w in
                    w.text(text.veto(id) + c.t("（条件 ", " (when "))
                    w.element("code", text: rule?.when.text ?? id)
                    w.text(c.t(" 成立）", " held)"))
                }
            }
            w.raw("</ul>")
            w.element(
                "p",
                text: district.incomplete
                    ? c.t("该区数据不完整，无等级。", "The district is incomplete and has no grade.")
                    : c.t("等级定为「\(lowest)」，不论总分；排名保留。", "Graded \(lowest) whatever the total; the rank stays."))
        }
    }

    private func totalSection(_ w: inout HTMLWriter) {
        let c = context
        let d = district
        let s = config.scoring
        w.element("h2", text: c.t("总分计算", "Total"))
        guard let total = d.total, !d.incomplete else {
            w.element(
                "p", ["id": "total-formula"],
                text: c.t(
                    "有指标数据缺失且规则为 fail（或全部指标被排除），该区评价不完整：无总分、等级和排名。",
                    "An indicator is missing under `fail` (or every indicator was excluded): the district is incomplete, "
                        + "with no total, grade or rank."))
            return
        }
        let raw = d.base + d.bonus - d.penalty
        var line =
            c.t("基础分 ", "base ") + PageFormat.fixed(d.base) + c.t(" + 加分 ", " + bonus ") + PageFormat.fixed(d.bonus)
            + c.t(" − 扣分 ", " − penalty ") + PageFormat.fixed(d.penalty) + " = " + PageFormat.fixed(raw)
        if PageFormat.fixed(raw) != PageFormat.fixed(total) {
            line += " → " + PageFormat.fixed(total)
        }
        w.element("p", ["class": "formula", "id": "total-formula"], text: line)
        w.element(
            "p", ["class": "muted"],
            text: c.t(
                "总分截取在 0 至 \(PageFormat.compact(s.effectiveMaxTotal)) 之间（max_total）。",
                "The total is clamped to [0, \(PageFormat.compact(s.effectiveMaxTotal))] (max_total)."))
    }

    private func grades(_ w: inout HTMLWriter) {
        let c = context
        w.element("h2", text: c.t("等级划分", "Grades"))
        w.open("table", ["id": "grades", "class": "narrow"])
        w.headerRow([c.t("等级", "Grade"), c.t("最低总分", "Minimum total")])
        w.raw("<tbody>")
        for g in config.scoring.grades.sorted(by: { $0.min > $1.min }) {
            let current = g.id == district.grade
            w.open(
                "tr", ["data-grade": g.id, "class": current ? "current" : nil, "aria-current": current ? "true" : nil])
            w.element("th", ["scope": "row"], text: c.t(g.name) + (current ? c.t("（本区）", " (this district)") : ""))
            w.td(PageFormat.fixed(g.min), class: "num")
            w.raw("</tr>")
        }
        w.raw("</tbody></table>")
    }
}
