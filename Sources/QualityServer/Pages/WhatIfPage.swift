import QualityCore

/// `GET/POST /whatif` (admin): a form that takes a proposal YAML (pasted or a file), then either
/// each problem of the proposal with its line and column, or the comparison `WhatIf` decided:
/// districts A → B with Δ, programs, the enterprises whose award changes, and the summary.
package struct WhatIfPage: Sendable {
    package var context: PageContext
    /// The proposal as posted, shown again in the text area.
    package var proposal: String = ""
    package var period: String?
    /// The proposal's problems, each with its place.
    package var issues: [ConfigIssue] = []
    /// Any other refusal, in plain words.
    package var message: String?
    var outcome: WhatIfService.Outcome?

    package func render() -> [UInt8] {
        let c = context
        let title = c.t("政策模拟", "What-if")
        return PageLayout.document(c, title: title, nav: .whatif, provenance: nil) { w in
            w.element("h1", text: title)
            w.element(
                "p", ["class": "muted"],
                text: c.t(
                    "上传拟议的配置（方案），用当前数据分别按现行配置（A）与方案（B）评分，列出排名、等级与奖励的变化。不保存任何结果。",
                    "Upload a proposed config: the same data is scored under the config in force (A) and the proposal (B), "
                        + "and the changes in ranks, grades and awards are listed. Nothing is stored."))
            if let message { PageLayout.banner(&w, kind: "error", id: "whatif-error") { $0.text(message) } }
            if !issues.isEmpty { issueList(&w) }
            form(&w)
            if let outcome { WhatIfTables(outcome: outcome, c: c).render(&w) }
        }
    }

    private func issueList(_ w: inout HTMLWriter) {
        let c = context
        PageLayout.banner(&w, kind: "error", id: "whatif-issues") { w in
            w.element("strong", text: c.t("方案有 \(issues.count) 处错误：", "The proposal has \(issues.count) errors:"))
            w.raw("<ul>")
            for issue in issues {
                let line = issue.location.map(\.line)
                let column = issue.location.map(\.column)
                w.element("li", ["data-line": line.map(String.init), "data-column": column.map(String.init)]) { w in
                    if let line, let column {
                        w.element("code", text: c.t("第 \(line) 行第 \(column) 列", "line \(line), column \(column)"))
                        w.text(c.t("：", ": "))
                    }
                    if !issue.key.isEmpty {
                        w.element("code", text: issue.key)
                        w.text(c.t("：", ": "))
                    }
                    w.text(issue.message)
                }
            }
            w.raw("</ul>")
        }
    }

    private func form(_ w: inout HTMLWriter) {
        let c = context
        w.open(
            "form",
            [
                "id": "whatif-form", "class": "card", "method": "post", "action": c.link("/whatif"),
                "enctype": "multipart/form-data",
            ])
        w.element("label", ["for": "proposal"], text: c.t("方案 YAML（粘贴）", "Proposal YAML (paste)"))
        w.element(
            "textarea",
            ["id": "proposal", "name": "proposal", "rows": "14", "cols": "100", "spellcheck": "false"],
            text: proposal)
        w.element("label", ["for": "proposal_file"], text: c.t("或选择文件", "or choose a file"))
        w.open("input", ["id": "proposal_file", "name": "proposal_file", "type": "file", "accept": ".yaml,.yml"])
        w.element("label", ["for": "period"], text: c.t("期间（默认当前）", "Period (default: the current one)"))
        w.open(
            "input", ["id": "period", "name": "period", "type": "text", "value": period ?? "", "placeholder": "2026"])
        w.element("button", ["type": "submit"], text: c.t("比较", "Compare"))
        w.close("form")
    }
}
