import QualityCore
import QualityStore

/// `GET /corrections[?period=]`: the period's corrections by status (proposed, approved, rejected),
/// the form to propose one (finance and admin) and, on each proposed one, the forms to approve or
/// reject it (admin; the store refuses the proposer's own decision). docs/SEMANTICS.md §14.
package struct CorrectionsPage: Sendable {
    package var config: Config
    package var period: String
    package var corrections: [Correction]
    package var context: PageContext

    package func render() -> [UInt8] {
        let c = context
        let title = c.t("数据更正", "Corrections")
        return PageLayout.document(c, title: title, nav: .corrections, provenance: Provenance(period: period)) { w in
            w.element("h1", text: PageFormat.period(period, c.language) + " " + title)
            w.element(
                "p", ["class": "muted"],
                text: c.t(
                    "更正覆盖某区县或企业在本期的一项数据，须写明原因，经提议人以外的管理员批准后在之后每次评分中生效；快照仍保留各部门报送的原值。",
                    "A correction overrides one fact of a district or enterprise for the period, with a reason; once an "
                        + "admin other than its proposer approves it, every later scoring run applies it. The snapshot "
                        + "keeps what the bureaus said."))
            for status in Correction.Status.allCases { section(&w, status) }
            if let user = c.user, user.role >= .finance { proposeForm(&w) }
        }
    }

    private func section(_ w: inout HTMLWriter, _ status: Correction.Status) {
        let c = context
        let rows = corrections.filter { $0.status == status }
        let heading: String =
            switch status {
            case .proposed: c.t("待审批", "Proposed")
            case .approved: c.t("已批准", "Approved")
            case .rejected: c.t("已驳回", "Rejected")
            }
        w.element("h2", ["id": "heading-" + status.rawValue], text: heading + " (\(rows.count))")
        guard !rows.isEmpty else {
            w.element("p", ["class": "muted", "id": "none-" + status.rawValue], text: c.t("无", "None"))
            return
        }
        w.open("table", ["id": "corrections-" + status.rawValue])
        w.headerRow([
            "#", c.t("对象", "Entity"), c.t("数据项", "Fact"), c.t("更正值", "Value"), c.t("原因", "Reason"),
            c.t("依据", "Evidence"), c.t("提议", "Proposed"), c.t("决定", "Decision"),
        ])
        w.raw("<tbody>")
        for r in rows {
            w.open("tr", ["data-correction": String(r.id), "data-status": r.status.rawValue])
            w.td(String(r.id), class: "num")
            w.td(entityLabel(r))
            w.element("td") { $0.element("code", text: r.fact) }
            w.element("td", ["class": "value"]) { $0.element("code", text: r.valueJSON) }
            w.td(r.reason)
            w.td(r.evidence.isEmpty ? "—" : r.evidence)
            w.td(r.proposedBy + " · " + c.time(r.proposedAt))
            w.element("td") { w in
                if let by = r.decidedBy {
                    w.text(by + " · " + (r.decidedAt.map(c.time) ?? "") + " · " + (r.decisionReason ?? ""))
                } else if let user = c.user, user.role >= .admin {
                    decisionForms(&w, r)
                } else {
                    w.text(c.t("待管理员审批", "awaiting an admin"))
                }
            }
            w.raw("</tr>\n")
        }
        w.raw("</tbody></table>")
    }

    private func entityLabel(_ r: Correction) -> String {
        let c = context
        switch r.entity {
        case .district:
            return c.t("区县 ", "district ") + (config.district(code: r.key).map { c.t($0.name) + " " } ?? "") + r.key
        case .enterprise:
            return c.t("企业 ", "enterprise ") + r.key
        }
    }

    private func decisionForms(_ w: inout HTMLWriter, _ r: Correction) {
        let c = context
        for (verb, label) in [("approve", c.t("批准", "Approve")), ("reject", c.t("驳回", "Reject"))] {
            ActionForm.open(&w, action: c.link("/corrections/\(r.id)/\(verb)"), id: "\(verb)-\(r.id)")
            ActionForm.field(&w, label: c.t("理由", "Reason"), name: "reason")
            ActionForm.submit(&w, label)
        }
    }

    private func proposeForm(_ w: inout HTMLWriter) {
        let c = context
        w.element("h2", ["id": "propose"], text: c.t("提议更正", "Propose a correction"))
        ActionForm.open(&w, action: c.link("/corrections"), id: "propose-form")
        w.open("input", ["type": "hidden", "name": "period", "value": period])
        ActionForm.select(
            &w, label: c.t("对象类型", "Entity"), name: "entity",
            options: [("district", c.t("区县", "district")), ("enterprise", c.t("企业", "enterprise"))])
        ActionForm.field(&w, label: c.t("区划代码或信用代码", "Code or USCC"), name: "key")
        ActionForm.field(&w, label: c.t("数据项", "Fact"), name: "fact")
        ActionForm.field(&w, label: c.t("更正值", "Value"), name: "value")
        ActionForm.field(&w, label: c.t("原因", "Reason"), name: "reason")
        ActionForm.field(&w, label: c.t("依据（文号）", "Evidence (document no.)"), name: "evidence", required: false)
        ActionForm.submit(&w, c.t("提议", "Propose"), id: "propose-button")
    }
}
