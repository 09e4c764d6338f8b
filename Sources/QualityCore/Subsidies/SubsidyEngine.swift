/// docs/SEMANTICS.md §7: eligibility, program amounts, groups (就高不重复), the enterprise cap, then
/// per-program and overall budgets — money in integer fen throughout.
struct SubsidyEngine {
    let model: AssessmentModel
    let population: Population

    private var config: Config { model.config }

    /// One award while it is being decided; `program` is the index in config order.
    struct Draft {
        var row: Int
        var program: Int
        var requested: Int64
        var granted: Int64
        var notes: AwardNotes = []
        var priority: Double?
        /// Granted after the cap, after the program budget: for explanations.
        var afterCap: Int64 = 0
        var afterProgramBudget: Int64 = 0
    }

    func run(trace: String? = nil) -> (SubsidyResult, EnterpriseExplanation?) {
        let snapshot = population.snapshot
        let table = snapshot.enterprises
        let programs = config.subsidies.programs
        let schema = BindingSchema(enterprises: table, districts: snapshot.districts)
        let cursor = EvalCursor()
        let eligibilityFns = model.eligibility.map { $0.bind(schema) }
        let whenFns = model.programWhen.map { $0.bind(schema) }
        let amountFns = model.programAmount.map { $0.bind(schema) }
        let priorityFn = config.subsidies.allocation == .priority ? model.priority?.bind(schema) : nil
        let history = PayoutHistory(payouts: snapshot.payouts, programs: programs)
        let year = Period(snapshot.period)?.year ?? 0
        let capFen = config.subsidies.enterpriseCapYuan.flatMap { Money.fen(yuan: $0) }
        let traceRow = trace.flatMap { table.row(forKey: $0) }
        var explanation: EnterpriseExplanation?

        var drafts: [Draft] = []
        var ineligible: [Ineligibility] = []
        var excluded: [Exclusion] = []
        // Reused for every enterprise: a million enterprises should not mean a million arrays.
        var local: [Draft] = []
        var localExcluded: [(program: Int, reason: String)] = []
        let groupOf = Self.groupIndices(programs)
        let rows = population.accepted
        let (eligibleMask, holdsMask) = Self.conditions(
            rows: rows, eligibility: eligibilityFns, when: whenFns, cursor: cursor)
        let programCount = programs.count
        for (k, row) in rows.enumerated() {
            cursor.enterprise = row
            let tracing = row == traceRow
            let eligible = eligibleMask[k]
            if tracing || !eligible {
                let held = eligibilityFns.map { $0(cursor).isTrue }
                if tracing {
                    explanation = EnterpriseExplanation(
                        uscc: table.keys[row],
                        eligibility: zip(config.subsidies.eligibility, held).map {
                            RuleOutcome(id: $0.id, held: $1)
                        })
                }
                if !eligible {
                    let reasons = zip(config.subsidies.eligibility, held).compactMap { $1 ? nil : $0.id }
                    ineligible.append(Ineligibility(uscc: table.keys[row], reasons: reasons))
                    continue
                }
            }
            local.removeAll(keepingCapacity: true)
            localExcluded.removeAll(keepingCapacity: true)
            for p in programs.indices {
                let holds = holdsMask[k * programCount + p]
                if tracing { explanation?.programs.append(ProgramOutcome(program: programs[p].id, when: holds)) }
                guard holds else { continue }
                if let n = programs[p].oncePerYears,
                    let last = history.recentYear(table.keys[row], program: p, year: year, within: n)
                {
                    localExcluded.append((p, "once_per_years"))
                    if tracing { explanation?.update(p) { $0.lastPayoutYear = last } }
                    continue
                }
                guard let yuan = amountFns[p](cursor).number, let fen = Money.fen(yuan: yuan), fen > 0 else {
                    localExcluded.append((p, "no_amount"))
                    continue
                }
                local.append(Draft(row: row, program: p, requested: fen, granted: fen))
            }
            if local.isEmpty && localExcluded.isEmpty { continue }
            Self.applyGroups(&local, excluded: &localExcluded, groupOf: groupOf)
            applyCap(&local, capFen: capFen)
            if !localExcluded.isEmpty {
                if localExcluded.count > 1 { localExcluded.sort(by: { $0.program < $1.program }) }
                for e in localExcluded {
                    excluded.append(Exclusion(uscc: table.keys[row], program: programs[e.program].id, reason: e.reason))
                    if tracing { explanation?.update(e.program) { $0.excluded = e.reason } }
                }
            }
            if let priorityFn, !local.isEmpty {
                let priority = priorityFn(cursor).number
                for i in local.indices { local[i].priority = priority }
            }
            drafts.append(contentsOf: local)
        }

        for (p, program) in programs.enumerated() {
            guard let budget = program.budgetYuan.flatMap({ Money.fen(yuan: $0) }) else { continue }
            let concerned = drafts.indices.filter { drafts[$0].program == p }
            allocate(&drafts, concerned, budget: budget, note: .programBudget)
        }
        for i in drafts.indices { drafts[i].afterProgramBudget = drafts[i].granted }
        let budgetFen = config.subsidies.budgetYuan.flatMap { Money.fen(yuan: $0) }
        if let budgetFen { allocate(&drafts, Array(drafts.indices), budget: budgetFen, note: .budget) }

        let names = table.column(named: "name").map { table.columns[$0] }
        var result = SubsidyResult(budgetFen: budgetFen, ineligible: ineligible, excluded: excluded)
        result.awards.reserveCapacity(drafts.count)
        for d in drafts {
            result.requestedFen += d.requested
            result.grantedFen += d.granted
            let district = config.districts[population.districtOfRow[d.row]].code
            result.awards.append(
                Award(
                    uscc: table.keys[d.row], name: names?[d.row].string ?? "", district: district,
                    program: programs[d.program].id, requestedFen: d.requested, grantedFen: d.granted, notes: d.notes
                )
            )
            if d.row == traceRow {
                explanation?.update(d.program) {
                    $0.requestedFen = d.requested
                    $0.afterCapFen = d.afterCap
                    $0.afterProgramBudgetFen = d.afterProgramBudget
                    $0.grantedFen = d.granted
                    $0.notes = d.notes.names
                    $0.priority = d.priority
                }
            }
        }
        return (result, explanation)
    }

    /// Which enterprises meet every eligibility rule, and (for those) whose program `when` holds
    /// (`holds[k * programs + p]`), a condition at a time: a closure called in a loop of its own
    /// is not retained and released around each of a million calls.
    private static func conditions(
        rows: [Int], eligibility: [Evaluator], when: [Evaluator], cursor: EvalCursor
    ) -> (eligible: [Bool], holds: [Bool]) {
        var eligible = [Bool](repeating: true, count: rows.count)
        for f in eligibility {
            for (k, row) in rows.enumerated() where eligible[k] {
                cursor.enterprise = row
                if !f(cursor).isTrue { eligible[k] = false }
            }
        }
        var holds = [Bool](repeating: false, count: rows.count * when.count)
        for (p, f) in when.enumerated() {
            for (k, row) in rows.enumerated() where eligible[k] {
                cursor.enterprise = row
                holds[k * when.count + p] = f(cursor).isTrue
            }
        }
        return (eligible, holds)
    }

    /// Each program's group as a number (index of its first program), -1 when it has none.
    private static func groupIndices(_ programs: [Program]) -> [Int] {
        var first: [String: Int] = [:]
        return programs.enumerated().map { p, program in
            guard let g = program.group else { return -1 }
            if let f = first[g] { return f }
            first[g] = p
            return p
        }
    }

    /// Of the awards in one group keep the highest requested; a tie goes to the earlier program.
    private static func applyGroups(
        _ local: inout [Draft], excluded: inout [(program: Int, reason: String)], groupOf: [Int]
    ) {
        // An award stays when no earlier one of its group asks as much and no later one asks more.
        func kept(_ i: Int) -> Bool {
            let g = groupOf[local[i].program]
            guard g >= 0 else { return true }
            for j in local.indices where j != i && groupOf[local[j].program] == g {
                if j < i ? local[j].requested >= local[i].requested : local[j].requested > local[i].requested {
                    return false
                }
            }
            return true
        }
        guard local.count > 1, !local.indices.allSatisfy(kept) else { return }
        let keep = local.indices.map(kept)
        var n = 0
        for i in local.indices {
            if keep[i] {
                local[n] = local[i]
                n += 1
            } else {
                excluded.append((local[i].program, "group"))
            }
        }
        local.removeLast(local.count - n)
    }

    /// Walking in program order, an award that would pass the cap is cut to what is left.
    private func applyCap(_ local: inout [Draft], capFen: Int64?) {
        var sum: Int64 = 0
        for i in local.indices {
            if let cap = capFen, sum + local[i].granted > cap {
                local[i].granted = max(cap - sum, 0)
                local[i].notes.insert(.enterpriseCap)
            }
            sum += local[i].granted
            local[i].afterCap = local[i].granted
        }
    }

    private func allocate(_ drafts: inout [Draft], _ concerned: [Int], budget: Int64, note: AwardNotes) {
        var total: Int64 = 0
        for i in concerned { total += drafts[i].granted }
        guard total > budget else { return }
        switch config.subsidies.allocation {
        case .proRata: Allocator.proRata(&drafts, concerned, total: total, budget: budget, note: note)
        case .priority: Allocator.priority(&drafts, concerned, budget: budget, note: note)
        }
    }
}

/// Years of past payouts per enterprise and program, for `once_per_years`.
struct PayoutHistory {
    private var years: [String: [(program: Int, year: Int)]] = [:]

    init(payouts: [Payout], programs: [Program]) {
        var index: [String: Int] = [:]
        for (i, p) in programs.enumerated() where p.oncePerYears != nil { index[p.id] = i }
        guard !index.isEmpty else { return }
        for payout in payouts {
            guard let p = index[payout.program] else { continue }
            years[payout.uscc, default: []].append((p, payout.year))
        }
    }

    /// The latest year Y' with 0 < year − Y' < n in which `uscc` was paid under `program`, if any.
    func recentYear(_ uscc: String, program: Int, year: Int, within n: Int) -> Int? {
        guard !years.isEmpty, let list = years[uscc] else { return nil }
        return list.filter { $0.program == program && year - $0.year > 0 && year - $0.year < n }.map(\.year).max()
    }
}
