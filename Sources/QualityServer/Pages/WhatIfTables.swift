import QualityCore

/// The comparison of the `/whatif` page: the summary, then districts, programs and enterprises.
struct WhatIfTables {
    let outcome: WhatIfService.Outcome
    let c: PageContext

    var comparison: PolicyComparison { outcome.comparison }

    func render(_ w: inout HTMLWriter) {
        let s = comparison.summary
        w.element("h2", text: c.t("比较结果", "Comparison") + " · " + PageFormat.period(comparison.period, c.language))
        w.element("p", ["id": "whatif-policies", "class": "muted"]) { w in
            w.text(c.t("A：现行配置，政策版本 ", "A: the config in force, policy version "))
            stamp(&w, comparison.policyA)
            w.text(c.t("；B：方案，政策版本 ", "; B: the proposal, policy version "))
            stamp(&w, comparison.policyB)
        }
        w.element(
            "p",
            [
                "id": "whatif-summary", "class": "card", "data-rank-changed": String(s.districtsRankChanged),
                "data-grade-changed": String(s.districtsGradeChanged), "data-moved": PageFormat.moneyValue(s.movedFen),
            ],
            text: c.t(
                "排名变化 \(s.districtsRankChanged) 个区县，等级变化 \(s.districtsGradeChanged) 个；资金变动 "
                    + "\(PageFormat.money(s.movedFen)) 元（增 \(PageFormat.money(s.gainedFen)) 元，减 "
                    + "\(PageFormat.money(s.lostFen)) 元）；核定总额 \(PageFormat.money(s.grantedFenA)) → "
                    + "\(PageFormat.money(s.grantedFenB)) 元。",
                "\(s.districtsRankChanged) districts change rank, \(s.districtsGradeChanged) change grade; "
                    + "\(PageFormat.money(s.movedFen)) yuan moved (gained \(PageFormat.money(s.gainedFen)), lost "
                    + "\(PageFormat.money(s.lostFen))); granted \(PageFormat.money(s.grantedFenA)) → "
                    + "\(PageFormat.money(s.grantedFenB)) yuan."))
        districts(&w)
        programs(&w)
        enterprises(&w)
    }

    private func stamp(_ w: inout HTMLWriter, _ stamp: PolicyStamp?) {
        w.element("strong", text: stamp?.id ?? "—")
        if let stamp { w.element("code", ["title": stamp.sha256], text: " " + PageFormat.shortHash(stamp.sha256)) }
    }

    private func arrow(_ a: String, _ b: String) -> String { a == b ? a : "\(a) → \(b)" }

    private func grade(_ id: String?) -> String {
        guard let id else { return "—" }
        let grade = (outcome.proposal.scoring.grades + outcome.current.scoring.grades).first { $0.id == id }
        return grade.map { c.t($0.name) } ?? id
    }

    private func program(_ id: String) -> String {
        let program = (outcome.proposal.subsidies.programs + outcome.current.subsidies.programs).first { $0.id == id }
        return program.map { c.t($0.name) } ?? id
    }

    private func districts(_ w: inout HTMLWriter) {
        w.element("h2", text: c.t("区县", "Districts"))
        w.open("table", ["id": "whatif-districts"])
        w.headerRow([
            c.t("区县", "District"), c.t("排名 A→B", "Rank A→B"), "Δ", c.t("总分 A→B", "Total A→B"), "Δ",
            c.t("等级 A→B", "Grade A→B"), c.t("否决 A→B", "Veto A→B"),
        ])
        w.raw("<tbody>")
        for d in comparison.districts {
            w.open(
                "tr",
                [
                    "data-code": d.code, "data-rank-a": d.rankA.map(String.init),
                    "data-rank-b": d.rankB.map(String.init),
                    "class": d.rankChanged || d.gradeChanged ? "changed" : nil,
                ])
            w.element("th", ["scope": "row"], text: c.language == .zh ? d.name : d.nameEn)
            w.td(arrow(d.rankA.map(String.init) ?? "—", d.rankB.map(String.init) ?? "—"), class: "num")
            w.td(d.rankDelta.map { $0 > 0 ? "▼\($0)" : $0 < 0 ? "▲\(-$0)" : "=" } ?? "—", class: "num")
            w.td(arrow(PageFormat.fixed(d.totalA), PageFormat.fixed(d.totalB)), class: "num")
            w.td(d.totalDelta.map(PageFormat.signed) ?? "—", class: "num")
            w.td(arrow(grade(d.gradeA), grade(d.gradeB)))
            w.td(arrow(d.vetoA ? c.t("否决", "vetoed") : "—", d.vetoB ? c.t("否决", "vetoed") : "—"))
            w.raw("</tr>")
        }
        w.raw("</tbody></table>")
    }

    private func programs(_ w: inout HTMLWriter) {
        w.element("h2", text: c.t("奖励项目", "Programs"))
        w.open("table", ["id": "whatif-programs"])
        w.headerRow([
            c.t("项目", "Program"), c.t("奖励数 A→B", "Awards A→B"), c.t("申请(元) A→B", "Requested (yuan) A→B"),
            c.t("核定(元) A→B", "Granted (yuan) A→B"),
        ])
        w.raw("<tbody>")
        for p in comparison.programs {
            w.open("tr", ["data-program": p.id])
            w.element("th", ["scope": "row"], text: program(p.id))
            w.td(arrow(String(p.awardsA), String(p.awardsB)), class: "num")
            w.td(arrow(PageFormat.money(p.requestedFenA), PageFormat.money(p.requestedFenB)), class: "money")
            w.td(arrow(PageFormat.money(p.grantedFenA), PageFormat.money(p.grantedFenB)), class: "money")
            w.raw("</tr>")
        }
        w.raw("</tbody></table>")
    }

    private func enterprises(_ w: inout HTMLWriter) {
        w.element("h2", text: c.t("奖励变化的企业", "Enterprises whose award changes"))
        guard !comparison.enterprises.isEmpty else {
            w.element("p", ["id": "whatif-no-enterprises"], text: c.t("无。", "None."))
            return
        }
        w.open("table", ["id": "whatif-enterprises", "data-rows": String(comparison.enterprises.count)])
        w.headerRow([
            c.t("变化", "Change"), c.t("企业名称", "Enterprise"), c.t("统一社会信用代码", "USCC"), c.t("项目", "Program"),
            c.t("A(元)", "A (yuan)"), c.t("B(元)", "B (yuan)"), c.t("差额(元)", "Δ (yuan)"),
        ])
        w.raw("<tbody>")
        for e in comparison.enterprises {
            w.open("tr", ["data-uscc": e.uscc, "data-program": e.program, "data-change": e.change.rawValue])
            w.td(
                e.change == .gains ? c.t("获得", "gains") : e.change == .loses ? c.t("失去", "loses") : c.t("变动", "changes")
            )
            w.element("td", ["class": "name"]) { $0.bureauText(e.name) }
            w.td(e.uscc, class: "uscc")
            w.td(program(e.program))
            w.td(PageFormat.money(e.grantedFenA), class: "money", value: PageFormat.moneyValue(e.grantedFenA))
            w.td(PageFormat.money(e.grantedFenB), class: "money", value: PageFormat.moneyValue(e.grantedFenB))
            w.td(
                (e.deltaFen > 0 ? "+" : "") + PageFormat.money(e.deltaFen), class: "money",
                value: PageFormat.moneyValue(e.deltaFen))
            w.raw("</tr>")
        }
        w.raw("</tbody></table>")
    }
}
