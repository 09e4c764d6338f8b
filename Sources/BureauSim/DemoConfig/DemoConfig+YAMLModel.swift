import QualityCore

extension DemoConfig {
    func scoringSections(_ c: Config, _ out: inout YAMLOutput) {
        out.comment("Indicators (考核指标): one value per district, from district facts and aggregates over its")
        out.comment("enterprises (sum, avg, min, max, count). Units are for display.")
        out.line("indicators:")
        for i in c.indicators {
            out.item("  ", id: i.id, name: i.name)
            out.line("    unit: \(i.unit.rawValue)")
            if i.direction == .lower { out.line("    direction: lower") }
            out.line("    value: \(YAMLText.quoted(i.value.text))")
        }
        out.blank()
        let s = c.scoring
        out.comment("Scoring (评分): weights add up to `total`; target scales between floor and target, minmax")
        out.comment("between the worst and best district, bands score by thresholds. Missing values score 0")
        out.comment("unless an entry says `missing: exclude` (the other weights are scaled up).")
        out.line("scoring:")
        out.line("  total: \(YAMLText.number(s.total))")
        if let max = s.maxTotal { out.line("  max_total: \(YAMLText.number(max))") }
        out.line("  missing: \(s.missing.rawValue)")
        out.line("  dimensions:")
        for d in s.dimensions {
            out.item("    ", id: d.id, name: d.name)
            out.line("      indicators:")
            for e in d.indicators { scoredIndicator(e, &out) }
        }
        out.comment("Bonus (加分) and penalties (扣分), each capped, then capped overall.", indent: 2)
        out.line("  bonus:")
        for b in s.bonus { adjustment(b, &out) }
        if let cap = s.bonusCap { out.line("  bonus_cap: \(YAMLText.number(cap))") }
        out.line("  penalties:")
        for p in s.penalties { adjustment(p, &out) }
        if let cap = s.penaltyCap { out.line("  penalty_cap: \(YAMLText.number(cap))") }
        out.comment("One-vote veto (一票否决): a major quality safety incident means the lowest grade.", indent: 2)
        out.line("  veto:")
        for v in s.veto { rule(v, indent: "    ", &out) }
        out.line("  grades:")
        for g in s.grades {
            out.line(
                "    - "
                    + YAMLText.flow([
                        ("id", g.id), ("name", YAMLText.localized(g.name)), ("min", YAMLText.number(g.min)),
                    ]))
        }
        out.blank()
    }

    private func scoredIndicator(_ e: ScoredIndicator, _ out: inout YAMLOutput) {
        var pairs: [(String, String)] = [
            ("indicator", e.indicator), ("weight", YAMLText.number(e.weight)), ("method", e.method.name),
        ]
        if let direction = e.direction { pairs.append(("direction", direction.rawValue)) }
        switch e.method {
        case .target(let floor, let target):
            pairs += [("floor", YAMLText.number(floor)), ("target", YAMLText.number(target))]
        case .minmax:
            break
        case .rank(.rates(let rates, let rest)):
            pairs.append(("rates", "[" + rates.map(YAMLText.number).joined(separator: ", ") + "]"))
            if rest != 0 { pairs.append(("rest", YAMLText.number(rest))) }
        case .rank(.step(let step)):
            pairs.append(("step", YAMLText.number(step)))
        case .ratio(let reference):
            pairs.append(("reference", reference.rawValue))
        case .bands(let bands):
            for (k, v) in pairs { out.line((k == "indicator" ? "        - " : "          ") + "\(k): \(v)") }
            if let missing = e.missing { out.line("          missing: \(missing.rawValue)") }
            out.line("          bands:")
            for b in bands {
                var band: [(String, String)] = []
                if let min = b.min { band.append(("min", YAMLText.number(min))) }
                if let max = b.max { band.append(("max", YAMLText.number(max))) }
                band.append(("score", YAMLText.number(b.score)))
                out.line("            - " + YAMLText.flow(band))
            }
            return
        }
        if let missing = e.missing { pairs.append(("missing", missing.rawValue)) }
        out.line("        - " + YAMLText.flow(pairs))
    }

    private func adjustment(_ a: Adjustment, _ out: inout YAMLOutput) {
        out.item("    ", id: a.id, name: a.name)
        out.line("      points: \(YAMLText.quoted(a.points.text))")
        if let cap = a.cap { out.line("      cap: \(YAMLText.number(cap))") }
    }

    private func rule(_ r: Rule, indent: String, _ out: inout YAMLOutput) {
        out.item(indent, id: r.id, name: r.name)
        out.line("\(indent)  when: \(YAMLText.quoted(r.when.text))")
    }

    func subsidiesSection(_ s: SubsidyConfig, _ out: inout YAMLOutput) {
        out.comment("Subsidies (奖励): every enterprise must meet all eligibility rules; each program whose `when`")
        out.comment("holds grants `amount_yuan`, one per group (就高不重复), at most once in `once_per_years`,")
        out.comment("within the enterprise cap and the budgets (cut pro rata when oversubscribed).")
        out.line("subsidies:")
        if let budget = s.budgetYuan { out.line("  budget_yuan: \(YAMLText.number(budget))") }
        out.line("  allocation: \(s.allocation.rawValue)")
        if let priority = s.priority {
            out.line("  priority: \(YAMLText.quoted(priority.text))   # order for `allocation: priority`")
        }
        if let cap = s.enterpriseCapYuan { out.line("  enterprise_cap_yuan: \(YAMLText.number(cap))") }
        out.line("  eligibility:")
        for r in s.eligibility { rule(r, indent: "    ", &out) }
        out.line("  programs:")
        for p in s.programs {
            out.item("    ", id: p.id, name: p.name)
            out.line("      basis: \(YAMLText.scalar(p.basis))")
            out.line("      when: \(YAMLText.quoted(p.when.text))")
            out.line("      amount_yuan: \(YAMLText.expression(p.amountYuan))")
            if let group = p.group { out.line("      group: \(group)") }
            if let n = p.oncePerYears { out.line("      once_per_years: \(n)") }
            if let budget = p.budgetYuan { out.line("      budget_yuan: \(YAMLText.number(budget))") }
        }
        out.blank()
    }
}
