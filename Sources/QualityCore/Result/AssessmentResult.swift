/// What scoring a snapshot yields (docs/SEMANTICS.md §8): district scores, the subsidy list, rejects.
public struct AssessmentResult: Sendable, Equatable {
    public var period: String
    public var configSHA256: String?
    /// The policy version it was scored under; nil for results stored before versions existed.
    public var policy: PolicyStamp?
    public var snapshotSHA256: String?
    public var districts: [DistrictResult]
    public var subsidies: SubsidyResult
    public var rejected: [Rejection]
    /// Data provenance when the config has sources: each source's last success and staleness.
    public var sources: [SourceStatus]?
    /// What the engine resolved per indicator; nil for a result read back from JSON until
    /// `AssessmentModel.explained(_:)` rebuilds it. Not written to the JSON.
    public var scoring: ScoringExplanation?
    /// The approved corrections that applied, in id order (docs/SEMANTICS.md §14); empty for most results.
    public var corrections: [AppliedCorrection] = []

    public init(
        period: String, configSHA256: String? = nil, policy: PolicyStamp? = nil, snapshotSHA256: String? = nil,
        districts: [DistrictResult] = [],
        subsidies: SubsidyResult = SubsidyResult(), rejected: [Rejection] = [], sources: [SourceStatus]? = nil,
        scoring: ScoringExplanation? = nil
    ) {
        self.period = period
        self.configSHA256 = configSHA256
        self.policy = policy
        self.snapshotSHA256 = snapshotSHA256
        self.districts = districts
        self.subsidies = subsidies
        self.rejected = rejected
        self.sources = sources
        self.scoring = scoring
    }

    public func district(code: String) -> DistrictResult? { districts.first { $0.code == code } }
}

public struct DistrictResult: Sendable, Equatable {
    public var code: String
    public var name: String
    public var nameEn: String
    public var indicators: [IndicatorResult] = []
    /// Points per dimension, in config order.
    public var dimensions: [NamedNumber] = []
    public var incomplete: Bool = false
    public var base: Double = 0
    public var bonus: Double = 0
    public var penalty: Double = 0
    /// Null for incomplete districts.
    public var total: Double?
    public var vetoedBy: [String] = []
    public var grade: String?
    public var rank: Int?
    /// Accepted enterprises of the district.
    public var enterprises: Int = 0
    /// Each bonus item's contribution after its own cap (before `bonus_cap`).
    public var bonusItems: [NamedNumber] = []
    /// Each penalty item's contribution after its own cap (before `penalty_cap`).
    public var penaltyItems: [NamedNumber] = []
    /// E: the weights of the indicators left out under `missing: exclude` (explanation, not in the JSON).
    public var excludedWeight: Double = 0
    /// W / (W − E), by which every remaining indicator's points were multiplied; 1 when nothing was
    /// left out, nil when everything was (explanation, not in the JSON).
    public var rescaleFactor: Double? = 1

    public func indicator(_ id: String) -> IndicatorResult? { indicators.first { $0.id == id } }
    public func dimension(_ id: String) -> Double? { dimensions.first { $0.id == id }?.value }
}

/// An id with a number: a dimension's points, a bonus item's contribution.
public struct NamedNumber: Sendable, Equatable {
    public var id: String
    public var value: Double

    public init(_ id: String, _ value: Double) {
        self.id = id
        self.value = value
    }
}

/// One scored indicator of one district.
public struct IndicatorResult: Sendable, Equatable {
    public var id: String
    public var value: Double?
    /// The rate s in [0, 1] (before the weight and any rescaling).
    public var score: Double?
    public var points: Double?
    public var missing: Bool
    /// Missing and left out under `missing: exclude` (explanation, not in the JSON).
    public var excluded = false
    /// `method: rank`: the district's rank among the districts with a value (explanation, not in the JSON).
    public var rank: Int?
    /// `method: bands`: the position of the band that matched in `ResolvedMethod.bands`; nil when none
    /// did (explanation, not in the JSON).
    public var band: Int?
}

public struct Rejection: Sendable, Equatable {
    public var uscc: String
    /// `invalid_uscc` or `unknown_district`.
    public var reason: String
}

/// A source's freshness when the result was computed.
public struct SourceStatus: Sendable, Equatable {
    public var id: String
    /// ISO 8601 UTC, nil before the first success.
    public var lastSuccess: String?
    public var stale: Bool

    public init(id: String, lastSuccess: String?, stale: Bool) {
        self.id = id
        self.lastSuccess = lastSuccess
        self.stale = stale
    }
}
