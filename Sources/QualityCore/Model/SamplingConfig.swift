/// `sampling`: the risk-weighted 双随机 supervisory sampling plan (docs/SAMPLING.md).
///
/// Each enterprise gets a risk score (an enterprise-context expression) and, by the score, a risk
/// class; each class has its own sampling ratio. Two inspectors from other districts go to each
/// selected enterprise.
public struct SamplingConfig: Sendable {
    /// Enterprise context; a missing score counts as 0.
    public var riskScore: ExpressionSource
    /// In config order; an enterprise belongs to the class with the greatest `minScore` not above
    /// its score, or to the class with the lowest `minScore` when its score is below all of them.
    public var classes: [RiskClass] = []
    /// The fewest enterprises drawn from a district × class that has any.
    public var minPerStratum: Int = 1
    public var inspectors: [Inspector] = []
    public var location: SourceLocation?

    /// How many inspectors go to each selected enterprise.
    public static let inspectorsPerInspection = 2

    public init(
        riskScore: ExpressionSource, classes: [RiskClass] = [], minPerStratum: Int = 1, inspectors: [Inspector] = [],
        location: SourceLocation? = nil
    ) {
        self.riskScore = riskScore
        self.classes = classes
        self.minPerStratum = minPerStratum
        self.inspectors = inspectors
        self.location = location
    }
}

/// A risk class (风险等级) and the share of its enterprises to inspect.
public struct RiskClass: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    /// The lowest risk score of the class.
    public var minScore: Double
    /// Between 0 and 1.
    public var ratio: Double
    public var location: SourceLocation?

    public init(id: String, name: LocalizedText, minScore: Double, ratio: Double, location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.minScore = minScore
        self.ratio = ratio
        self.location = location
    }
}

/// A law-enforcement inspector (执法检查人员) who can be drawn for inspections outside their home district.
public struct Inspector: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Division code of the home district.
    public var district: String
    public var active: Bool
    public var location: SourceLocation?

    public init(id: String, name: String, district: String, active: Bool = true, location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.district = district
        self.active = active
        self.location = location
    }
}
