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
        var points = [Double?](repeating: nil, count: entries.count)
        var sums = [Double](repeating: 0, count: dimensionSizes.count)
        let combined = combine(
            weights: entries.map(\.entry.weight), policies: entries.map(\.policy),
            dimensionSizes: dimensionSizes.map(\.count), totalWeight: totalWeight, points: &points,
            dimensions: &sums
        ) { k in columns[k].scores[d] }
        var indicators: [IndicatorResult] = []
        indicators.reserveCapacity(entries.count)
        for (k, e) in entries.enumerated() {
            let column = columns[k]
            if let s = column.scores[d] {
                indicators.append(
                    IndicatorResult(
                        id: e.entry.indicator, value: column.values[d], score: s, points: points[k],
                        missing: false, rank: column.ranks[d], band: column.bands[d]))
                continue
            }
            switch e.policy {
            case .zero:
                indicators.append(
                    IndicatorResult(id: e.entry.indicator, value: nil, score: 0, points: points[k], missing: true))
            case .exclude:
                indicators.append(
                    IndicatorResult(
                        id: e.entry.indicator, value: nil, score: nil, points: nil, missing: true, excluded: true))
            case .fail:
                indicators.append(
                    IndicatorResult(id: e.entry.indicator, value: nil, score: nil, points: nil, missing: true))
            }
        }
        result.indicators = indicators
        result.dimensions = zip(dimensionSizes, sums).map { NamedNumber($0.id, $1) }
        result.incomplete = combined.incomplete
        result.base = combined.base
        result.excludedWeight = combined.excludedWeight
        result.rescaleFactor = combined.remaining > 0 ? combined.factor : nil
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
            result.total = Self.total(
                base: result.base, bonus: result.bonus, penalty: result.penalty,
                maxTotal: config.scoring.effectiveMaxTotal)
        }
    }

    private func assignGradesAndRanks(_ results: inout [DistrictResult]) {
        let grades = Self.gradeOrder(config.scoring.grades)
        let totals = results.compactMap { $0.incomplete ? nil : $0.total }.sorted(by: >)
        for i in results.indices {
            guard !results[i].incomplete, let total = results[i].total else {
                results[i].total = nil
                continue
            }
            results[i].grade = Self.grade(total: total, vetoed: !results[i].vetoedBy.isEmpty, ordered: grades)
                .map { grades[$0].id }
            results[i].rank = Self.rank(of: total, descending: totals)
        }
    }
}
