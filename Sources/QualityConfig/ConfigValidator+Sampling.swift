import QualityCore

extension ConfigValidator {
    /// Classes, ratios and inspectors of `sampling`: every district must have enough active
    /// inspectors from other districts for each of its inspections.
    func validateSampling() {
        guard let s = config.sampling else { return }
        unique(s.classes, "sampling.classes", "id", \.id)
        if s.classes.isEmpty, ok("sampling.classes") { error("sampling.classes", "at least one class is required") }
        var mins: [Double: String] = [:]
        for (i, c) in s.classes.enumerated() {
            let path = "sampling.classes[\(i)]"
            if ok("\(path).ratio"), !(0...1).contains(c.ratio) {
                error("\(path).ratio", "ratio must be between 0 and 1 (found \(Quantities.format(c.ratio)))")
            } else if ok("\(path).ratio"), abs(Double(SamplingDraw.tenThousandths(c.ratio)) - c.ratio * 10_000) > 1e-6 {
                error("\(path).ratio", "ratio has at most four decimals (found \(Quantities.format(c.ratio)))")
            }
            guard ok("\(path).min_score") else { continue }
            if let other = mins[c.minScore] {
                error(
                    "\(path).min_score",
                    "min_score \(Quantities.format(c.minScore)) is already used by class '\(other)'")
            } else {
                mins[c.minScore] = c.id
            }
        }
        if s.minPerStratum < 0, ok("sampling.min_per_stratum") {
            error("sampling.min_per_stratum", "must not be negative (found \(s.minPerStratum))")
        }
        unique(s.inspectors, "sampling.inspectors", "id", \.id)
        let codes = config.districts.map(\.code)
        // Sets and counts, not a scan per inspector or district: a national config has 3,000
        // districts and as many inspectors, and the scans took longer than scoring it.
        let known = Set(codes)
        var inspectorsChecked = ok("sampling.inspectors")
        for (i, inspector) in s.inspectors.enumerated() {
            let path = "sampling.inspectors[\(i)].district"
            guard ok(path), ok("sampling.inspectors[\(i)]") else {
                inspectorsChecked = false
                continue
            }
            if !known.contains(inspector.district) {
                inspectorsChecked = false
                error(
                    path,
                    "unknown district '\(inspector.district)'" + DidYouMean.hint(for: inspector.district, among: codes))
            }
        }
        guard inspectorsChecked else { return }
        let needed = SamplingConfig.inspectorsPerInspection
        var activeIn: [String: Int] = [:]
        for inspector in s.inspectors where inspector.active { activeIn[inspector.district, default: 0] += 1 }
        let active = activeIn.values.reduce(0, +)
        for district in config.districts {
            let eligible = active - (activeIn[district.code] ?? 0)
            if eligible < needed {
                error(
                    "sampling.inspectors",
                    "district \(district.code) has \(eligible) active inspector\(eligible == 1 ? "" : "s") from "
                        + "other districts; each inspection needs \(needed)")
            }
        }
    }
}
