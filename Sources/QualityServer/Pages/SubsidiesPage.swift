import QualityCore

/// `GET /subsidies`: the period's subsidy list per program (enterprises granted, requested, granted,
/// budget and its use) and in total against the overall budget; the list's status; exports.
package struct SubsidiesPage: Sendable {
    package var config: Config
    package var result: AssessmentResult
    package var list: ListState = .draft
    package var context: PageContext

    /// Sums per program, in config order, plus awards of programs the config no longer has.
    struct ProgramSums {
        var id: String
        var enterprises = 0
        var requestedFen: Int64 = 0
        var grantedFen: Int64 = 0
    }

    var sums: [ProgramSums] {
        var order: [String: Int] = [:]
        var sums: [ProgramSums] = []
        for p in config.subsidies.programs where order[p.id] == nil {
            order[p.id] = sums.count
            sums.append(ProgramSums(id: p.id))
        }
        for a in result.subsidies.awards {
            let i: Int
            if let known = order[a.program] {
                i = known
            } else {
                i = sums.count
                order[a.program] = i
                sums.append(ProgramSums(id: a.program))
            }
            sums[i].requestedFen += a.requestedFen
            sums[i].grantedFen += a.grantedFen
            if a.grantedFen > 0 { sums[i].enterprises += 1 }
        }
        return sums
    }

    package func render() -> [UInt8] {
        let c = context
        let title = c.t("财政奖励名单概览", "Subsidy list overview")
        return PageLayout.document(c, title: title, nav: .subsidies, provenance: Provenance(result)) { w in
            w.element("h1", text: PageFormat.period(result.period, c.language) + " " + title)
            list.banner(&w, c)
            listActions(&w)
            actions(&w)
            programs(&w)
            counts(&w)
        }
    }

    private func actions(_ w: inout HTMLWriter) {
        let c = context
        let period = [("period", result.period)]
        let base = "/subsidies/" + PageFormat.urlEncode(result.period)
        w.open("p", ["class": "actions", "id": "exports"])
        w.link(c.link(base + "/list", period), c.t("完整名单", "Full list"), class: "full-list")
        for format in ["csv", "xlsx", "json"] {
            w.link(
                PageContext.url("/export/subsidies." + format, period + [("lang", c.language.rawValue)]),
                c.t("导出 ", "Export ") + format.uppercased(), class: "export export-" + format)
        }
        w.link(c.link(base + "/notice"), c.t("公示页（A4 打印）", "Public notice (A4)"), class: "notice")
        w.close("p")
    }

    private func programs(_ w: inout HTMLWriter) {
        let c = context
        let s = result.subsidies
        w.open("table", ["id": "programs"])
        w.element("caption", text: c.t("按项目汇总（金额单位：元）", "By program (amounts in yuan)"))
        w.headerRow([
            c.t("奖励项目", "Program"), c.t("政策依据", "Policy basis"), c.t("获奖企业数", "Enterprises granted"),
            c.t("申请金额", "Requested"), c.t("核定金额", "Granted"), c.t("项目预算", "Program budget"),
            c.t("预算使用率", "Budget used"),
        ])
        w.raw("<tbody>")
        for sum in sums {
            let program = config.program(id: sum.id)
            w.open("tr", ["data-program": sum.id])
            w.th(program.map { c.t($0.name) } ?? sum.id, scope: "row")
            w.td(program?.basis ?? "", class: "basis")
            w.td(String(sum.enterprises), class: "num enterprises", value: String(sum.enterprises))
            money(&w, sum.requestedFen, class: "requested")
            money(&w, sum.grantedFen, class: "granted")
            let budget = program?.budgetYuan.flatMap { Money.fen(yuan: $0) }
            budgetCells(&w, granted: sum.grantedFen, budget: budget)
            w.raw("</tr>\n")
        }
        w.raw("</tbody><tfoot><tr>")
        w.th(c.t("合计", "Total"), scope: "row")
        let cap = config.subsidies.enterpriseCapYuan.flatMap { Money.fen(yuan: $0) }
        w.td(
            c.t("分配方式：", "Allocation: ")
                + (config.subsidies.allocation == .proRata ? c.t("按比例", "pro rata") : c.t("按优先级", "by priority"))
                + (cap.map { c.t("；企业上限 ", "; enterprise cap ") + PageFormat.money($0) } ?? ""),
            class: "muted")
        let enterprises = Set(s.awards.lazy.filter { $0.grantedFen > 0 }.map(\.uscc)).count
        w.td(String(enterprises), class: "num enterprises", value: String(enterprises))
        money(&w, s.requestedFen, class: "requested", id: "total-requested")
        money(&w, s.grantedFen, class: "granted", id: "total-granted")
        budgetCells(&w, granted: s.grantedFen, budget: s.budgetFen, id: "total-budget")
        w.raw("</tr></tfoot></table>")
    }

    private func money(_ w: inout HTMLWriter, _ fen: Int64, class cls: String, id: String? = nil) {
        w.element(
            "td", ["class": "money " + cls, "id": id, "data-value": PageFormat.moneyValue(fen)],
            text: PageFormat.money(fen))
    }

    private func budgetCells(_ w: inout HTMLWriter, granted: Int64, budget: Int64?, id: String? = nil) {
        let c = context
        guard let budget else {
            w.td(c.t("不限", "none"), class: "money budget")
            w.td("—", class: "num")
            return
        }
        money(&w, budget, class: "budget", id: id)
        let used = budget > 0 ? PageFormat.percent(Double(granted) / Double(budget)) : "—"
        w.td(used, class: "num used", value: used)
    }

    private func counts(_ w: inout HTMLWriter) {
        let c = context
        let s = result.subsidies
        let listPath = "/subsidies/" + PageFormat.urlEncode(result.period) + "/list"
        let period = [("period", result.period)]
        w.element("h2", text: c.t("未获奖励", "Not awarded"))
        w.open("ul", ["id": "not-awarded"])
        let items: [(String, String, Int)] = [
            ("excluded", c.t("排除的奖励项目", "Excluded awards"), s.excluded.count),
            ("ineligible", c.t("不符合资格条件的企业", "Ineligible enterprises"), s.ineligible.count),
            ("rejected", c.t("数据被拒收的企业", "Rejected enterprises"), result.rejected.count),
        ]
        for (anchor, label, count) in items {
            w.element("li", ["data-count": String(count), "id": "count-" + anchor]) { w in
                w.link(c.link(listPath, period, fragment: anchor), label)
                w.text(c.t("：\(count)", ": \(count)"))
            }
        }
        w.close("ul")
    }
}
