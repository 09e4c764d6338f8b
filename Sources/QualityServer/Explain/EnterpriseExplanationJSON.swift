import Hummingbird
import QualityCore

/// `GET /api/v1/enterprises/{uscc}/explain`: the explanation of docs/SEMANTICS.md §7's steps for one enterprise and
/// its rows of the list, with the names of rules and programs from the config in force.
struct EnterpriseExplanationJSON: ResponseEncodable {
    struct Rule: Encodable {
        var id: String
        @Nullable var name: Localized?
        var held: Bool
    }

    /// One program's steps, each amount after the step that set it (docs/SEMANTICS.md §7).
    struct Program: Encodable {
        var program: String
        @Nullable var name: Localized?
        @Nullable var basis: String?
        var when: Bool
        @Nullable var excluded: String?
        @Nullable var replacedBy: String?
        @Nullable var lastPayoutYear: Int?
        @Nullable var programBudgetFen: Int64?
        @Nullable var requestedFen: Int64?
        @Nullable var afterCapFen: Int64?
        @Nullable var afterProgramBudgetFen: Int64?
        @Nullable var grantedFen: Int64?
        var notes: [String]
        @Nullable var priority: Double?
    }

    /// A row of the list for this enterprise.
    struct Award: Encodable {
        var program: String
        var requestedFen, grantedFen: Int64
        var notes: [String]
    }

    var period, configSHA256: String
    @Nullable var resultConfigSHA256: String?
    @Nullable var snapshotSHA256: String?
    var uscc: String
    @Nullable var name: String?
    @Nullable var district: String?
    @Nullable var rejected: String?
    var eligible: Bool
    @Nullable var enterpriseCapFen: Int64?
    @Nullable var budgetFen: Int64?
    var eligibility: [Rule]
    var programs: [Program]
    var awards: [Award]
    /// Corrections applied to the enterprise's facts (docs/SEMANTICS.md §14).
    var corrections: [AppliedCorrectionJSON]
}

extension EnterpriseExplanationJSON {
    init(_ found: Explainer.Found) {
        let e = found.explanation
        let config = found.config
        self.init(
            period: found.result.period, configSHA256: found.configSHA256,
            resultConfigSHA256: found.result.configSHA256, snapshotSHA256: found.result.snapshotSHA256,
            uscc: e.uscc, name: e.name, district: e.district, rejected: e.rejected, eligible: e.eligible,
            enterpriseCapFen: e.enterpriseCapFen, budgetFen: e.budgetFen,
            eligibility: e.eligibility.map { rule in
                Rule(
                    id: rule.id, name: Localized(config.subsidies.eligibility.first { $0.id == rule.id }?.name),
                    held: rule.held)
            },
            programs: e.programs.map { Program($0, config.program(id: $0.program)) },
            awards: found.result.subsidies.awards.filter { $0.uscc == e.uscc }.map {
                Award(
                    program: $0.program, requestedFen: $0.requestedFen, grantedFen: $0.grantedFen, notes: $0.notes.names
                )
            },
            corrections: found.result.corrections(enterprise: e.uscc).map(AppliedCorrectionJSON.init))
    }
}

extension EnterpriseExplanationJSON.Program {
    init(_ p: ProgramOutcome, _ config: QualityCore.Program?) {
        self.init(
            program: p.program, name: Localized(config?.name), basis: config?.basis, when: p.when, excluded: p.excluded,
            replacedBy: p.replacedBy, lastPayoutYear: p.lastPayoutYear, programBudgetFen: p.programBudgetFen,
            requestedFen: p.requestedFen, afterCapFen: p.afterCapFen, afterProgramBudgetFen: p.afterProgramBudgetFen,
            grantedFen: p.grantedFen, notes: p.notes, priority: p.priority)
    }
}
