/// A plan as JSON (`qualityd sampling-plan --format json`, the daemon's frozen plan and its API):
/// everything a third party needs to redo the draw (docs/SAMPLING.md).
public struct SamplingPlanDocument: Codable, Sendable, Equatable {
    public var period: String
    public var seed: String
    public var inputSHA256: String
    public var classes: [ClassJSON]
    public var minPerStratum: Int
    public var inspectors: [InspectorJSON]
    public var population: [EntryJSON]
    public var strata: [StratumJSON]
    public var plan: [SelectionJSON]

    enum CodingKeys: String, CodingKey {
        case period, seed
        case inputSHA256 = "input_sha256"
        case classes
        case minPerStratum = "min_per_stratum"
        case inspectors, population, strata, plan
    }

    public struct ClassJSON: Codable, Sendable, Equatable {
        public var id: String
        public var minScore: Double
        public var ratio: Double

        enum CodingKeys: String, CodingKey {
            case id
            case minScore = "min_score"
            case ratio
        }
    }

    public struct InspectorJSON: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var district: String
        public var active: Bool
    }

    public struct EntryJSON: Codable, Sendable, Equatable {
        public var uscc: String
        public var district: String
        public var riskScore: Double
        public var riskClass: String

        enum CodingKeys: String, CodingKey {
            case uscc, district
            case riskScore = "risk_score"
            case riskClass = "class"
        }
    }

    public struct StratumJSON: Codable, Sendable, Equatable {
        public var district: String
        public var riskClass: String
        public var enterprises: Int
        public var selected: Int

        enum CodingKeys: String, CodingKey {
            case district
            case riskClass = "class"
            case enterprises, selected
        }
    }

    public struct SelectionJSON: Codable, Sendable, Equatable {
        public var uscc: String
        public var name: String?
        public var district: String
        public var industry: String?
        public var riskScore: Double
        public var riskClass: String
        public var inspectors: [String]

        enum CodingKeys: String, CodingKey {
            case uscc, name, district, industry
            case riskScore = "risk_score"
            case riskClass = "class"
            case inspectors
        }
    }

    public init(plan: SamplingPlan, period: String) {
        self.period = period
        seed = plan.seed
        inputSHA256 = plan.inputSHA256
        classes = plan.classes.map { ClassJSON(id: $0.id, minScore: $0.minScore, ratio: $0.ratio) }
        minPerStratum = plan.minPerStratum
        inspectors = plan.inspectors.map {
            InspectorJSON(id: $0.id, name: $0.name, district: $0.district, active: $0.active)
        }
        population = plan.population.map {
            EntryJSON(uscc: $0.uscc, district: $0.district, riskScore: $0.riskScore, riskClass: $0.riskClass)
        }
        strata = plan.strata.map {
            StratumJSON(
                district: $0.district, riskClass: $0.riskClass, enterprises: $0.enterprises, selected: $0.selected)
        }
        self.plan = plan.selections.map {
            SelectionJSON(
                uscc: $0.entry.uscc, name: $0.entry.name, district: $0.entry.district, industry: $0.entry.industry,
                riskScore: $0.entry.riskScore, riskClass: $0.entry.riskClass, inspectors: $0.inspectors)
        }
    }
}
