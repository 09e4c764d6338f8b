/// A config compiled for scoring: every expression parsed and checked once.
///
/// Build it once per config (load or reload), then call `assess` for each snapshot.
///
/// A class, not a struct: returned by value from a throwing function (`PolicyBook.model(for:)`),
/// the 920-byte struct was copied out by a tail call to `memcpy`, and the release build of
/// Swift 6.3.1 left a scratch value in the error register on that path, so callers saw an error
/// where none was thrown (`qualityd score`, and the sampling draw of a month, crashed).
/// A reference is returned in a register.
public final class AssessmentModel: Sendable {
    public let config: Config
    /// The policy version this model scores under (`Config.inForce(version:)`), named in every result.
    public let policy: PolicyStamp
    let indicatorValues: [Expression]
    let bonus: [Expression]
    let penalties: [Expression]
    let veto: [Expression]
    let eligibility: [Expression]
    let programWhen: [Expression]
    let programAmount: [Expression]
    let priority: Expression?
    /// Every scored indicator in config order, compiled.
    let entries: [CompiledEntry]
    /// Each dimension's id and number of scored indicators, in config order.
    let dimensionSizes: [(id: String, count: Int)]
    /// W: the sum of all indicator weights.
    let totalWeight: Double
    /// The `sampling` section compiled; nil when absent.
    public let sampling: SamplingModel?
    /// The `reports` compiled, in config order.
    public let reports: [ReportModel]

    /// Compiles every expression; all problems are thrown together, each with its location.
    public init(config: Config) throws(ConfigErrors) {
        var issues: [ConfigIssue] = []
        func compile(_ source: ExpressionSource, _ scope: ExpressionScope, key: String) -> Expression? {
            do {
                return try Expression(source, scope: scope)
            } catch {
                issues.append(
                    ConfigIssue(location: source.location(ofColumn: error.column), key: key, message: error.message))
                return nil
            }
        }
        func compileAll<T>(
            _ items: [T], _ key: String, _ scope: ExpressionScope, _ field: String, _ get: (T) -> ExpressionSource
        )
            -> [Expression]
        {
            items.enumerated().compactMap { compile(get($1), scope, key: "\(key)[\($0)].\(field)") }
        }
        let s = config.scoring
        let sub = config.subsidies
        indicatorValues = compileAll(config.indicators, "indicators", .district, "value") { $0.value }
        bonus = compileAll(s.bonus, "scoring.bonus", .districtWithIndicators, "points") { $0.points }
        penalties = compileAll(s.penalties, "scoring.penalties", .districtWithIndicators, "points") { $0.points }
        veto = compileAll(s.veto, "scoring.veto", .districtWithIndicators, "when") { $0.when }
        eligibility = compileAll(sub.eligibility, "subsidies.eligibility", .enterprise, "when") { $0.when }
        programWhen = compileAll(sub.programs, "subsidies.programs", .enterprise, "when") { $0.when }
        programAmount = compileAll(sub.programs, "subsidies.programs", .enterprise, "amount_yuan") { $0.amountYuan }
        priority = sub.priority.flatMap { compile($0, .enterprise, key: "subsidies.priority") }
        do {
            sampling = try config.sampling.map { s throws(ConfigErrors) in try SamplingModel(config: s) }
        } catch {
            sampling = nil
            issues += error.issues
        }
        var reports: [ReportModel] = []
        for (i, r) in config.reports.enumerated() {
            do { reports.append(try ReportModel(config: r, index: i)) } catch { issues += error.issues }
        }
        self.reports = reports
        if !issues.isEmpty { throw ConfigErrors(issues) }
        self.config = config
        self.policy = PolicyCanonicalForm.stamp(of: config)
        var slots: [String: Int] = [:]
        for (i, indicator) in config.indicators.enumerated() where slots[indicator.id] == nil {
            slots[indicator.id] = i
        }
        entries = s.dimensions.flatMap { dimension in
            dimension.indicators.map {
                CompiledEntry(entry: $0, dimension: dimension.id, config: config, slot: slots[$0.indicator] ?? -1)
            }
        }
        dimensionSizes = s.dimensions.map { ($0.id, $0.indicators.count) }
        totalWeight = s.entries.reduce(0.0) { $0 + $1.weight }
    }

    /// Scores `snapshot`: districts, subsidies and rejects, deterministically.
    ///
    /// `snapshotSHA256` is the snapshot's hash when the caller already has it (the daemon hashes
    /// the canonical JSON when it stores the snapshot); without it the snapshot is serialized and
    /// hashed here, which at national scale costs more than the scoring.
    public func assess(
        _ snapshot: Snapshot, configSHA256: String? = nil, snapshotSHA256: String? = nil,
        sources: [SourceStatus]? = nil
    ) -> AssessmentResult {
        let population = Population(config: config, snapshot: snapshot)
        let (districts, scoring) = DistrictScorer(model: self, population: population).score()
        let subsidies = SubsidyEngine(model: self, population: population).run().0
        return AssessmentResult(
            period: snapshot.period,
            configSHA256: configSHA256,
            policy: policy,
            snapshotSHA256: snapshotSHA256 ?? snapshot.sha256,
            districts: districts,
            subsidies: subsidies,
            rejected: population.rejected,
            sources: sources,
            scoring: scoring
        )
    }

    /// `result` with its scoring explanation: as it is when it has one, else rebuilt from the indicator
    /// values it holds by the same code that scores (a result read back from JSON has none).
    ///
    /// Only the explanation is filled in (resolved methods, ranks, matched bands, exclusions, the
    /// rescale factor); the numbers stay as stored, even when this config would score them otherwise.
    public func explained(_ result: AssessmentResult) -> AssessmentResult {
        guard result.scoring == nil else { return result }
        var out = result
        let columns = entries.map { e in
            e.scoreColumn(result.districts.map { $0.indicator(e.entry.indicator)?.value })
        }
        for d in out.districts.indices {
            var rebuilt = out.districts[d]
            DistrictScorer.assemble(
                &rebuilt, district: d, entries: entries, columns: columns, dimensionSizes: dimensionSizes,
                totalWeight: totalWeight)
            out.districts[d].excludedWeight = rebuilt.excludedWeight
            out.districts[d].rescaleFactor = rebuilt.rescaleFactor
            for indicator in rebuilt.indicators {
                guard let i = out.districts[d].indicators.firstIndex(where: { $0.id == indicator.id }) else { continue }
                out.districts[d].indicators[i].excluded = indicator.excluded
                out.districts[d].indicators[i].rank = indicator.rank
                out.districts[d].indicators[i].band = indicator.band
            }
        }
        out.scoring = ScoringExplanation(totalWeight: totalWeight, indicators: columns.map(\.resolved))
        return out
    }
}

extension AssessmentModel {
    /// Why `uscc` got what it got in `snapshot`, or nil when the snapshot does not know it.
    ///
    /// Runs the whole subsidy decision again, since budgets depend on every other award.
    public func explain(uscc: String, in snapshot: Snapshot) -> EnterpriseExplanation? {
        let table = snapshot.enterprises
        guard let row = table.row(forKey: uscc) else { return nil }
        let population = Population(config: config, snapshot: snapshot)
        var explanation: EnterpriseExplanation
        if let rejection = population.rejected.first(where: { $0.uscc == uscc }) {
            explanation = EnterpriseExplanation(uscc: uscc, rejected: rejection.reason)
        } else {
            explanation =
                SubsidyEngine(model: self, population: population).run(trace: uscc).1
                ?? EnterpriseExplanation(uscc: uscc)
        }
        explanation.name = table.value(row: row, fact: "name").string
        explanation.district = table.value(row: row, fact: "district").string
        return explanation
    }
}

/// The snapshot's enterprises sorted into the configured districts, after rejecting bad ones.
struct Population {
    let snapshot: Snapshot
    /// Enterprise rows that passed the USCC and district checks, in USCC order.
    let accepted: [Int]
    /// Accepted enterprise rows per configured district (config order), in USCC order.
    let members: [[Int]]
    /// Index of each accepted row's district in config order, by enterprise row (-1 when rejected).
    let districtOfRow: [Int]
    let rejected: [Rejection]

    init(config: Config, snapshot: Snapshot) {
        self.snapshot = snapshot
        var index: [String: Int] = [:]
        for (i, d) in config.districts.enumerated() where index[d.code] == nil { index[d.code] = i }
        let table = snapshot.enterprises
        let districtColumn = table.column(named: "district").map { table.columns[$0] }
        var accepted: [Int] = []
        var members = [[Int]](repeating: [], count: config.districts.count)
        var districtOfRow = [Int](repeating: -1, count: table.count)
        var rejected: [Rejection] = []
        accepted.reserveCapacity(table.count)
        // Neighbouring rows mostly share a district: the last code found is tried before hashing.
        var lastCode = ""
        var lastDistrict = -1
        for row in 0..<table.count {
            let uscc = table.keys[row]
            guard USCC.isValid(uscc) else {
                rejected.append(Rejection(uscc: uscc, reason: "invalid_uscc"))
                continue
            }
            guard case .string(let code)? = districtColumn?[row] else {
                rejected.append(Rejection(uscc: uscc, reason: "unknown_district"))
                continue
            }
            let d: Int
            if lastDistrict >= 0, StringSet.same(code, lastCode) {
                d = lastDistrict
            } else if let found = index[code] {
                d = found
                lastCode = code
                lastDistrict = found
            } else {
                rejected.append(Rejection(uscc: uscc, reason: "unknown_district"))
                continue
            }
            accepted.append(row)
            members[d].append(row)
            districtOfRow[row] = d
        }
        self.accepted = accepted
        self.members = members
        self.districtOfRow = districtOfRow
        self.rejected = rejected
    }
}
