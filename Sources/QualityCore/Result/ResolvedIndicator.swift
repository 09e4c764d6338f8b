/// How the engine scored the indicators of one result: what it resolved for each scored indicator
/// (the same for every district). Pages and explanations render this; they never work it out again.
///
/// It is not part of the result JSON: a result read back from JSON has none until
/// `AssessmentModel.explained(_:)` rebuilds it from the indicator values the JSON holds.
public struct ScoringExplanation: Sendable, Equatable {
    /// W: the sum of all indicator weights.
    public var totalWeight: Double
    /// Every scored indicator, in config order (dimension by dimension).
    public var indicators: [ResolvedIndicator]

    public func indicator(_ id: String) -> ResolvedIndicator? { indicators.first { $0.id == id } }
}

/// One scored indicator as the engine applied it.
public struct ResolvedIndicator: Sendable, Equatable {
    public var id: String
    /// The dimension it belongs to.
    public var dimension: String
    public var weight: Double
    /// The entry's direction, else the indicator's, else higher.
    public var direction: Direction
    /// The entry's missing policy, else `scoring.missing`.
    public var missing: MissingPolicy
    public var method: ResolvedMethod
    /// How many districts have a value: min-max, rank and ratio are taken over these.
    public var districtsWithValue: Int
}

/// A scoring method with everything it took from the districts' values.
public enum ResolvedMethod: Sendable, Equatable {
    case target(floor: Double, target: Double)
    /// The lowest and highest value among the districts with one; nil when no district has a value.
    case minmax(range: ValueRange?)
    /// The bands in the order they are tried: the first one reached gives the score, none gives 0.
    case bands([ResolvedBand])
    case rank(RankRule)
    /// The reference R and how it was taken; R is nil when no district has a value.
    case ratio(Reference, value: Double?)
}

public struct ValueRange: Sendable, Equatable {
    public var min: Double
    public var max: Double
}

/// A band with the bound that is tested: v ≥ bound (higher) or v ≤ bound (lower).
public struct ResolvedBand: Sendable, Equatable {
    public var bound: Double
    public var score: Double
    /// The band's position in the config's list.
    public var configIndex: Int
}
