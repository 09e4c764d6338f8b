import QualityCore

/// One sentence per program that answers a clerk's "why did I get less, or nothing?", in Chinese or
/// English, from the enterprise's explanation and the config's caps and budgets.
struct EnterpriseSentences {
    let config: Config
    let explanation: EnterpriseExplanation
    let c: PageContext

    private var text: PageText { PageText(config: config, c: c) }
    private var proRata: Bool { config.subsidies.allocation == .proRata }

    private func yuan(_ fen: Int64) -> String { PageFormat.money(fen) + c.t(" 元", " yuan") }

    private func yuan(_ fen: Int64?) -> String { fen.map(yuan) ?? "—" }

    /// Why the enterprise gets nothing at all, when it never reached the programs; nil otherwise.
    var overall: String? {
        if let reason = explanation.rejected {
            return c.t(
                "该企业在评审前被拒收（\(text.rejection(reason))），不参与任何奖励项目。",
                "The enterprise was rejected before the rules ran (\(text.rejection(reason))), so no program pays it.")
        }
        let failed = explanation.eligibility.filter { !$0.held }.map { text.eligibilityRule($0.id) }
        guard !failed.isEmpty else { return nil }
        return c.t(
            "该企业不符合资格条件「\(failed.joined(separator: "」「"))」，所有奖励项目均不予奖励。",
            "The enterprise does not meet the eligibility rule \"\(failed.joined(separator: "\", \""))\", "
                + "so no program pays it.")
    }

    /// The answer for one program.
    func sentence(_ o: ProgramOutcome) -> String {
        let program = config.program(id: o.program)
        let name = text.program(o.program)
        guard o.when else {
            let when = program?.when.text ?? "—"
            return c.t(
                "「\(name)」：条件 \(when) 不成立，不适用本项目。",
                "\(name): the condition \(when) does not hold, so the program does not apply.")
        }
        switch o.excluded {
        case "once_per_years":
            let n = program?.oncePerYears ?? 0
            let year = o.lastPayoutYear.map(String.init) ?? "—"
            return c.t(
                "「\(name)」：已于 \(year) 年获本项目奖励，\(n) 年内不重复奖励，本期不予奖励。",
                "\(name): paid by this program in \(year) and not again within \(n) years, so nothing this period.")
        case "no_amount":
            let formula = program?.amountYuan.text ?? "—"
            return c.t(
                "「\(name)」：按公式 \(formula) 计算的金额为零或无法计算，不予奖励。",
                "\(name): the amount \(formula) is zero or cannot be computed, so there is no award.")
        case "group":
            let kept = o.replacedBy.map(text.program) ?? "—"
            let group = program?.group ?? "—"
            return c.t(
                "「\(name)」：与同组（\(group)）金额更高的「\(kept)」就高不重复，本项目不予奖励。",
                "\(name): same group (\(group)) as the higher award \(kept); only the highest is paid, so nothing here."
            )
        case let other?:
            return c.t("「\(name)」：排除（\(other)）。", "\(name): excluded (\(other)).")
        case nil:
            return awarded(o, name: name, program: program)
        }
    }

    private func awarded(_ o: ProgramOutcome, name: String, program: Program?) -> String {
        guard let requested = o.requestedFen, let granted = o.grantedFen else {
            return c.t("「\(name)」：无奖励记录。", "\(name): no award on record.")
        }
        var zh = "「\(name)」：申请 \(yuan(requested))"
        var en = "\(name): requested \(yuan(requested))"
        let afterCap = o.afterCapFen ?? requested
        let afterProgram = o.afterProgramBudgetFen ?? afterCap
        if o.notes.contains("enterprise_cap") {
            let cap = yuan(explanation.enterpriseCapFen)
            zh += "，超出企业奖励上限 \(cap)，核减为 \(yuan(afterCap))"
            en += ", cut to \(yuan(afterCap)) by the enterprise cap of \(cap)"
        }
        if o.notes.contains("program_budget") {
            let budget = yuan(o.programBudgetFen)
            zh +=
                proRata
                ? "，项目预算 \(budget)不足，按比例核减为 \(yuan(afterProgram))" : "，项目预算 \(budget) 按优先级分配后为 \(yuan(afterProgram))"
            en +=
                proRata
                ? ", cut pro rata to \(yuan(afterProgram)) by the program budget of \(budget)"
                : ", \(yuan(afterProgram)) left by priority within the program budget of \(budget)"
        }
        if o.notes.contains("budget") {
            let budget = yuan(explanation.budgetFen)
            zh += proRata ? "，总预算 \(budget)不足，按比例核减为 \(yuan(granted))" : "，总预算 \(budget) 按优先级分配后为 \(yuan(granted))"
            en +=
                proRata
                ? ", cut pro rata to \(yuan(granted)) by the overall budget of \(budget)"
                : ", \(yuan(granted)) left by priority within the overall budget of \(budget)"
        }
        if o.notes.isEmpty && granted == requested {
            return c.t(zh + "，全额核定。", en + ", granted in full.")
        }
        return c.t(zh + "；最终核定 \(yuan(granted))。", en + "; granted \(yuan(granted)).")
    }
}
