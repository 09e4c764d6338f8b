extension AssessmentModel {
    /// How much `result`'s ranks and grades depend on the weights (docs/SEMANTICS.md §15).
    ///
    /// Only the weights vary: each indicator's rate s is scored once from the values `result`
    /// holds, and its bonus, penalty and vetoes are kept; each set of weights is then combined by
    /// the scorer's own rules. Deterministic for `options.seed`; `options.problem` must be nil.
    public func sensitivity(of result: AssessmentResult, options: SensitivityOptions) -> SensitivityResult {
        SensitivityAnalysis(model: self, result: result).run(options)
    }
}

/// The scores of every district fixed once, recombined under as many weight vectors as asked.
struct SensitivityAnalysis {
    let codes: [String]
    let weights: [Double]
    let policies: [MissingPolicy]
    let dimensionSizes: [Int]
    let totalWeight: Double
    let maxTotal: Double
    let grades: [Grade]
    let indicators: [String]
    /// Row-major: district d's rate for entry k at d × K + k; nil when the value is missing.
    let scores: [Double?]
    let bonus: [Double]
    let penalty: [Double]
    let vetoed: [Bool]

    init(model: AssessmentModel, result: AssessmentResult) {
        let entries = model.entries
        let columns = entries.map { e in
            e.scoreColumn(result.districts.map { $0.indicator(e.entry.indicator)?.value })
        }
        var scores: [Double?] = []
        scores.reserveCapacity(result.districts.count * entries.count)
        for d in result.districts.indices {
            for column in columns { scores.append(column.scores[d]) }
        }
        self.scores = scores
        codes = result.districts.map(\.code)
        weights = entries.map(\.entry.weight)
        policies = entries.map(\.policy)
        dimensionSizes = model.dimensionSizes.map(\.count)
        totalWeight = model.totalWeight
        maxTotal = model.config.scoring.effectiveMaxTotal
        grades = DistrictScorer.gradeOrder(model.config.scoring.grades)
        indicators = entries.map(\.entry.indicator)
        bonus = result.districts.map(\.bonus)
        penalty = result.districts.map(\.penalty)
        vetoed = result.districts.map { !$0.vetoedBy.isEmpty }
    }

    /// Buffers reused from one set of weights to the next.
    struct Scratch {
        var points: [Double?]
        var dimensions: [Double]
        var totals: [Double?]
        /// The complete districts' totals with their positions, sorted largest first.
        var order: [(total: Double, district: Int32)] = []

        init(_ analysis: SensitivityAnalysis) {
            points = [Double?](repeating: nil, count: analysis.weights.count)
            dimensions = [Double](repeating: 0, count: analysis.dimensionSizes.count)
            totals = [Double?](repeating: nil, count: analysis.codes.count)
            order.reserveCapacity(analysis.codes.count)
        }
    }

    /// Every district's total under `weights` into `scratch.totals`, then `visit(d, rank, grade)`
    /// for each complete district (grade as a position in `grades`).
    func evaluate(
        _ weights: [Double], policies: [MissingPolicy], _ scratch: inout Scratch, visit: (Int, Int, Int?) -> Void
    ) {
        let k = weights.count
        scratch.order.removeAll(keepingCapacity: true)
        for d in codes.indices {
            let row = d * k
            let combined = DistrictScorer.combine(
                weights: weights, policies: policies, dimensionSizes: dimensionSizes, totalWeight: totalWeight,
                points: &scratch.points, dimensions: &scratch.dimensions
            ) { scores[row + $0] }
            if combined.incomplete {
                scratch.totals[d] = nil
                continue
            }
            let total = DistrictScorer.total(
                base: combined.base, bonus: bonus[d], penalty: penalty[d], maxTotal: maxTotal)
            scratch.totals[d] = total
            scratch.order.append((total, Int32(d)))
        }
        scratch.order.sort { $0.total > $1.total }
        let order = scratch.order
        DistrictScorer.forEachRank(count: order.count, value: { order[$0].total }) { i, rank in
            let d = Int(order[i].district)
            visit(d, rank, DistrictScorer.grade(total: order[i].total, vetoed: vetoed[d], ordered: grades))
        }
    }

    /// The weights with entry `left` at 0 and the rest rescaled to W; nil when nothing remains.
    func leavingOut(_ left: Int) -> [Double]? {
        var sum = 0.0
        for (k, w) in weights.enumerated() where k != left { sum += w }
        guard sum > 0 else { return nil }
        let scale = totalWeight / sum
        return weights.enumerated().map { k, w in k == left ? 0 : w * scale }
    }

    func run(_ options: SensitivityOptions) -> SensitivityResult {
        let n = codes.count
        let samples = Swift.max(options.samples, 1)
        var scratch = Scratch(self)
        var baseRanks = [Int?](repeating: nil, count: n)
        evaluate(weights, policies: policies, &scratch) { d, rank, _ in baseRanks[d] = rank }

        // Ranks district-major (0: no rank), so each district's are read in one run at the end; a
        // block of samples is collected sample-major first and copied over, to write in runs too.
        var ranks = [Int32](repeating: 0, count: samples * n)
        let blockSize = 64
        var block = [Int32](repeating: 0, count: blockSize * n)
        var gradeCounts = [Int](repeating: 0, count: n * grades.count)
        var random = SplitMix64(seed: options.seed)
        var drawn = weights
        let low = 1 - options.spread
        let width = 2 * options.spread
        for s in 0..<samples {
            var sum = 0.0
            for k in weights.indices {
                drawn[k] = weights[k] * (low + width * random.nextUnit())
                sum += drawn[k]
            }
            let scale = totalWeight / sum
            for k in drawn.indices { drawn[k] *= scale }
            let b = s % blockSize
            let offset = b * n
            for d in 0..<n { block[offset + d] = 0 }
            evaluate(drawn, policies: policies, &scratch) { d, rank, grade in
                block[offset + d] = Int32(rank)
                if let grade { gradeCounts[d * grades.count + grade] += 1 }
            }
            if b == blockSize - 1 || s == samples - 1 {
                let first = s - b
                for d in 0..<n {
                    for k in 0...b { ranks[d * samples + first + k] = block[k * n + d] }
                }
            }
        }

        var leftOut = [[Int?]](repeating: [Int?](repeating: nil, count: indicators.count), count: n)
        for j in indicators.indices {
            guard let w = leavingOut(j) else { continue }
            // The indicator left out no longer scores, so its missing policy no longer applies.
            var p = policies
            p[j] = .zero
            evaluate(w, policies: p, &scratch) { d, rank, _ in leftOut[d][j] = rank }
        }

        var histogram = [Int](repeating: 0, count: n + 1)
        var districts: [DistrictSensitivity] = []
        districts.reserveCapacity(n)
        for d in 0..<n {
            var ranked = 0
            for s in 0..<samples {
                let r = Int(ranks[d * samples + s])
                if r > 0 {
                    histogram[r] += 1
                    ranked += 1
                }
            }
            let p = NearestRank.percentiles([5, 50, 95], of: &histogram, count: ranked)
            districts.append(
                DistrictSensitivity(
                    code: codes[d], baseRank: baseRanks[d], medianRank: p[1], rankP5: p[0], rankP95: p[2],
                    gradeShares: grades.enumerated().map { g, grade in
                        NamedNumber(grade.id, Double(gradeCounts[d * grades.count + g]) / Double(samples))
                    },
                    leaveOneOut: zip(indicators, leftOut[d]).map { .init(indicator: $0, rank: $1) }))
        }
        return SensitivityResult(
            samples: samples, spread: options.spread, seed: options.seed, grades: grades.map(\.id),
            indicators: indicators, districts: districts)
    }
}

/// The percentile rule of docs/SEMANTICS.md §15.
public enum NearestRank {
    /// Nearest-rank percentiles of the `count` ranks counted in `histogram` (which is zeroed again):
    /// the p-th is the i-th smallest, i = max(1, ⌈p × count / 100⌉). Nil when nothing was counted.
    public static func percentiles(_ ps: [Int], of histogram: inout [Int], count: Int) -> [Int?] {
        guard count > 0 else { return ps.map { _ in nil } }
        let wanted = ps.map { Swift.max(1, ($0 * count + 99) / 100) }
        var found = [Int?](repeating: nil, count: ps.count)
        var cumulative = 0
        for r in histogram.indices where histogram[r] > 0 {
            cumulative += histogram[r]
            histogram[r] = 0
            for (i, w) in wanted.enumerated() where found[i] == nil && cumulative >= w { found[i] = r }
        }
        return found
    }
}
