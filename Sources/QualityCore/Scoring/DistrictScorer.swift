/// docs/SEMANTICS.md §6: indicator values → scores → points → dimension points, base, bonus, penalty,
/// total, veto, grade and rank, for every configured district.
struct DistrictScorer {
    let model: AssessmentModel
    let population: Population

    private var config: Config { model.config }

    func score() -> ([DistrictResult], ScoringExplanation) {
        let snapshot = population.snapshot
        let districts = config.districts
        var indicatorSlots: [String: Int] = [:]
        for (i, ind) in config.indicators.enumerated() where indicatorSlots[ind.id] == nil {
            indicatorSlots[ind.id] = i
        }
        let schema = BindingSchema(
            enterprises: snapshot.enterprises, districts: snapshot.districts, indicatorSlots: indicatorSlots
        )
        let cursor = EvalCursor()
        let valueFns = model.indicatorValues.map { $0.bind(schema) }
        let bonusFns = model.bonus.map { $0.bind(schema) }
        let penaltyFns = model.penalties.map { $0.bind(schema) }
        let vetoFns = model.veto.map { $0.bind(schema) }

        // Indicator values of every district first: minmax needs them all before any score.
        var values: [[Value]] = []
        values.reserveCapacity(districts.count)
        var districtRows: [Int] = []
        for (d, district) in districts.enumerated() {
            cursor.district = snapshot.districts.row(forKey: district.code) ?? -1
            cursor.members = population.members[d]
            districtRows.append(cursor.district)
            values.append(valueFns.map { f in f(cursor).number.map(Value.number) ?? .missing })
        }

        let entries = model.entries
        let columns = entries.map { e in
            e.scoreColumn(values.map { e.slot >= 0 ? $0[e.slot].number : nil })
        }

        var results: [DistrictResult] = []
        for (d, district) in districts.enumerated() {
            var result = DistrictResult(code: district.code, name: district.name.zh, nameEn: district.name.text(.en))
            Self.assemble(
                &result, district: d, entries: entries, columns: columns, dimensionSizes: model.dimensionSizes,
                totalWeight: model.totalWeight)
            result.enterprises = population.members[d].count
            cursor.district = districtRows[d]
            cursor.members = population.members[d]
            cursor.indicators = values[d]
            applyAdjustments(&result, cursor: cursor, bonus: bonusFns, penalties: penaltyFns)
            result.vetoedBy = zip(config.scoring.veto, vetoFns).compactMap { rule, f in f(cursor).isTrue ? rule.id : nil
            }
            results.append(result)
        }
        assignGradesAndRanks(&results)
        return (results, ScoringExplanation(totalWeight: model.totalWeight, indicators: columns.map(\.resolved)))
    }

    /// District `d`'s indicators, dimension points and base from the scored columns, with the
    /// missing policies applied: `zero` scores 0, `exclude` leaves the indicator out and rescales the
    /// rest by W / (W − E), `fail` makes the district incomplete (so does excluding everything).
    static func assemble(
        _ result: inout DistrictResult, district d: Int, entries: [CompiledEntry], columns: [CompiledEntry.Column],
        dimensionSizes: [(id: String, count: Int)], totalWeight: Double
    ) {
        var excludedWeight = 0.0
        var incomplete = false
        var indicators: [IndicatorResult] = []
        indicators.reserveCapacity(entries.count)
        for (k, e) in entries.enumerated() {
            let column = columns[k]
            if let s = column.scores[d] {
                indicators.append(
                    IndicatorResult(
                        id: e.entry.indicator, value: column.values[d], score: s, points: e.entry.weight * s,
                        missing: false, rank: column.ranks[d], band: column.bands[d]))
                continue
            }
            switch e.policy {
            case .zero:
                indicators.append(
                    IndicatorResult(id: e.entry.indicator, value: nil, score: 0, points: 0, missing: true))
            case .exclude:
                excludedWeight += e.entry.weight
                indicators.append(
                    IndicatorResult(
                        id: e.entry.indicator, value: nil, score: nil, points: nil, missing: true, excluded: true))
            case .fail:
                incomplete = true
                indicators.append(
                    IndicatorResult(id: e.entry.indicator, value: nil, score: nil, points: nil, missing: true))
            }
        }
        let remaining = totalWeight - excludedWeight
        if remaining <= 0 { incomplete = true }
        let factor = excludedWeight > 0 && remaining > 0 ? totalWeight / remaining : 1
        var dimensions: [NamedNumber] = []
        var k = 0
        var base = 0.0
        for dimension in dimensionSizes {
            var sum = 0.0
            for _ in 0..<dimension.count {
                if excludedWeight > 0, let p = indicators[k].points { indicators[k].points = p * factor }
                if let p = indicators[k].points { sum += p }
                k += 1
            }
            dimensions.append(NamedNumber(dimension.id, sum))
        }
        for dimension in dimensions { base += dimension.value }
        result.indicators = indicators
        result.dimensions = dimensions
        result.incomplete = incomplete
        result.base = base
        result.excludedWeight = excludedWeight
        result.rescaleFactor = remaining > 0 ? factor : nil
    }

    private func applyAdjustments(
        _ result: inout DistrictResult, cursor: EvalCursor, bonus: [Evaluator], penalties: [Evaluator]
    ) {
        func items(_ adjustments: [Adjustment], _ fns: [Evaluator]) -> [NamedNumber] {
            zip(adjustments, fns).map { item, f in
                var p = f(cursor).number ?? 0
                if let cap = item.cap { p = Swift.min(p, cap) }
                return NamedNumber(item.id, Swift.max(p, 0))
            }
        }
        func capped(_ items: [NamedNumber], _ cap: Double?) -> Double {
            var sum = 0.0
            for item in items { sum += item.value }
            return cap.map { Swift.min(sum, $0) } ?? sum
        }
        result.bonusItems = items(config.scoring.bonus, bonus)
        result.penaltyItems = items(config.scoring.penalties, penalties)
        result.bonus = capped(result.bonusItems, config.scoring.bonusCap)
        result.penalty = capped(result.penaltyItems, config.scoring.penaltyCap)
        if !result.incomplete {
            let raw = result.base + result.bonus - result.penalty
            result.total = Swift.min(Swift.max(raw, 0), config.scoring.effectiveMaxTotal)
        }
    }

    private func assignGradesAndRanks(_ results: inout [DistrictResult]) {
        let grades = config.scoring.grades.sorted { $0.min > $1.min }
        let lowest = grades.last
        let totals = results.compactMap { $0.incomplete ? nil : $0.total }
        for i in results.indices {
            guard !results[i].incomplete, let total = results[i].total else {
                results[i].total = nil
                continue
            }
            if !results[i].vetoedBy.isEmpty {
                results[i].grade = lowest?.id
            } else {
                results[i].grade = grades.first { total >= $0.min - 1e-9 }?.id
            }
            results[i].rank = 1 + totals.filter { $0 - total > 1e-9 }.count
        }
    }
}
