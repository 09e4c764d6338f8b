import QualityCore

extension EnterprisePage {
    /// The steps of docs/SEMANTICS.md §7 for one program, in the order they apply, stopping where the award ended.
    struct Steps {
        let page: EnterprisePage
        let outcome: ProgramOutcome

        private var c: PageContext { page.context }
        private var config: Config { page.config }

        private func yuan(_ value: Double?) -> String? {
            value.flatMap { Money.fen(yuan: $0) }.map(PageFormat.money)
        }

        func render(_ w: inout HTMLWriter) {
            let o = outcome
            let program = config.program(id: o.program)
            w.element("h3", ["id": "program-" + o.program]) { w in
                w.text(page.text.program(o.program))
                if let basis = program?.basis, !basis.isEmpty { w.element("span", ["class": "en"], text: basis) }
            }
            w.open("table", ["class": "steps", "data-program": o.program])
            w.headerRow([c.t("步骤", "Step"), c.t("规则", "Rule"), c.t("结果", "Outcome"), c.t("金额(元)", "Amount (yuan)")])
            w.raw("<tbody>")
            defer { w.raw("</tbody></table>") }
            row(&w, "when", c.t("适用条件", "Condition"), code: program?.when.text) { w in
                EnterprisePage.outcome(&w, o.when, c)
            }
            guard o.when else { return }
            if let n = program?.oncePerYears {
                let hit = o.excluded == "once_per_years"
                row(&w, "once_per_years", c.t("\(n) 年内不重复奖励", "Not again within \(n) years")) { w in
                    let year = o.lastPayoutYear.map(String.init) ?? "—"
                    w.td(
                        hit
                            ? "✗ " + c.t("\(year) 年已发放，本期排除", "paid in \(year): excluded")
                            : "✓ " + c.t("近 \(n) 年无发放记录", "no payout within \(n) years"),
                        class: hit ? "outcome bad" : "outcome ok", value: o.lastPayoutYear.map(String.init))
                }
                if hit { return }
            }
            let noAmount = o.excluded == "no_amount"
            row(&w, "amount", c.t("奖励金额", "Amount"), code: program?.amountYuan.text, amount: o.requestedFen) { w in
                w.td(
                    noAmount ? "✗ " + c.t("金额为零或无法计算", "zero or not computable") : c.t("申请金额", "requested"),
                    class: noAmount ? "outcome bad" : "outcome")
            }
            if noAmount { return }
            if let group = program?.group {
                let hit = o.excluded == "group"
                let kept = page.sentences.keptInGroup(of: o.program).map(page.text.program) ?? "—"
                row(&w, "group", c.t("就高不重复（\(group)）", "One per group (\(group))"), amount: hit ? 0 : o.requestedFen) {
                    w in
                    w.td(
                        hit
                            ? "✗ " + c.t("由「\(kept)」代替", "replaced by \(kept)")
                            : "✓ " + c.t("同组最高，保留", "highest in group, kept"),
                        class: hit ? "outcome bad" : "outcome ok")
                }
                if hit { return }
            }
            if o.requestedFen == nil { return }
            budgetRow(
                &w, "cap", c.t("企业奖励上限", "Enterprise cap"), limit: yuan(config.subsidies.enterpriseCapYuan),
                note: "enterprise_cap", amount: o.afterCapFen)
            budgetRow(
                &w, "program_budget", c.t("项目预算", "Program budget"), limit: yuan(program?.budgetYuan),
                note: "program_budget", amount: o.afterProgramBudgetFen)
            budgetRow(
                &w, "budget", c.t("总预算", "Overall budget"), limit: yuan(config.subsidies.budgetYuan), note: "budget",
                amount: o.grantedFen)
            w.open("tr", ["data-step": "granted", "class": "granted-row"])
            w.th(c.t("核定金额", "Granted"), scope: "row")
            w.td("")
            w.td("")
            let granted = o.grantedFen ?? 0
            w.element(
                "td", ["class": "money granted", "data-value": PageFormat.moneyValue(granted)],
                { $0.element("strong", text: PageFormat.money(granted)) })
            w.raw("</tr>")
        }

        private func row(
            _ w: inout HTMLWriter, _ step: String, _ rule: String, code: String? = nil, amount: Int64? = nil,
            outcome: (inout HTMLWriter) -> Void
        ) {
            w.open("tr", ["data-step": step])
            w.th(rule, scope: "row")
            w.element("td") { w in if let code { w.element("code", text: code) } }
            outcome(&w)
            if let amount {
                w.td(PageFormat.money(amount), class: "money", value: PageFormat.moneyValue(amount))
            } else {
                w.td("")
            }
            w.raw("</tr>")
        }

        private func budgetRow(
            _ w: inout HTMLWriter, _ step: String, _ rule: String, limit: String?, note: String, amount: Int64?
        ) {
            let hit = outcome.notes.contains(note)
            row(&w, step, rule, code: limit.map { c.t("上限 ", "limit ") + $0 }, amount: amount) { w in
                let text: String
                if limit == nil {
                    text = c.t("未设", "none")
                } else if hit {
                    text = "✗ " + page.text.note(note)
                } else {
                    text = "✓ " + c.t("未超出", "within")
                }
                w.td(text, class: hit ? "outcome bad" : "outcome ok", value: hit ? note : nil)
            }
        }
    }
}
