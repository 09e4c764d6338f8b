import QualityCore

/// The simulated world: its districts and a number of enterprises, all derived from a seed.
///
/// Nothing is stored per enterprise: `enterprise(_:)` computes one from (seed, index), and every
/// bureau's records are computed from (seed, period, record index). A world of a million
/// enterprises therefore costs no more memory than one of ten.
public struct World: Sendable {
    public let seed: UInt64
    public let districts: [SimDistrict]
    public let enterpriseCount: Int
    /// Ningbo (ten districts or fewer): enterprises are spread by realistic district weights;
    /// synthetic worlds spread them round-robin so a district's members can be found directly.
    let isNingbo: Bool
    private let cumulativeWeights: [Double]

    /// - Parameters:
    ///   - districts: 10 (the default) is Ningbo; fewer is the first N Ningbo districts; more
    ///     builds a synthetic world of N districts (第N区 / District N, codes 900001…).
    ///   - enterprises: number of enterprises (≥ 0).
    public init(seed: UInt64 = 1, districts: Int = 10, enterprises: Int = 3000) {
        self.seed = seed
        self.enterpriseCount = max(0, enterprises)
        if districts <= SimDistrict.ningbo.count {
            self.districts = Array(SimDistrict.ningbo.prefix(max(1, districts)))
            isNingbo = true
        } else {
            self.districts = (1...districts).map { SimDistrict.synthetic(number: $0, seed: seed) }
            isNingbo = false
        }
        var running = 0.0
        cumulativeWeights = self.districts.map {
            running += $0.weight
            return running
        }
    }

    /// Which district enterprise `index` belongs to.
    func districtIndex(ofEnterprise index: Int) -> Int {
        guard isNingbo else { return index % districts.count }
        let total = cumulativeWeights[cumulativeWeights.count - 1]
        let target = SimHash.unit(SimHash.hash(seed, Stream.district.rawValue, UInt64(index))) * total
        for (d, upTo) in cumulativeWeights.enumerated() where target < upTo { return d }
        return districts.count - 1
    }

    /// The `k`-th enterprise (counting from a starting point derived from `key`) that belongs to
    /// district `d`, or nil when the district has none. O(1) for synthetic worlds; for Ningbo a scan
    /// of about ten enterprises on average.
    func enterprise(inDistrict d: Int, key: UInt64) -> Int? {
        guard enterpriseCount > 0 else { return nil }
        if !isNingbo {
            let members = d < enterpriseCount ? (enterpriseCount - 1 - d) / districts.count + 1 : 0
            guard members > 0 else { return nil }
            return d + districts.count * Int(key % UInt64(members))
        }
        let start = Int(key % UInt64(enterpriseCount))
        for step in 0..<min(enterpriseCount, 100_000) {
            let i = (start + step) % enterpriseCount
            if districtIndex(ofEnterprise: i) == d { return i }
        }
        return nil
    }

    /// About how many enterprises district `d` has (exact for synthetic worlds).
    func expectedMembers(ofDistrict d: Int) -> Double {
        guard isNingbo else {
            return d < enterpriseCount ? Double((enterpriseCount - 1 - d) / districts.count + 1) : 0
        }
        let total = cumulativeWeights[cumulativeWeights.count - 1]
        return Double(enterpriseCount) * districts[d].weight / total
    }

    /// The district's quality in `period`: its level plus a small wobble from period to period.
    func districtQuality(_ d: Int, period: PeriodKey) -> Double {
        let wobble = SimHash.unit(SimHash.hash(seed, Stream.districtPeriod.rawValue, UInt64(d), period.hash)) - 0.5
        return (districts[d].quality + wobble * 0.06).clamped(0.01, 0.99)
    }

    /// The enterprise's quality in `period`, following its district's wobble.
    func quality(of e: SimEnterprise, period: PeriodKey) -> Double {
        quality(of: e.traits, period: period)
    }

    func quality(of e: EnterpriseTraits, period: PeriodKey) -> Double {
        let own = SimHash.unit(SimHash.hash(seed, Stream.periodQuality.rawValue, UInt64(e.index), period.hash)) - 0.5
        let districtShift = districtQuality(e.districtIndex, period: period) - districts[e.districtIndex].quality
        return (e.quality + districtShift + own * 0.08).clamped(0.01, 0.99)
    }
}

/// A period as the simulator keys its data: the period and a stable hash of its text.
struct PeriodKey: Sendable, Hashable {
    let period: Period
    let hash: UInt64

    init(_ period: Period) {
        self.period = period
        self.hash = SimHash.string(period.description)
    }

    /// The share of a year this period covers (1, 1/4 or 1/12).
    var yearFraction: Double { Double(period.months.count) / 12 }
}
