import QualityCore

extension ConfigValidator {
    /// Warns about identifiers no source provides (docs/SEMANTICS.md §3), when sources are configured.
    ///
    /// Not an error: a fact may come from a hand-made snapshot, and a missing fact has defined
    /// semantics. But it usually is a typo or a forgotten source field.
    func warnUnprovidedFacts() {
        guard !config.sources.isEmpty else { return }
        var enterpriseFacts = Self.reservedEnterpriseFacts
        var districtFacts: Set<String> = []
        for source in config.sources {
            switch source.entity {
            case .enterprise: enterpriseFacts.formUnion(source.fields.map(\.fact))
            case .district: districtFacts.formUnion(source.fields.map(\.fact))
            case .payout: break
            }
        }
        let indicatorIds = Set(config.indicators.map(\.id))
        let facts = Facts(enterprise: enterpriseFacts, district: districtFacts)
        for (i, indicator) in config.indicators.enumerated() {
            warn(indicator.value, "indicators[\(i)].value", facts, districtNames: [])
        }
        let s = config.scoring
        for (i, a) in s.bonus.enumerated() {
            warn(a.points, "scoring.bonus[\(i)].points", facts, districtNames: indicatorIds)
        }
        for (i, a) in s.penalties.enumerated() {
            warn(a.points, "scoring.penalties[\(i)].points", facts, districtNames: indicatorIds)
        }
        for (i, r) in s.veto.enumerated() {
            warn(r.when, "scoring.veto[\(i)].when", facts, districtNames: indicatorIds)
        }
        let sub = config.subsidies
        for (i, r) in sub.eligibility.enumerated() {
            warn(r.when, "subsidies.eligibility[\(i)].when", facts, enterprise: true)
        }
        for (i, p) in sub.programs.enumerated() {
            warn(p.when, "subsidies.programs[\(i)].when", facts, enterprise: true)
            warn(p.amountYuan, "subsidies.programs[\(i)].amount_yuan", facts, enterprise: true)
        }
        if let priority = sub.priority { warn(priority, "subsidies.priority", facts, enterprise: true) }
    }

    struct Facts {
        var enterprise: Set<String>
        var district: Set<String>
    }

    /// One warning per unprovided name per expression, at its first use.
    private func warn(
        _ source: ExpressionSource, _ path: String, _ facts: Facts, districtNames: Set<String> = [],
        enterprise: Bool = false
    ) {
        guard ok(path), let syntax = try? ExpressionParser.parse(source.text) else { return }
        var reported: Set<String> = []
        for id in syntax.identifiers() {
            let readsEnterprise = enterprise || id.inAggregate
            let known = readsEnterprise ? facts.enterprise : facts.district.union(districtNames)
            guard !known.contains(id.name), reported.insert(id.name).inserted else { continue }
            let kind = readsEnterprise ? "enterprise" : "district"
            let candidates = Array(known).sorted()
            decoder.warning(
                path, at: source.location(ofColumn: id.column),
                "no source provides the \(kind) fact '\(id.name)'" + DidYouMean.hint(for: id.name, among: candidates))
        }
    }
}
