/// One case of a policy test file (docs/SEMANTICS.md §16): a few districts and enterprises with
/// their facts, scored under the config, and the results the policy is meant to give them.
public struct PolicyTestCase: Sendable {
    public var name: String
    public var location: SourceLocation?
    public var period: String
    /// District facts by division code.
    public var districts: [String: [String: Value]]
    /// Enterprise facts by USCC (`district` names the enterprise's district).
    public var enterprises: [String: [String: Value]]
    public var payouts: [Payout]
    public var expect: PolicyExpectation

    public init(
        name: String, location: SourceLocation? = nil, period: String, districts: [String: [String: Value]] = [:],
        enterprises: [String: [String: Value]] = [:], payouts: [Payout] = [], expect: PolicyExpectation = .init()
    ) {
        self.name = name
        self.location = location
        self.period = period
        self.districts = districts
        self.enterprises = enterprises
        self.payouts = payouts
        self.expect = expect
    }

    /// The case's facts as the snapshot the scorer reads.
    public var snapshot: Snapshot {
        Snapshot(
            period: period, districts: FactTable(rows: districts), enterprises: FactTable(rows: enterprises),
            payouts: payouts)
    }
}

/// What a case expects; only what is given is compared.
public struct PolicyExpectation: Sendable {
    /// How far a total may be from the expected one.
    public var tolerance: Double = 1e-6
    /// In file order.
    public var districts: [District] = []
    /// When given, exactly these awards (by USCC and program), with these amounts.
    public var awards: [Award]?
    /// When given, exactly these ineligible enterprises, with these failed rules.
    public var ineligible: [Ineligibility]?
    /// When given, exactly these exclusions.
    public var excluded: [Exclusion]?
    /// The sum granted over all awards, in fen.
    public var grantedFen: Int64?

    public init() {}

    public struct District: Sendable {
        public var code: String
        public var total: Double?
        public var rank: Int?
        public var grade: String?
        public var vetoedBy: [String]?
        public var incomplete: Bool?
        /// Per indicator id: its expected points.
        public var points: [(indicator: String, points: Double)] = []

        public init(code: String) { self.code = code }
    }

    public struct Award: Sendable {
        public var uscc: String
        public var program: String
        public var grantedFen: Int64?
        public var requestedFen: Int64?
        public var notes: [String]?

        public init(uscc: String, program: String) {
            self.uscc = uscc
            self.program = program
        }
    }
}
