import QualityCore

extension AwardListPage {
    /// Excluded awards, ineligible enterprises with the rules they failed, rejected enterprises.
    func others(_ w: inout HTMLWriter) {
        let c = context
        let text = PageText(config: config, c: c)
        let s = result.subsidies
        var names = self.names
        if !s.excluded.isEmpty || !s.ineligible.isEmpty {
            for a in s.awards where names[a.uscc] == nil { names[a.uscc] = a.name }
        }

        w.element("h2", ["id": "excluded"], text: c.t("排除的奖励项目", "Excluded awards"))
        section(&w, id: "excluded-table", count: s.excluded.count) { w in
            w.headerRow([
                c.t("序号", "No."), c.t("统一社会信用代码", "USCC"), c.t("企业名称", "Enterprise"),
                c.t("奖励项目", "Program"), c.t("原因", "Reason"),
            ])
            w.raw("<tbody>")
            for (i, e) in s.excluded.enumerated() {
                w.open("tr", ["data-uscc": e.uscc, "data-program": e.program, "data-reason": e.reason])
                w.td(String(i + 1), class: "num")
                usccCell(&w, e.uscc)
                w.td(names[e.uscc] ?? "", class: "name")
                w.td(text.program(e.program))
                w.td(text.exclusion(e.reason, program: e.program), class: "reason")
                w.raw("</tr>\n")
            }
            w.raw("</tbody>")
        }

        w.element("h2", ["id": "ineligible"], text: c.t("不符合资格条件的企业", "Ineligible enterprises"))
        section(&w, id: "ineligible-table", count: s.ineligible.count) { w in
            w.headerRow([
                c.t("序号", "No."), c.t("统一社会信用代码", "USCC"), c.t("企业名称", "Enterprise"),
                c.t("未满足的条件", "Rules not met"),
            ])
            w.raw("<tbody>")
            for (i, e) in s.ineligible.enumerated() {
                w.open("tr", ["data-uscc": e.uscc, "data-reasons": e.reasons.joined(separator: " ")])
                w.td(String(i + 1), class: "num")
                usccCell(&w, e.uscc)
                w.td(names[e.uscc] ?? "", class: "name")
                w.td(e.reasons.map(text.eligibilityRule).joined(separator: c.t("；", "; ")), class: "reason")
                w.raw("</tr>\n")
            }
            w.raw("</tbody>")
        }

        w.element("h2", ["id": "rejected"], text: c.t("数据被拒收的企业", "Rejected enterprises"))
        section(&w, id: "rejected-table", count: result.rejected.count) { w in
            w.headerRow([c.t("序号", "No."), c.t("统一社会信用代码", "USCC"), c.t("原因", "Reason")])
            w.raw("<tbody>")
            for (i, r) in result.rejected.enumerated() {
                w.open("tr", ["data-uscc": r.uscc, "data-reason": r.reason])
                w.td(String(i + 1), class: "num")
                usccCell(&w, r.uscc)
                w.td(text.rejection(r.reason), class: "reason")
                w.raw("</tr>\n")
            }
            w.raw("</tbody>")
        }
    }

    private func section(_ w: inout HTMLWriter, id: String, count: Int, _ body: (inout HTMLWriter) -> Void) {
        guard count > 0 else {
            w.element("p", ["class": "muted", "id": id], text: context.t("无。", "None."))
            return
        }
        w.element("table", ["id": id, "data-rows": String(count)], body)
    }

    private func usccCell(_ w: inout HTMLWriter, _ uscc: String) {
        w.element("td", ["class": "uscc"]) { w in
            w.link(context.link("/enterprises/" + PageFormat.urlEncode(uscc)), uscc)
        }
    }
}
