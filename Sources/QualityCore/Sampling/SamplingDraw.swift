/// The draw of docs/SAMPLING.md: exact, so that anyone holding the seed and the published inputs
/// can redo it in a few lines of another language.
///
/// - Strata are district × class. In each, enterprises are ordered by the lowercase hex SHA-256 of
///   the UTF-8 text `SEED:USCC`, ascending, and the first min(n, max(⌈ratio × n⌉, min_per_stratum))
///   are selected; ⌈ratio × n⌉ is computed in integers from the ratio in ten-thousandths.
/// - For each selected enterprise, the active inspectors of other districts are ordered by the hex
///   SHA-256 of `SEED:USCC:INSPECTOR_ID` and the first two go.
public struct SamplingDraw: Sendable {
    public let classes: [RiskClass]
    public let minPerStratum: Int
    public let inspectors: [Inspector]

    public init(classes: [RiskClass], minPerStratum: Int, inspectors: [Inspector]) {
        self.classes = classes
        self.minPerStratum = minPerStratum
        self.inspectors = inspectors
    }

    public init(config: SamplingConfig) {
        self.init(classes: config.classes, minPerStratum: config.minPerStratum, inspectors: config.inspectors)
    }

    /// A ratio in ten-thousandths; ratios are written with at most four decimals.
    public static func tenThousandths(_ ratio: Double) -> Int { Int((ratio * 10_000).rounded()) }

    /// How many of a stratum of `n` enterprises are selected.
    public func selectedCount(ratio: Double, of n: Int) -> Int {
        let share = (Self.tenThousandths(ratio) * n + 9_999) / 10_000
        return min(n, max(share, minPerStratum))
    }

    /// The lowercase hex SHA-256 of the UTF-8 text `parts` joined by `:`.
    public static func key(_ parts: String...) -> String {
        SHA256.hex(Array(parts.joined(separator: ":").utf8))
    }

    /// Draws the plan of `population` with `seed`.
    public func draw(population: [SamplingEntry], seed: String) -> SamplingPlan {
        let sorted = population.sorted { StringSet.precedes($0.uscc, $1.uscc) }
        var byStratum: [StratumKey: [SamplingEntry]] = [:]
        for entry in sorted {
            byStratum[StratumKey(district: entry.district, riskClass: entry.riskClass), default: []].append(entry)
        }
        let classOrder = Dictionary(classes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let keys = byStratum.keys.sorted { a, b in
            a.district != b.district
                ? StringSet.precedes(a.district, b.district)
                : (classOrder[a.riskClass] ?? Int.max, a.riskClass) < (classOrder[b.riskClass] ?? Int.max, b.riskClass)
        }
        var strata: [SamplingPlan.Stratum] = []
        var selections: [SamplingPlan.Selection] = []
        for key in keys {
            let members = byStratum[key] ?? []
            let ratio = classOrder[key.riskClass].map { classes[$0].ratio } ?? 0
            let count = selectedCount(ratio: ratio, of: members.count)
            let ordered = members.map { (Self.key(seed, $0.uscc), $0) }.sorted { $0.0 < $1.0 }
            for (_, entry) in ordered.prefix(count) {
                selections.append(SamplingPlan.Selection(entry: entry, inspectors: assign(entry, seed: seed)))
            }
            strata.append(
                SamplingPlan.Stratum(
                    district: key.district, riskClass: key.riskClass, enterprises: members.count, selected: count))
        }
        return SamplingPlan(
            seed: seed, inputSHA256: Self.inputSHA256(sorted), classes: classes, minPerStratum: minPerStratum,
            inspectors: inspectors, population: sorted, strata: strata, selections: selections)
    }

    /// The first two of the enterprise's eligible inspectors in the order of `SEED:USCC:ID`.
    func assign(_ entry: SamplingEntry, seed: String) -> [String] {
        inspectors
            .filter { $0.active && $0.district != entry.district }
            .map { (Self.key(seed, entry.uscc, $0.id), $0.id) }
            .sorted { $0.0 < $1.0 }
            .prefix(SamplingConfig.inspectorsPerInspection)
            .map(\.1)
    }

    /// SHA-256 of the lines `USCC,DISTRICT,CLASS\n` of the population in USCC order: what a notice
    /// publishes so that the list the draw ran over can be checked.
    public static func inputSHA256(_ sortedPopulation: [SamplingEntry]) -> String {
        var hasher = SHA256()
        for e in sortedPopulation { hasher.update(Array("\(e.uscc),\(e.district),\(e.riskClass)\n".utf8)) }
        return SHA256.hexString(hasher.finalize())
    }

    private struct StratumKey: Hashable {
        var district: String
        var riskClass: String
    }
}
