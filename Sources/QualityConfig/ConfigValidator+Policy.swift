import QualityCore

/// Where the three policy sections of one version are written (dotted key paths).
struct PolicyPaths {
    var indicators = "indicators"
    var scoring = "scoring"
    var subsidies = "subsidies"
}

extension ConfigValidator {
    /// `policy` and `policy_versions`: ids unique, `from` in order and of the config's period kind,
    /// then each version's sections checked by the rules of the top-level ones, at their own lines.
    func validatePolicyVersions() {
        let versions = config.policyVersions
        if config.policyID.isEmpty, ok("policy.id") { error("policy.id", "id must not be empty") }
        unique(versions, "policy_versions", "id", \.id)
        for (i, v) in versions.enumerated() where v.id == config.policyID && ok("policy_versions[\(i)].id") {
            error("policy_versions[\(i)].id", "duplicate id '\(v.id)': it names the top-level policy (policy.id)")
        }
        var previous: (from: Period, path: String)? = config.policyFrom.map { ($0, "policy.from") }
        for (i, v) in versions.enumerated() {
            let path = "policy_versions[\(i)].from"
            guard ok(path), ok("policy_versions[\(i)]") else { continue }
            if v.from.kind != config.period && v.from.kind != .year {
                error(path, "from \(v.from) is a \(v.from.kind.rawValue); write a year or a \(config.period.rawValue)")
            }
            if let previous, !PolicyBook.starts(previous.from, before: v.from) || previous.from == v.from {
                error(path, "from \(v.from) must come after \(previous.from) (\(previous.path))")
            }
            previous = (v.from, path)
        }
        for i in versions.indices where ok("policy_versions[\(i)]") {
            var check = ConfigValidator(config: config.inForce(version: i), decoder: decoder)
            check.paths = paths(ofVersion: i)
            let own = versions[i]
            if own.indicators != nil { check.unique(check.config.indicators, check.paths.indicators, "id", \.id) }
            if own.scoring != nil || own.indicators != nil { check.validateScoring() }
            if own.subsidies != nil { check.validateSubsidies() }
        }
    }

    /// Where version `index` takes each section from: its own, else the last earlier version's
    /// that gives it, else the top level.
    func paths(ofVersion index: Int) -> PolicyPaths {
        var out = PolicyPaths()
        for (i, v) in config.policyVersions.prefix(index + 1).enumerated() {
            if v.indicators != nil { out.indicators = "policy_versions[\(i)].indicators" }
            if v.scoring != nil { out.scoring = "policy_versions[\(i)].scoring" }
            if v.subsidies != nil { out.subsidies = "policy_versions[\(i)].subsidies" }
        }
        return out
    }
}
