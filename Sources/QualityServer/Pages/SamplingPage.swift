import QualityCore
import QualityStore

/// `GET /sampling[?period=]`: the period's frozen sampling plan per district and class (strata
/// with enterprises and selected, then the selected enterprises with their inspectors), links to
/// the public notice and the exports, and the other periods with a plan in force.
package struct SamplingPage: Sendable {
    package var config: Config
    package var period: String
    package var frozen: (record: SamplingPlanRecord, plan: SamplingPlanDocument)?
    package var inForce: [SamplingPlanRecord]
    package var context: PageContext

    package func render() -> [UInt8] {
        let c = context
        let title = c.t("双随机抽查计划", "Random sampling plan")
        let rows = frozen?.plan.plan.count ?? 0
        return PageLayout.document(
            c, title: title, nav: nil, provenance: Provenance(period: period), reserve: 16_384 + rows * 600
        ) { w in
            w.element("h1", text: PageFormat.period(period, c.language) + " " + title)
            periods(&w)
            guard let (record, plan) = frozen else {
                PageLayout.banner(&w, kind: "info", id: "sampling-none") { w in
                    w.text(
                        c.t(
                            "本期尚未抽取。管理员通过 POST /api/v1/sampling/\(period)/draw（附种子）抽取并冻结计划。",
                            "No plan has been drawn for this period. An admin draws and freezes it with "
                                + "POST /api/v1/sampling/\(period)/draw and a seed."))
                }
                return
            }
            summary(&w, record, plan)
            strata(&w, plan)
            SamplingPlanTable(config: config, plan: plan, context: c).render(&w, grouped: true)
        }
    }

    private func periods(_ w: inout HTMLWriter) {
        let c = context
        guard !inForce.isEmpty else { return }
        w.open("p", ["id": "sampling-periods"])
        w.text(c.t("已冻结的计划：", "Plans in force: "))
        for (i, r) in inForce.enumerated() {
            if i > 0 { w.text(" · ") }
            w.link(c.link("/sampling", [("period", r.period)]), PageFormat.period(r.period, c.language))
        }
        w.close("p")
    }

    private func summary(_ w: inout HTMLWriter, _ record: SamplingPlanRecord, _ plan: SamplingPlanDocument) {
        let c = context
        let base = "/sampling/" + PageFormat.urlEncode(period)
        w.open("p", ["class": "actions", "id": "exports"])
        w.link(c.link(base + "/notice"), c.t("公示页（A4 打印）", "Public notice (A4)"), class: "notice")
        for format in ["csv", "xlsx"] {
            w.link(
                PageContext.url("/export/sampling." + format, [("period", period), ("lang", c.language.rawValue)]),
                c.t("导出 ", "Export ") + format.uppercased(), class: "export export-" + format)
        }
        w.link("/api/v1/sampling/" + PageFormat.urlEncode(period), "JSON", class: "export export-json")
        w.close("p")
        w.open("dl", ["id": "sampling-summary"])
        for (term, value, id) in [
            (c.t("随机种子", "Seed"), plan.seed, "sampling-seed"),
            (c.t("输入清单 SHA-256", "Input SHA-256"), plan.inputSHA256, "sampling-input-sha256"),
            (c.t("企业总数", "Enterprises"), String(plan.population.count), "sampling-population"),
            (c.t("抽取企业数", "Selected"), String(plan.plan.count), "sampling-selected"),
            (c.t("抽取人", "Drawn by"), record.drawnBy + " · " + c.time(record.drawnAt), "sampling-drawn"),
        ] {
            w.element("dt", text: term)
            w.element("dd", ["id": id], text: value)
        }
        w.close("dl")
    }

    /// Districts down, classes across: `selected / enterprises`.
    private func strata(_ w: inout HTMLWriter, _ plan: SamplingPlanDocument) {
        let c = context
        var cell: [String: SamplingPlanDocument.StratumJSON] = [:]
        for s in plan.strata { cell[s.district + "/" + s.riskClass] = s }
        w.open("table", ["id": "sampling-strata"])
        w.element("caption", text: c.t("各区县各风险等级：抽取数 / 企业数", "Per district and risk class: selected / enterprises"))
        w.headerRow(
            [c.t("区县", "District")]
                + plan.classes.map { cls in
                    let ratio = PageFormat.compact(cls.ratio * 100) + "%"
                    return SamplingPlanTable.className(cls.id, config, c) + " (" + ratio + ")"
                })
        w.raw("<tbody>\n")
        for code in Array(Set(plan.strata.map(\.district))).sorted() {
            w.open("tr", ["data-district": code])
            w.element("th", ["scope": "row"], text: SamplingPlanTable.districtName(code, config, c))
            for cls in plan.classes {
                let s = cell[code + "/" + cls.id]
                w.td(s.map { "\($0.selected) / \($0.enterprises)" } ?? "–", class: "num")
            }
            w.raw("</tr>\n")
        }
        w.raw("</tbody></table>\n")
    }
}
