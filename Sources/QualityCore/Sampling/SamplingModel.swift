/// The `sampling` section compiled: scores and classes a snapshot's enterprises, the population a
/// draw runs over (docs/SAMPLING.md).
public struct SamplingModel: Sendable {
    public let config: SamplingConfig
    let riskScore: Expression
    /// Class indices by ascending `minScore`.
    private let byThreshold: [Int]

    /// Compiles the risk score in enterprise context; a bad expression is one issue at its column.
    public init(config: SamplingConfig) throws(ConfigErrors) {
        do {
            riskScore = try Expression(config.riskScore, scope: .enterprise)
        } catch {
            throw ConfigErrors([
                ConfigIssue(
                    location: config.riskScore.location(ofColumn: error.column), key: "sampling.risk_score",
                    message: error.message)
            ])
        }
        self.config = config
        byThreshold = config.classes.indices.sorted { config.classes[$0].minScore < config.classes[$1].minScore }
    }

    /// The class of a score: the greatest `min_score` not above it, else the lowest class.
    public func riskClass(score: Double) -> RiskClass? {
        guard let lowest = byThreshold.first else { return nil }
        let index = byThreshold.last { config.classes[$0].minScore <= score } ?? lowest
        return config.classes[index]
    }

    /// Every enterprise of `snapshot` in a configured district with a valid USCC, in USCC order,
    /// with its risk score (missing counts as 0) and class.
    public func population(of snapshot: Snapshot, districts: [District]) -> [SamplingEntry] {
        var config = Config()
        config.districts = districts
        let population = Population(config: config, snapshot: snapshot)
        let table = snapshot.enterprises
        let score = riskScore.bind(BindingSchema(enterprises: table, districts: snapshot.districts))
        let industry = table.column(named: "industry").map { table.columns[$0] }
        let name = table.column(named: "name").map { table.columns[$0] }
        let cursor = EvalCursor()
        return population.accepted.map { row in
            cursor.enterprise = row
            let value = score(cursor).number ?? 0
            return SamplingEntry(
                uscc: table.keys[row], district: districts[population.districtOfRow[row]].code,
                name: name?[row].string, industry: industry?[row].string, riskScore: value,
                riskClass: riskClass(score: value)?.id ?? "")
        }
    }
}

extension SamplingModel {
    /// Enterprises per district (in `districts` order) and class (config order): what /metrics
    /// shows, without building the population's entries.
    public func classCounts(of snapshot: Snapshot, districts: [District]) -> [[Int]] {
        var config = Config()
        config.districts = districts
        let population = Population(config: config, snapshot: snapshot)
        let score = riskScore.bind(BindingSchema(enterprises: snapshot.enterprises, districts: snapshot.districts))
        let index = Dictionary(self.config.classes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let cursor = EvalCursor()
        var counts = [[Int]](repeating: [Int](repeating: 0, count: self.config.classes.count), count: districts.count)
        for row in population.accepted {
            cursor.enterprise = row
            guard let c = riskClass(score: score(cursor).number ?? 0).flatMap({ index[$0.id] }) else { continue }
            counts[population.districtOfRow[row]][c] += 1
        }
        return counts
    }
}

/// One enterprise as the draw sees it.
public struct SamplingEntry: Sendable, Hashable {
    public var uscc: String
    /// Division code.
    public var district: String
    public var name: String?
    public var industry: String?
    public var riskScore: Double
    /// The id of its risk class.
    public var riskClass: String
}
