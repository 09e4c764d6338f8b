/// The subsidy list of a period: awards, who was ineligible, what was excluded and why.
public struct SubsidyResult: Sendable, Equatable {
    /// Null without an overall budget.
    public var budgetFen: Int64?
    public var requestedFen: Int64
    public var grantedFen: Int64
    /// By USCC, then program order. Awards cut to 0 stay listed.
    public var awards: [Award]
    public var ineligible: [Ineligibility]
    public var excluded: [Exclusion]

    public init(
        budgetFen: Int64? = nil, requestedFen: Int64 = 0, grantedFen: Int64 = 0, awards: [Award] = [],
        ineligible: [Ineligibility] = [], excluded: [Exclusion] = []
    ) {
        self.budgetFen = budgetFen
        self.requestedFen = requestedFen
        self.grantedFen = grantedFen
        self.awards = awards
        self.ineligible = ineligible
        self.excluded = excluded
    }
}

public struct Award: Sendable, Equatable {
    public var uscc: String
    public var name: String
    public var district: String
    public var program: String
    public var requestedFen: Int64
    public var grantedFen: Int64
    public var notes: AwardNotes

    public init(
        uscc: String, name: String, district: String, program: String, requestedFen: Int64, grantedFen: Int64,
        notes: AwardNotes = []
    ) {
        self.uscc = uscc
        self.name = name
        self.district = district
        self.program = program
        self.requestedFen = requestedFen
        self.grantedFen = grantedFen
        self.notes = notes
    }
}

/// Why an award is less than requested; listed in the order the steps apply.
public struct AwardNotes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let enterpriseCap = AwardNotes(rawValue: 1)
    public static let programBudget = AwardNotes(rawValue: 2)
    public static let budget = AwardNotes(rawValue: 4)

    private static let names: [(AwardNotes, String)] = [
        (.enterpriseCap, "enterprise_cap"), (.programBudget, "program_budget"), (.budget, "budget"),
    ]

    public var names: [String] { Self.names.filter { contains($0.0) }.map(\.1) }

    public init(names: [String]) {
        var notes: AwardNotes = []
        for (note, name) in Self.names where names.contains(name) { notes.insert(note) }
        self = notes
    }
}

public struct Ineligibility: Sendable, Equatable {
    public var uscc: String
    /// Ids of the eligibility rules that did not hold, in config order.
    public var reasons: [String]

    public init(uscc: String, reasons: [String]) {
        self.uscc = uscc
        self.reasons = reasons
    }
}

public struct Exclusion: Sendable, Equatable {
    public var uscc: String
    public var program: String
    /// `once_per_years`, `no_amount` or `group`.
    public var reason: String

    public init(uscc: String, program: String, reason: String) {
        self.uscc = uscc
        self.program = program
        self.reason = reason
    }
}
