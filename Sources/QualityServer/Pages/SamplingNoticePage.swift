import QualityCore
import QualityStore

/// `GET /sampling/{period}/notice`: the public notice of a frozen sampling plan (双随机、一公开),
/// printable on A4: how the draw ran, the seed and the input hash anyone can check it with, the
/// counts per district and class, and the selected enterprises with their inspectors.
package struct SamplingNoticePage: Sendable {
    package var config: Config
    package var record: SamplingPlanRecord
    package var plan: SamplingPlanDocument
    package var context: PageContext

    var title: String {
        context.t(
            PageFormat.period(plan.period, .zh) + "出口企业质量安全双随机抽查计划公示",
            "Public notice: random supervisory sampling plan, " + PageFormat.period(plan.period, .en))
    }

    package func render() -> [UInt8] {
        let c = context
        return PageLayout.document(
            c, title: title, nav: nil, provenance: Provenance(period: plan.period), bodyClass: "notice",
            reserve: 16_384 + plan.plan.count * 500
        ) { w in
            w.element("h1", ["id": "notice-title"], text: title)
            if record.status == .revoked {
                PageLayout.banner(&w, kind: "warn", id: "notice-revoked") { w in
                    let at = record.revokedAt.map { c.time($0) } ?? ""
                    let reason = record.revokeReason ?? ""
                    w.text(
                        c.t(
                            "本抽查计划已于 \(at) 撤销，理由：\(reason)。撤销后方可重新抽取。",
                            "This plan was revoked at \(at); reason: \(reason). Only then may it be drawn again."))
                }
            }
            w.element(
                "p",
                text: c.t(
                    "按照“双随机、一公开”要求，依据企业风险等级差异化确定抽查比例，随机抽取检查对象和执法检查人员，现将抽查计划予以公示。"
                        + "任何人可凭下列随机种子和输入清单，按公开算法（docs/SAMPLING.md）复核抽取结果。",
                    "Following the rule of random inspected parties, random inspectors and public results, the "
                        + "enterprises and inspectors were drawn at random, with sampling ratios set by risk class. "
                        + "Anyone can redo the draw from the seed and the input list below with the published "
                        + "algorithm (docs/SAMPLING.md)."))
            w.open("dl", ["id": "notice-draw"])
            for (term, value, id) in [
                (c.t("随机种子", "Seed"), plan.seed, "notice-seed"),
                (c.t("输入清单 SHA-256", "Input list SHA-256"), plan.inputSHA256, "notice-input-sha256"),
                (c.t("抽取时间", "Drawn at"), c.time(record.drawnAt), "notice-drawn-at"),
                (
                    c.t("抽取情况", "Counts"),
                    c.t(
                        "企业 \(plan.population.count) 家，抽取 \(plan.plan.count) 家；每家由 2 名非本区县执法人员检查",
                        "\(plan.plan.count) of \(plan.population.count) enterprises; two inspectors from other districts each"
                    ), "notice-counts"
                ),
            ] {
                w.element("dt", text: term)
                w.element("dd", ["id": id], text: value)
            }
            w.close("dl")
            classes(&w)
            SamplingPlanTable(config: config, plan: plan, context: c).render(&w, grouped: false)
            w.element("div", ["class": "signature"]) { w in
                w.element("p", text: c.t("质量强区工作领导小组办公室", "Quality-Strong District Office"))
                w.element("p", text: PageFormat.longDate(record.drawnAt, timezone: c.timezone, c.language))
            }
        }
    }

    /// Per class: its ratio, its enterprises and how many were selected.
    private func classes(_ w: inout HTMLWriter) {
        let c = context
        w.open("table", ["id": "notice-classes"])
        w.headerRow([
            c.t("风险等级", "Risk class"), c.t("抽查比例", "Ratio"), c.t("企业数", "Enterprises"), c.t("抽取数", "Selected"),
        ])
        w.raw("<tbody>\n")
        for cls in plan.classes {
            let strata = plan.strata.filter { $0.riskClass == cls.id }
            w.open("tr", ["data-class": cls.id])
            w.td(SamplingPlanTable.className(cls.id, config, c))
            w.td(PageFormat.compact(cls.ratio * 100) + "%", class: "num")
            w.td(String(strata.reduce(0) { $0 + $1.enterprises }), class: "num")
            w.td(String(strata.reduce(0) { $0 + $1.selected }), class: "num")
            w.raw("</tr>\n")
        }
        w.raw("</tbody></table>\n")
    }
}
