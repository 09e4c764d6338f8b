/// One `reports` entry compiled: evaluates its figures over a group's enterprises in a snapshot,
/// for the whole group and for each district.
public struct ReportModel: Sendable {
    public let config: ReportConfig
    let figures: [Expression]

    /// Compiles every figure in district context, where aggregates read the group's enterprises;
    /// problems are thrown together with their locations.
    public init(config: ReportConfig, index: Int) throws(ConfigErrors) {
        var issues: [ConfigIssue] = []
        var figures: [Expression] = []
        for (j, f) in config.figures.enumerated() {
            do {
                figures.append(try Expression(f.value, scope: .district))
            } catch {
                issues.append(
                    ConfigIssue(
                        location: f.value.location(ofColumn: error.column),
                        key: "reports[\(index)].figures[\(j)].value",
                        message: error.message))
            }
        }
        if !issues.isEmpty { throw ConfigErrors(issues) }
        self.config = config
        self.figures = figures
    }

    /// The figures of `group` in `snapshot`, over the enterprises whose `group_by` fact is `group`
    /// among those in a configured district with a valid USCC. Identifiers outside aggregates
    /// read nothing (missing): a report has no group-level facts.
    public func evaluate(_ snapshot: Snapshot, districts: [District], group: String, sampling: SamplingModel? = nil)
        -> GroupFigures
    {
        var config = Config()
        config.districts = districts
        let population = Population(config: config, snapshot: snapshot)
        let table = snapshot.enterprises
        let groupColumn = table.column(named: self.config.groupBy).map { table.columns[$0] }
        func inGroup(_ row: Int) -> Bool {
            guard case .string(let value)? = groupColumn?[row] else { return false }
            return value == group
        }
        let fns = figures.map { $0.bind(BindingSchema(enterprises: table)) }
        let cursor = EvalCursor()
        func values(_ members: [Int]) -> [Value] {
            cursor.members = members
            return fns.map { f in f(cursor).number.map(Value.number) ?? .missing }
        }
        let members = population.accepted.filter(inGroup)
        var result = GroupFigures(
            period: snapshot.period, group: group, enterprises: members.count,
            figures: zip(self.config.figures, values(members)).map { ($0.id, $1.number) })
        for (d, district) in districts.enumerated() {
            let rows = population.members[d].filter(inGroup)
            result.districts.append(
                GroupFigures.District(
                    code: district.code, enterprises: rows.count,
                    figures: zip(self.config.figures, values(rows)).map { ($0.id, $1.number) }))
        }
        if let sampling {
            let entries = sampling.population(of: snapshot, districts: districts)
            let grouped = Set(members.map { table.keys[$0] })
            result.classes = sampling.config.classes.map { c in
                (c.id, entries.filter { $0.riskClass == c.id && grouped.contains($0.uscc) }.count)
            }
        }
        return result
    }
}

/// A report's figures for one group in one period: over the group, and per district.
public struct GroupFigures: Sendable {
    public var period: String
    public var group: String
    public var enterprises: Int
    /// In config order; nil when the value is missing (e.g. a rate over nothing).
    public var figures: [(id: String, value: Double?)]
    public var districts: [District] = []
    /// Enterprises of the group per risk class (config order), when `sampling` is configured.
    public var classes: [(id: String, enterprises: Int)] = []

    public func value(_ id: String) -> Double? { figures.first { $0.id == id }?.value ?? nil }

    public struct District: Sendable {
        public var code: String
        public var enterprises: Int
        public var figures: [(id: String, value: Double?)]

        public func value(_ id: String) -> Double? { figures.first { $0.id == id }?.value ?? nil }
    }
}
