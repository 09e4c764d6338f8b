/// docs/SEMANTICS.md §6: indicator values → scores → points → dimension points, base, bonus, penalty,
/// total, veto, grade and rank, for every configured district.
struct DistrictScorer {
    let model: AssessmentModel
    let population: Population

    private var config: Config { model.config }

    func score() -> [DistrictResult] {
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

        let entries = config.scoring.entries
        let entrySlots = entries.map { indicatorSlots[$0.indicator] ?? -1 }
        let ranges: [(min: Double, max: Double)?] = entrySlots.map { slot in
            guard slot >= 0 else { return nil }
            let present = values.compactMap { $0[slot].number }
            guard let lo = present.min(), let hi = present.max() else { return nil }
            return (lo, hi)
        }
        let totalWeight = entries.reduce(0.0) { $0 + $1.weight }

        var results: [DistrictResult] = []
        for (d, district) in districts.enumerated() {
            var result = scoreIndicators(
                district: district, values: values[d], entries: entries, slots: entrySlots, ranges: ranges,
                totalWeight: totalWeight
            )
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
        return results
    }

    private func scoreIndicators(
        district: District, values: [Value], entries: [ScoredIndicator], slots: [Int],
        ranges: [(min: Double, max: Double)?], totalWeight: Double
    ) -> DistrictResult {
        var raw: [(value: Double?, score: Double?, points: Double?, missing: Bool)] = []
        var excludedWeight = 0.0
        var incomplete = false
        for (k, entry) in entries.enumerated() {
            let v = slots[k] >= 0 ? values[slots[k]].number : nil
            guard let v else {
                switch entry.missing ?? config.scoring.missing {
                case .zero: raw.append((nil, 0, 0, true))
                case .exclude:
                    excludedWeight += entry.weight
                    raw.append((nil, nil, nil, true))
                case .fail:
                    incomplete = true
                    raw.append((nil, nil, nil, true))
                }
                continue
            }
            let direction = entry.direction ?? (slots[k] >= 0 ? config.indicators[slots[k]].direction : .higher)
            let s = Self.score(v, method: entry.method, direction: direction, range: ranges[k])
            raw.append((v, s, entry.weight * s, false))
        }
        let remaining = totalWeight - excludedWeight
        if remaining <= 0 { incomplete = true }
        let factor = excludedWeight > 0 && remaining > 0 ? totalWeight / remaining : 1

        var indicators: [IndicatorResult] = []
        var dimensions: [NamedNumber] = []
        var k = 0
        for dimension in config.scoring.dimensions {
            var sum = 0.0
            for entry in dimension.indicators {
                var points = raw[k].points
                if let p = points, excludedWeight > 0 {
                    points = p * factor
                }
                if let p = points { sum += p }
                indicators.append(
                    IndicatorResult(
                        id: entry.indicator, value: raw[k].value, score: raw[k].score, points: points,
                        missing: raw[k].missing)
                )
                k += 1
            }
            dimensions.append(NamedNumber(dimension.id, sum))
        }
        var base = 0.0
        for dimension in dimensions { base += dimension.value }
        return DistrictResult(
            code: district.code, name: district.name.zh, nameEn: district.name.text(.en), indicators: indicators,
            dimensions: dimensions, incomplete: incomplete, base: base
        )
    }

    /// s in [0, 1] for one value (docs/SEMANTICS.md §6).
    static func score(_ v: Double, method: ScoringMethod, direction: Direction, range: (min: Double, max: Double)?)
        -> Double
    {
        switch method {
        case .target(let floor, let target):
            let s = (v - floor) / (target - floor)
            return s.isNaN ? 0 : Swift.min(Swift.max(s, 0), 1)
        case .minmax:
            guard let range, range.max != range.min else { return 1 }
            return direction == .higher
                ? (v - range.min) / (range.max - range.min) : (range.max - v) / (range.max - range.min)
        case .bands(let bands):
            // Stable order, as a reader of the config expects when two bands share a bound.
            let indexed = Array(bands.enumerated())
            if direction == .higher {
                let sorted = indexed.compactMap { i, b in b.min.map { (i, $0, b.score) } }
                    .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                return sorted.first { v >= $0.1 }?.2 ?? 0
            } else {
                let sorted = indexed.compactMap { i, b in b.max.map { (i, $0, b.score) } }
                    .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
                return sorted.first { v <= $0.1 }?.2 ?? 0
            }
        }
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
