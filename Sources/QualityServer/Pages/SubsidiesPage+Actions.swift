import QualityCore

/// The list's actions on `/subsidies` as forms (docs/SEMANTICS.md §14): publish a draft (or a
/// superseded or revoked list) and confirm a published one (finance), revoke a confirmed one (admin).
/// Each posts to its form route, which answers with the confirmation step first.
extension SubsidiesPage {
    func listActions(_ w: inout HTMLWriter) {
        let c = context
        guard let user = c.user else { return }
        let base = "/subsidies/" + PageFormat.urlEncode(result.period)
        w.open("div", ["id": "list-actions", "class": "no-print"])
        switch list.status {
        case .draft, .superseded, .revoked:
            ActionForm.open(&w, action: c.link(base + "/publish"), id: "publish-form")
            ActionForm.submit(&w, c.t("公示名单…", "Publish the list…"), id: "publish-button")
        case .published:
            ActionForm.open(&w, action: c.link(base + "/confirm"), id: "confirm-list-form")
            ActionForm.submit(&w, c.t("确认名单…", "Confirm the list…"), id: "confirm-list-button")
            ActionForm.open(&w, action: c.link(base + "/publish"), id: "publish-form")
            ActionForm.submit(&w, c.t("按当前结果重新公示…", "Publish the current result again…"), id: "publish-button")
        case .confirmed:
            if user.role >= .admin {
                ActionForm.open(&w, action: c.link(base + "/revoke"), id: "revoke-form")
                ActionForm.field(&w, label: c.t("撤销原因", "Reason for revoking"), name: "reason")
                ActionForm.submit(&w, c.t("撤销名单…", "Revoke the list…"), id: "revoke-button")
            }
        }
        w.close("div")
    }
}
