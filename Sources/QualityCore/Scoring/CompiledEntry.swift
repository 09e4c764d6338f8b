/// One scored indicator compiled once per config: its direction and missing policy resolved, its
/// bands in the order they are tried. `scoreColumn` scores every district at once, so that a
/// method that compares districts (min-max, rank, ratio) sorts or scans the values once.
struct CompiledEntry: Sendable {
    let entry: ScoredIndicator
    let dimension: String
    /// The indicator's position in `config.indicators`; -1 when the config does not define it.
    let slot: Int
    let direction: Direction
    let policy: MissingPolicy
    /// `bands` only: the bands in the order they are tried.
    let bands: [ResolvedBand]

    init(entry: ScoredIndicator, dimension: String, config: Config, slot: Int) {
        self.entry = entry
        self.dimension = dimension
        self.slot = slot
        direction = config.direction(of: entry)
        policy = config.missingPolicy(of: entry)
        if case .bands(let list) = entry.method {
            bands = Self.order(list, direction: direction)
        } else {
            bands = []
        }
    }

    /// Higher: bands with a `min`, by `min` descending; lower: bands with a `max`, by `max` ascending.
    /// Stable, as a reader of the config expects when two bands share a bound.
    static func order(_ list: [Band], direction: Direction) -> [ResolvedBand] {
        let resolved = list.enumerated().compactMap { i, band in
            (direction == .higher ? band.min : band.max).map {
                ResolvedBand(bound: $0, score: band.score, configIndex: i)
            }
        }
        return resolved.sorted { a, b in
            guard a.bound != b.bound else { return a.configIndex < b.configIndex }
            return direction == .higher ? a.bound > b.bound : a.bound < b.bound
        }
    }

    /// What scoring one indicator over all districts decided.
    struct Column {
        var resolved: ResolvedIndicator
        /// Per district: the value, nil when missing.
        var values: [Double?]
        /// Per district: the rate s, nil when the value is missing.
        var scores: [Double?]
        /// Per district (`rank` only): the rank among the districts with a value.
        var ranks: [Int?]
        /// Per district (`bands` only): the position of the matched band in `bands`.
        var bands: [Int?]
    }

    /// Scores `values` (one per district, nil when missing) by the method.
    func scoreColumn(_ values: [Double?]) -> Column {
        let n = values.count
        var present: [Double] = []
        present.reserveCapacity(n)
        for v in values { if let v { present.append(v) } }
        var scores = [Double?](repeating: nil, count: n)
        var ranks = [Int?](repeating: nil, count: n)
        var matched = [Int?](repeating: nil, count: n)
        let method: ResolvedMethod
        switch entry.method {
        case .target(let floor, let target):
            method = .target(floor: floor, target: target)
            for (d, v) in values.enumerated() {
                guard let v else { continue }
                let s = (v - floor) / (target - floor)
                scores[d] = s.isNaN ? 0 : Swift.min(Swift.max(s, 0), 1)
            }
        case .minmax:
            var range: ValueRange?
            if let lo = present.min(), let hi = present.max() { range = ValueRange(min: lo, max: hi) }
            method = .minmax(range: range)
            for (d, v) in values.enumerated() {
                guard let v, let range else { continue }
                let width = range.max - range.min
                scores[d] = width == 0 ? 1 : direction == .higher ? (v - range.min) / width : (range.max - v) / width
            }
        case .bands:
            method = .bands(bands)
            for (d, v) in values.enumerated() {
                guard let v else { continue }
                let k = bands.firstIndex { direction == .higher ? v >= $0.bound : v <= $0.bound }
                matched[d] = k
                scores[d] = k.map { bands[$0].score } ?? 0
            }
        case .rank(let rule):
            method = .rank(rule)
            // Best first; the rank of v is 1 + how many are better than v by more than 1e-9.
            let higher = direction == .higher
            let sorted = present.sorted(by: higher ? (>) : (<))
            for (d, v) in values.enumerated() {
                guard let v else { continue }
                let better = higher ? Self.prefix(sorted) { $0 > v + 1e-9 } : Self.prefix(sorted) { $0 < v - 1e-9 }
                ranks[d] = better + 1
                scores[d] = rule.score(rank: better + 1)
            }
        case .ratio(let reference):
            var r: Double?
            if !present.isEmpty {
                switch reference {
                case .best:
                    r = direction == .higher ? present.max() : present.min()
                case .mean:
                    var sum = 0.0
                    for v in present { sum += v }
                    r = sum / Double(present.count)
                }
            }
            method = .ratio(reference, value: r)
            for (d, v) in values.enumerated() {
                guard let v, let r else { continue }
                if direction == .higher {
                    scores[d] = v >= r ? 1 : r <= 0 ? 0 : v / r
                } else {
                    scores[d] = v <= r ? 1 : r <= 0 ? 0 : r / v
                }
            }
        }
        let resolved = ResolvedIndicator(
            id: entry.indicator, dimension: dimension, weight: entry.weight, direction: direction, missing: policy,
            method: method, districtsWithValue: present.count)
        return Column(resolved: resolved, values: values, scores: scores, ranks: ranks, bands: matched)
    }

    /// How many leading elements of `sorted` satisfy `holds`, which holds for a prefix only.
    private static func prefix(_ sorted: [Double], _ holds: (Double) -> Bool) -> Int {
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if holds(sorted[mid]) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
