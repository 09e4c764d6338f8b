/// A dated policy (`policy_versions[]`): the indicators, scoring and subsidies in force from
/// `from` on, until the next version. A section it leaves out is the one of the version before it.
///
/// The top-level sections of the config are the first version (`policy: { id, from }` names it).
public struct PolicyVersion: Sendable {
    public var id: String
    public var from: Period
    public var indicators: [Indicator]?
    public var scoring: ScoringConfig?
    public var subsidies: SubsidyConfig?
    public var location: SourceLocation?

    public init(
        id: String, from: Period, indicators: [Indicator]? = nil, scoring: ScoringConfig? = nil,
        subsidies: SubsidyConfig? = nil, location: SourceLocation? = nil
    ) {
        self.id = id
        self.from = from
        self.indicators = indicators
        self.scoring = scoring
        self.subsidies = subsidies
        self.location = location
    }
}

/// Which policy a result was scored under: the version's id and the SHA-256 of its canonical form
/// (`PolicyCanonicalForm`), which depends on that version alone, never on later ones.
public struct PolicyStamp: Sendable, Hashable, Encodable {
    public var id: String
    public var sha256: String
}

extension Config {
    /// The config as in force under version `index` of `policyVersions` (nil: the base version):
    /// each section the versions up to it give replaces the one before.
    public func inForce(version index: Int?) -> Config {
        guard let index else {
            var base = self
            base.policyVersions = []
            return base
        }
        var out = self
        for version in policyVersions.prefix(index + 1) {
            if let v = version.indicators { out.indicators = v }
            if let v = version.scoring { out.scoring = v }
            if let v = version.subsidies { out.subsidies = v }
        }
        out.policyID = policyVersions[index].id
        out.policyFrom = policyVersions[index].from
        out.policyVersions = []
        return out
    }
}
