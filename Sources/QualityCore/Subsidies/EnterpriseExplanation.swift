/// Why one enterprise got what it got, or nothing: every rule and every step of docs/SEMANTICS.md §7.
public struct EnterpriseExplanation: Sendable, Equatable {
    public var uscc: String
    public var name: String?
    public var district: String?
    /// `invalid_uscc` or `unknown_district` when the enterprise never reached the rules.
    public var rejected: String?
    public var eligibility: [RuleOutcome]
    /// Every program in config order.
    public var programs: [ProgramOutcome]

    public init(
        uscc: String, name: String? = nil, district: String? = nil, rejected: String? = nil,
        eligibility: [RuleOutcome] = [], programs: [ProgramOutcome] = []
    ) {
        self.uscc = uscc
        self.name = name
        self.district = district
        self.rejected = rejected
        self.eligibility = eligibility
        self.programs = programs
    }

    public var eligible: Bool { rejected == nil && !eligibility.contains { !$0.held } }

    mutating func update(_ programIndex: Int, _ change: (inout ProgramOutcome) -> Void) {
        guard programs.indices.contains(programIndex) else { return }
        change(&programs[programIndex])
    }
}

public struct RuleOutcome: Sendable, Equatable {
    public var id: String
    public var held: Bool

    public init(id: String, held: Bool) {
        self.id = id
        self.held = held
    }
}

/// One program for one enterprise: whether `when` held, then each step's amount in fen.
public struct ProgramOutcome: Sendable, Equatable {
    public var program: String
    public var when: Bool
    /// `once_per_years`, `no_amount` or `group`.
    public var excluded: String?
    /// The payout year that triggered `once_per_years`.
    public var lastPayoutYear: Int?
    public var requestedFen: Int64?
    public var afterCapFen: Int64?
    public var afterProgramBudgetFen: Int64?
    public var grantedFen: Int64?
    public var notes: [String]
    public var priority: Double?

    public init(program: String, when: Bool) {
        self.program = program
        self.when = when
        self.notes = []
    }
}
