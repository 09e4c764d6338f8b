/// Why one enterprise got what it got, or nothing: every rule and every step of docs/SEMANTICS.md §7.
public struct EnterpriseExplanation: Sendable, Equatable {
    public var uscc: String
    public var name: String?
    public var district: String?
    /// `invalid_uscc` or `unknown_district` when the enterprise never reached the rules.
    public var rejected: String?
    public var eligibility: [RuleOutcome] = []
    /// Every program in config order.
    public var programs: [ProgramOutcome] = []
    /// `enterprise_cap_yuan` in fen, as the engine applied it; nil without a cap.
    public var enterpriseCapFen: Int64?
    /// `budget_yuan` in fen, as the engine applied it; nil without an overall budget.
    public var budgetFen: Int64?

    public var eligible: Bool { rejected == nil && !eligibility.contains { !$0.held } }

    mutating func update(_ programIndex: Int, _ change: (inout ProgramOutcome) -> Void) {
        guard programs.indices.contains(programIndex) else { return }
        change(&programs[programIndex])
    }
}

public struct RuleOutcome: Sendable, Equatable {
    public var id: String
    public var held: Bool
}

/// One program for one enterprise: whether `when` held, then each step's amount in fen.
public struct ProgramOutcome: Sendable, Equatable {
    public var program: String
    public var when: Bool
    /// `once_per_years`, `no_amount` or `group`.
    public var excluded: String?
    /// The payout year that triggered `once_per_years`.
    public var lastPayoutYear: Int?
    /// Excluded by `group`: the program of the same group whose award was kept instead.
    public var replacedBy: String?
    /// The program's `budget_yuan` in fen, as the engine applied it; nil without one.
    public var programBudgetFen: Int64?
    public var requestedFen: Int64?
    public var afterCapFen: Int64?
    public var afterProgramBudgetFen: Int64?
    public var grantedFen: Int64?
    public var notes: [String] = []
    public var priority: Double?
}
