/// The rules of docs/SEMANTICS.md §6.2 and §6.3 that turn weights and scores into a base, a total, a
/// grade and a rank, as functions of their inputs only, so that the scorer and the sensitivity
/// analysis (which recombines the same scores under other weights) apply the very same arithmetic.
extension DistrictScorer {
    /// What the weights made of one district's scores.
    struct Combined {
        var base: Double
        /// E: the weight of the indicators `exclude` left out.
        var excludedWeight: Double
        var incomplete: Bool
        /// W / (W − E) when something was excluded, else 1; meaningless when nothing remains.
        var factor: Double
        var remaining: Double
    }

    /// One district's base under `weights` (docs/SEMANTICS.md §6.2, §6.3): `score(k)` is entry k's
    /// rate s, nil when its value is missing. Writes each entry's points (after the factor) into
    /// `points` and each dimension's sum into `dimensions`; both must have the right counts.
    @inline(__always)
    static func combine(
        weights: [Double], policies: [MissingPolicy], dimensionSizes: [Int], totalWeight: Double,
        points: inout [Double?], dimensions: inout [Double], score: (Int) -> Double?
    ) -> Combined {
        var excludedWeight = 0.0
        var incomplete = false
        for k in 0..<weights.count {
            if let s = score(k) {
                points[k] = weights[k] * s
                continue
            }
            switch policies[k] {
            case .zero:
                points[k] = 0
            case .exclude:
                excludedWeight += weights[k]
                points[k] = nil
            case .fail:
                incomplete = true
                points[k] = nil
            }
        }
        let remaining = totalWeight - excludedWeight
        if remaining <= 0 { incomplete = true }
        let factor = excludedWeight > 0 && remaining > 0 ? totalWeight / remaining : 1
        var k = 0
        var base = 0.0
        for (i, count) in dimensionSizes.enumerated() {
            var sum = 0.0
            for _ in 0..<count {
                if excludedWeight > 0, let p = points[k] { points[k] = p * factor }
                if let p = points[k] { sum += p }
                k += 1
            }
            dimensions[i] = sum
        }
        for sum in dimensions { base += sum }
        return Combined(
            base: base, excludedWeight: excludedWeight, incomplete: incomplete, factor: factor, remaining: remaining)
    }

    /// total = clamp(base + bonus − penalty, 0, max_total).
    @inline(__always)
    static func total(base: Double, bonus: Double, penalty: Double, maxTotal: Double) -> Double {
        let raw = base + bonus - penalty
        return Swift.min(Swift.max(raw, 0), maxTotal)
    }

    /// The grades as they are tried: by `min`, largest first.
    static func gradeOrder(_ grades: [Grade]) -> [Grade] { grades.sorted { $0.min > $1.min } }

    /// The position in `ordered` (from `gradeOrder`) of a complete district's grade: the lowest for
    /// a vetoed one, else the first whose `min` the total reaches (within 10⁻⁹).
    @inline(__always)
    static func grade(total: Double, vetoed: Bool, ordered: [Grade]) -> Int? {
        if vetoed { return ordered.isEmpty ? nil : ordered.count - 1 }
        return ordered.firstIndex { total >= $0.min - 1e-9 }
    }

    /// Rank: 1 plus how many of `descending` (the complete districts' totals, largest first) are
    /// larger than `total` by more than 10⁻⁹. `x − total` grows with x, so those form a prefix.
    @inline(__always)
    static func rank(of total: Double, descending: [Double]) -> Int {
        var lo = 0
        var hi = descending.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if descending[mid] - total > 1e-9 { lo = mid + 1 } else { hi = mid }
        }
        return lo + 1
    }

    /// The same ranks for a whole list at once: `count` totals in descending order, `value(i)` the
    /// i-th; `body(i, rank)` for each. The count of totals larger by more than 10⁻⁹ only grows as
    /// the totals fall, so one pointer walks it.
    @inline(__always)
    static func forEachRank(count: Int, value: (Int) -> Double, _ body: (Int, Int) -> Void) {
        var better = 0
        for i in 0..<count {
            let total = value(i)
            while value(better) - total > 1e-9 { better += 1 }
            body(i, better + 1)
        }
    }
}
