import QualityCore

/// `GET /enterprises/{uscc}`: why an enterprise got what it got, or nothing — one sentence per program,
/// then every eligibility rule and every step of docs/SEMANTICS.md §7 (condition, amount, group, once per years,
/// enterprise cap, program budget, overall budget) with the amounts in fen after each.
package struct EnterprisePage: Sendable {
    package var config: Config
    package var explanation: EnterpriseExplanation
    /// The enterprise's rows of the list shown (the result's awards for this USCC).
    package var awards: [Award]
    package var provenance: Provenance?
    package var context: PageContext
    /// Corrections the result applied to this enterprise's facts (docs/SEMANTICS.md §14).
    package var corrections: [AppliedCorrection] = []

    var text: PageText { PageText(config: config, c: context) }
    var sentences: EnterpriseSentences { EnterpriseSentences(config: config, explanation: explanation, c: context) }

    package func render() -> [UInt8] {
        let c = context
        let e = explanation
        let title = e.name ?? e.uscc
        return PageLayout.document(c, title: title, nav: .subsidies, provenance: provenance) { w in
            w.element("p", ["class": "no-print"]) { $0.link(c.link("/subsidies"), c.t("← 返回补贴", "← Subsidies")) }
            w.element("h1", ["data-uscc": e.uscc]) { $0.bureauText(title) }
            facts(&w)
            AppliedCorrectionsTable.render(&w, corrections, c)
            w.element("h2", text: c.t("结论", "In one sentence per program"))
            w.open("ul", ["id": "answers"])
            if let overall = sentences.overall {
                w.element("li", ["class": "sentence", "data-program": "*"], text: overall)
            } else {
                for o in e.programs {
                    w.element("li", ["class": "sentence", "data-program": o.program], text: sentences.sentence(o))
                }
            }
            w.close("ul")
            eligibility(&w)
            for o in e.programs { EnterprisePage.Steps(page: self, outcome: o).render(&w) }
            awardRows(&w)
        }
    }

    private func facts(_ w: inout HTMLWriter) {
        let c = context
        let e = explanation
        let granted = awards.reduce(Int64(0)) { $0 + $1.grantedFen }
        w.open("dl", ["class": "facts card", "id": "enterprise-facts"])
        w.element("dt", text: c.t("统一社会信用代码", "USCC"))
        w.element("dd") { $0.element("code", text: e.uscc) }
        w.element("dt", text: c.t("所属区县", "District"))
        w.element("dd", text: e.district.map(text.district) ?? "—")
        w.element("dt", text: c.t("资格", "Status"))
        let status =
            e.rejected != nil
            ? c.t("被拒收", "rejected") : e.eligible ? c.t("符合资格条件", "eligible") : c.t("不符合资格条件", "ineligible")
        w.element(
            "dd",
            ["id": "status", "data-value": e.rejected != nil ? "rejected" : e.eligible ? "eligible" : "ineligible"],
            text: status)
        w.element("dt", text: c.t("核定奖励合计", "Granted in total"))
        w.element(
            "dd", ["class": "money", "id": "granted-total", "data-value": PageFormat.moneyValue(granted)],
            text: PageFormat.money(granted) + c.t(" 元", " yuan"))
        w.close("dl")
    }

    private func eligibility(_ w: inout HTMLWriter) {
        let c = context
        guard explanation.rejected == nil, !config.subsidies.eligibility.isEmpty else { return }
        w.element("h2", text: c.t("资格条件", "Eligibility"))
        w.open("table", ["id": "eligibility"])
        w.headerRow([c.t("条件", "Rule"), c.t("表达式", "Expression"), c.t("结果", "Outcome")])
        w.raw("<tbody>")
        for rule in config.subsidies.eligibility {
            let held = explanation.eligibility.first { $0.id == rule.id }?.held
            w.open("tr", ["data-rule": rule.id, "data-held": held.map { $0 ? "true" : "false" }])
            w.th(c.t(rule.name), scope: "row")
            w.element("td") { $0.element("code", text: rule.when.text) }
            Self.outcome(&w, held, c)
            w.raw("</tr>")
        }
        w.raw("</tbody></table>")
    }

    static func outcome(_ w: inout HTMLWriter, _ held: Bool?, _ c: PageContext) {
        switch held {
        case true?: w.td("✓ " + c.t("满足", "holds"), class: "outcome ok", value: "true")
        case false?: w.td("✗ " + c.t("不满足", "does not hold"), class: "outcome bad", value: "false")
        case nil: w.td("—", class: "outcome")
        }
    }

    private func awardRows(_ w: inout HTMLWriter) {
        let c = context
        w.element("h2", text: c.t("名单中的记录", "Rows in the list"))
        guard !awards.isEmpty else {
            w.element(
                "p", ["class": "muted", "id": "award-rows"],
                text: c.t("名单中没有该企业。", "The enterprise is not on the list."))
            return
        }
        w.open("table", ["id": "award-rows"])
        w.headerRow([
            c.t("奖励项目", "Program"), c.t("申请金额(元)", "Requested (yuan)"), c.t("核定金额(元)", "Granted (yuan)"),
            c.t("备注", "Notes"),
        ])
        w.raw("<tbody>")
        for a in awards {
            w.open("tr", ["data-program": a.program])
            w.th(text.program(a.program), scope: "row")
            w.td(
                PageFormat.money(a.requestedFen), class: "money requested", value: PageFormat.moneyValue(a.requestedFen)
            )
            w.td(PageFormat.money(a.grantedFen), class: "money granted", value: PageFormat.moneyValue(a.grantedFen))
            w.td(text.notes(a.notes.names), class: "notes")
            w.raw("</tr>")
        }
        w.raw("</tbody></table>")
    }
}
