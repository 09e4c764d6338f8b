/// `scoring`: how indicator values become points, a total, a grade and a rank.
public struct ScoringConfig: Sendable {
    /// Must equal the sum of all indicator weights.
    public var total: Double = 100
    /// Clamp for base + bonus − penalty; defaults to `total`.
    public var maxTotal: Double?
    public var missing: MissingPolicy = .zero
    public var dimensions: [Dimension] = []
    public var bonus: [Adjustment] = []
    public var bonusCap: Double?
    public var penalties: [Adjustment] = []
    public var penaltyCap: Double?
    public var veto: [Rule] = []
    public var grades: [Grade] = []

    public init() {}

    public var effectiveMaxTotal: Double { maxTotal ?? total }

    /// Every scored indicator entry, in config order (dimension by dimension).
    public var entries: [ScoredIndicator] { dimensions.flatMap(\.indicators) }
}

public enum MissingPolicy: String, Sendable, Hashable, CaseIterable {
    case zero, exclude, fail
}

public struct Dimension: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    public var indicators: [ScoredIndicator]
    public var location: SourceLocation?

    public init(id: String, name: LocalizedText, indicators: [ScoredIndicator], location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.indicators = indicators
        self.location = location
    }
}

/// One indicator as scored inside a dimension.
public struct ScoredIndicator: Sendable, Hashable {
    public var indicator: String
    public var weight: Double
    public var method: ScoringMethod
    /// Overrides the indicator's own direction when set.
    public var direction: Direction?
    /// Overrides `scoring.missing` when set.
    public var missing: MissingPolicy?
    public var location: SourceLocation?

    public init(
        indicator: String, weight: Double, method: ScoringMethod, direction: Direction? = nil,
        missing: MissingPolicy? = nil, location: SourceLocation? = nil
    ) {
        self.indicator = indicator
        self.weight = weight
        self.method = method
        self.direction = direction
        self.missing = missing
        self.location = location
    }
}

public enum ScoringMethod: Sendable, Hashable {
    /// s = clamp((v − floor) / (target − floor), 0, 1); floor > target for lower-is-better.
    case target(floor: Double, target: Double)
    /// Scaled between the lowest and highest value among the districts.
    case minmax
    /// The first band reached gives the score.
    case bands([Band])
    /// By the district's rank among the districts with a value (排名赋分).
    case rank(RankRule)
    /// By the ratio to the best value or to the mean of the districts with a value.
    case ratio(Reference)

    public var name: String {
        switch self {
        case .target: "target"
        case .minmax: "minmax"
        case .bands: "bands"
        case .rank: "rank"
        case .ratio: "ratio"
        }
    }
}

/// How `method: rank` turns a rank r (1 = best) into a score.
public enum RankRule: Sendable, Hashable {
    /// Rank r scores `rates[r − 1]`; a rank past the list scores `rest`.
    case rates([Double], rest: Double)
    /// s = 1 − step × (r − 1), never below 0.
    case step(Double)

    /// The score of rank `r` (1-based).
    public func score(rank r: Int) -> Double {
        switch self {
        case .rates(let rates, let rest):
            return r >= 1 && r <= rates.count ? rates[r - 1] : rest
        case .step(let d):
            return Swift.max(0, 1 - d * Double(r - 1))
        }
    }
}

/// The reference value of `method: ratio`, taken over the districts with a value.
public enum Reference: String, Sendable, Hashable, CaseIterable {
    /// The best value: the highest, or the lowest when lower is better.
    case best
    /// The arithmetic mean.
    case mean
}

public struct Band: Sendable, Hashable {
    public var min: Double?
    public var max: Double?
    public var score: Double

    public init(min: Double? = nil, max: Double? = nil, score: Double) {
        self.min = min
        self.max = max
        self.score = score
    }
}

/// A bonus or penalty item: points from an expression in district context, optionally capped.
public struct Adjustment: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    public var points: ExpressionSource
    public var cap: Double?
    public var location: SourceLocation?

    public init(
        id: String, name: LocalizedText, points: ExpressionSource, cap: Double? = nil, location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.points = points
        self.cap = cap
        self.location = location
    }
}

/// A named condition: a veto, or an eligibility rule for subsidies.
public struct Rule: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    public var when: ExpressionSource
    public var location: SourceLocation?

    public init(id: String, name: LocalizedText, when: ExpressionSource, location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.when = when
        self.location = location
    }
}

public struct Grade: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    public var min: Double
    public var location: SourceLocation?

    public init(id: String, name: LocalizedText, min: Double, location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.min = min
        self.location = location
    }
}
