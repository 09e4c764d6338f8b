/// Every policy version of a config compiled, and the one function that says which one is in
/// force for a period (docs/CONFIG.md, "policy_versions"). The daemon, `score`, exports, the
/// sampling plan, explanations and what-if all ask it.
public struct PolicyBook: Sendable {
    /// A compiled version and the first period it applies to (nil: no lower bound).
    public struct Version: Sendable {
        public let from: Period?
        public let model: AssessmentModel
    }

    /// The base version first, then `policy_versions` in `from` order.
    public let versions: [Version]

    /// Compiles each version; a problem inside a version's own section is reported under
    /// `policy_versions[i]`, one inherited from an earlier version only once.
    public init(config: Config) throws(ConfigErrors) {
        var issues: [ConfigIssue] = []
        var versions: [Version] = []
        for index in [nil] + config.policyVersions.indices.map(Optional.some) {
            let inForce = config.inForce(version: index)
            do {
                versions.append(Version(from: inForce.policyFrom, model: try AssessmentModel(config: inForce)))
            } catch {
                issues += error.issues.map { Self.placed($0, version: index, in: config) }
            }
        }
        var seen = Set<ConfigIssue>()
        let unique = issues.filter { seen.insert($0).inserted }
        if !unique.isEmpty { throw ConfigErrors(unique) }
        self.versions = versions
    }

    /// The base version's model: what has no period (reports, the sampling section) reads it.
    public var base: AssessmentModel { versions[0].model }

    /// The version in force for `period`: the last whose `from` is not after it.
    public func model(for period: Period) throws(PolicyError) -> AssessmentModel {
        guard let found = versions.last(where: { $0.from.map { Self.starts($0, before: period) } ?? true }) else {
            throw PolicyError(period: period.description, first: base.policy.id, from: versions[0].from)
        }
        return found.model
    }

    /// Whether `from` starts no later than `period` (a year `from` covers its quarters and months).
    public static func starts(_ from: Period, before period: Period) -> Bool {
        (from.year, from.months.lowerBound) <= (period.year, period.months.lowerBound)
    }

    /// The same for a period written as text (`2025`, `2025Q3`).
    public func model(for period: String) throws(PolicyError) -> AssessmentModel {
        guard let parsed = Period(period) else {
            throw PolicyError(period: period, first: base.policy.id, from: versions[0].from)
        }
        return try model(for: parsed)
    }

    /// An issue of version `index` with its key under the version that wrote the section.
    private static func placed(_ issue: ConfigIssue, version index: Int?, in config: Config) -> ConfigIssue {
        guard let index else { return issue }
        let section = ["indicators", "scoring", "subsidies"].first {
            issue.key == $0 || issue.key.hasPrefix($0 + ".") || issue.key.hasPrefix($0 + "[")
        }
        guard let section else { return issue }
        let writer = config.policyVersions.prefix(index + 1).lastIndex { version in
            switch section {
            case "indicators": version.indicators != nil
            case "scoring": version.scoring != nil
            default: version.subsidies != nil
            }
        }
        guard let writer else { return issue }
        var out = issue
        out.key = "policy_versions[\(writer)].\(issue.key)"
        return out
    }
}

/// A period no policy version covers: it is before the first version's `from`.
public struct PolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    public var period: String
    /// The first version's id and first period.
    public var first: String
    public var from: Period?

    public var description: String {
        guard let from else { return "period \(period) is not a period" }
        return "period \(period) is before the first policy version ('\(first)', in force from \(from))"
    }
}
