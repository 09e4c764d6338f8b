/// How the sensitivity analysis varies the weights (docs/SEMANTICS.md §15).
public struct SensitivityOptions: Sendable, Hashable {
    /// How many weight draws.
    public var samples: Int
    /// Each weight is multiplied by a factor drawn uniformly from [1 − spread, 1 + spread]; 0 ≤ spread < 1.
    public var spread: Double
    public var seed: UInt64

    public init(samples: Int = 1000, spread: Double = 0.2, seed: UInt64 = 1) {
        self.samples = samples
        self.spread = spread
        self.seed = seed
    }

    /// Why these options cannot be used, or nil when they can.
    public var problem: String? {
        if samples < 1 { return "samples must be at least 1, got \(samples)" }
        if !(spread >= 0 && spread < 1) { return "spread must be at least 0 and below 1, got \(spread)" }
        return nil
    }
}

/// What the sensitivity analysis found: for every district its rank under the configured weights,
/// the spread of its rank and grade when the weights vary, and its rank without each indicator.
public struct SensitivityResult: Sendable, Equatable, Encodable {
    public var samples: Int
    public var spread: Double
    public var seed: UInt64
    /// The grade ids, best first (the order grades are tried in).
    public var grades: [String]
    /// The scored indicators, in config order.
    public var indicators: [String]
    /// In the order of the result's districts.
    public var districts: [DistrictSensitivity]

    public func district(code: String) -> DistrictSensitivity? { districts.first { $0.code == code } }

    enum CodingKeys: String, CodingKey {
        case samples, spread, seed, grades, indicators, districts
    }
}

/// One district's ranks under varied weights; every rank is nil for a district that has none
/// (incomplete under those weights).
public struct DistrictSensitivity: Sendable, Equatable, Encodable {
    public var code: String
    /// The rank under the configured weights.
    public var baseRank: Int?
    public var medianRank: Int?
    public var rankP5: Int?
    public var rankP95: Int?
    /// The share of samples giving each grade, grades best first; all 0 without a grade.
    public var gradeShares: [NamedNumber]
    /// The rank when each scored indicator is left out and the other weights rescaled, config order.
    public var leaveOneOut: [IndicatorRank]

    public struct IndicatorRank: Sendable, Equatable {
        public var indicator: String
        public var rank: Int?
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(code, forKey: Key(stringValue: "code"))
        try c.encode(baseRank, forKey: Key(stringValue: "base_rank"))
        try c.encode(medianRank, forKey: Key(stringValue: "median_rank"))
        try c.encode(rankP5, forKey: Key(stringValue: "rank_p5"))
        try c.encode(rankP95, forKey: Key(stringValue: "rank_p95"))
        var shares = c.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: "grade_shares"))
        for share in gradeShares { try shares.encode(share.value, forKey: Key(stringValue: share.id)) }
        var loo = c.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: "leave_one_out"))
        for item in leaveOneOut { try loo.encode(item.rank, forKey: Key(stringValue: item.indicator)) }
    }
}
