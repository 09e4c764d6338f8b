import QualityCore
import QualityStore

/// The district page's corrections (what the result applied to the district's facts, from the
/// result) and appeals (with the forms to record and resolve them). docs/SEMANTICS.md §14.
extension DistrictPage {
    func correctionsSection(_ w: inout HTMLWriter) {
        AppliedCorrectionsTable.render(&w, result.corrections(district: district.code), context)
    }

    func appealsSection(_ w: inout HTMLWriter) {
        let c = context
        w.element("h2", ["id": "appeals"], text: c.t("申诉", "Appeals"))
        if appeals.isEmpty {
            w.element("p", ["class": "muted", "id": "no-appeals"], text: c.t("本期无申诉。", "No appeal this period."))
        } else {
            w.open("table", ["id": "appeal-list"])
            w.headerRow([
                "#", c.t("指标", "Indicator"), c.t("申诉内容", "Appeal"), c.t("状态", "Status"), c.t("记录", "Recorded"),
                c.t("处理", "Resolution"),
            ])
            w.raw("<tbody>")
            for a in appeals {
                w.open("tr", ["data-appeal": String(a.id), "data-status": a.status.rawValue])
                w.td(String(a.id), class: "num")
                w.element("td") { $0.element("code", text: a.indicator) }
                w.td(a.text)
                w.td(Self.status(a.status, c), class: "status")
                w.td(a.recordedBy + " · " + c.time(a.recordedAt))
                w.element("td") { w in
                    if let by = a.resolvedBy {
                        let led = a.correctionIDs.map { "#\($0)" }.joined(separator: ", ")
                        w.text(
                            by + " · " + (a.resolvedAt.map(c.time) ?? "") + (a.resolution.map { " · " + $0 } ?? "")
                                + (led.isEmpty ? "" : c.t(" · 更正 ", " · corrections ") + led))
                    } else if let user = c.user, user.role >= .admin {
                        resolveForms(&w, a)
                    } else {
                        w.text(c.t("待处理", "open"))
                    }
                }
                w.raw("</tr>")
            }
            w.raw("</tbody></table>")
        }
        if let user = c.user, user.role >= .finance { recordForm(&w) }
    }

    private func recordForm(_ w: inout HTMLWriter) {
        let c = context
        ActionForm.open(
            &w, action: c.link("/districts/" + PageFormat.urlEncode(district.code) + "/appeals"), id: "appeal-form")
        ActionForm.select(
            &w, label: c.t("指标", "Indicator"), name: "indicator",
            options: district.indicators.map { ($0.id, text.indicator($0.id)) }
                + config.scoring.veto.map { ($0.id, c.t("一票否决：", "veto: ") + text.veto($0.id)) })
        ActionForm.field(&w, label: c.t("申诉内容", "The district's text"), name: "text")
        ActionForm.submit(&w, c.t("记录申诉", "Record the appeal"), id: "appeal-button")
    }

    private func resolveForms(_ w: inout HTMLWriter, _ a: Appeal) {
        let c = context
        ActionForm.open(&w, action: c.link("/appeals/\(a.id)/accept"), id: "accept-\(a.id)")
        ActionForm.field(&w, label: c.t("关联更正（编号）", "Corrections (ids)"), name: "corrections", required: false)
        ActionForm.field(&w, label: c.t("说明", "Note"), name: "reason", required: false)
        ActionForm.submit(&w, c.t("受理", "Accept"))
        ActionForm.open(&w, action: c.link("/appeals/\(a.id)/reject"), id: "reject-\(a.id)")
        ActionForm.field(&w, label: c.t("理由", "Reason"), name: "reason")
        ActionForm.submit(&w, c.t("驳回", "Reject"))
    }

    static func status(_ s: Appeal.Status, _ c: PageContext) -> String {
        switch s {
        case .open: c.t("待处理", "open")
        case .accepted: c.t("已受理", "accepted")
        case .rejected: c.t("已驳回", "rejected")
        }
    }
}

/// The corrections a result applied to one district's or enterprise's facts: the bureau's value,
/// the corrected one, who proposed and approved it, and why.
enum AppliedCorrectionsTable {
    static func render(_ w: inout HTMLWriter, _ applied: [AppliedCorrection], _ c: PageContext) {
        guard !applied.isEmpty else { return }
        w.element("h2", ["id": "corrections"], text: c.t("数据更正", "Corrections"))
        w.open("table", ["id": "applied-corrections"])
        w.headerRow([
            "#", c.t("数据项", "Fact"), c.t("部门报送值", "Bureau's value"), c.t("更正值", "Corrected value"),
            c.t("提议人", "Proposed by"), c.t("批准人", "Approved by"), c.t("原因", "Reason"), c.t("依据", "Evidence"),
        ])
        w.raw("<tbody>")
        for a in applied {
            let x = a.correction
            w.open("tr", ["data-correction": String(x.id), "data-fact": x.fact])
            w.td(String(x.id), class: "num")
            w.element("td") { $0.element("code", text: x.fact) }
            w.td(show(a.bureauValue), class: "bureau-value")
            w.td(show(x.value), class: "corrected-value")
            w.td(x.proposedBy, class: "proposed-by")
            w.td(
                x.approvedBy + (x.approvalReason.isEmpty ? "" : c.t("（", " (") + x.approvalReason + c.t("）", ")")),
                class: "approved-by")
            w.td(x.reason, class: "reason")
            w.td(x.evidence.isEmpty ? "—" : x.evidence)
            w.raw("</tr>")
        }
        w.raw("</tbody></table>")
    }

    /// A fact value as the page prints it.
    static func show(_ v: Value) -> String {
        switch v {
        case .missing: "—"
        case .number(let x): PageFormat.compact(x)
        case .string(let s): s
        case .bool(let b): b ? "true" : "false"
        case .set(let s): s.elements.joined(separator: ", ")
        }
    }
}
