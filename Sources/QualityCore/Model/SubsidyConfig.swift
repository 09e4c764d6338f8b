/// `subsidies`: who gets which financial reward, how much, within which caps and budgets.
public struct SubsidyConfig: Sendable {
    /// Overall budget in yuan; none when nil.
    public var budgetYuan: Double?
    public var allocation: Allocation = .proRata
    /// Enterprise context; orders awards for `allocation: priority` (higher first, missing last).
    public var priority: ExpressionSource?
    public var enterpriseCapYuan: Double?
    public var eligibility: [Rule] = []
    public var programs: [Program] = []
    /// Whether a list may be published while an appeal against the period's result is open
    /// (docs/SEMANTICS.md §14); by default it may not.
    public var publishWithOpenAppeals = false

    public init() {}
}

public enum Allocation: String, Sendable, Hashable, CaseIterable {
    case proRata = "pro_rata"
    case priority
}

/// A reward program from the district's policy, with the article it rests on.
public struct Program: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    /// The policy article, printed on exports (e.g. 《鄞州区经济发展政策实施细则》第十二条第一款).
    public var basis: String
    public var when: ExpressionSource
    /// Yuan; a number is a constant expression.
    public var amountYuan: ExpressionSource
    /// One award per group (就高不重复).
    public var group: String?
    public var oncePerYears: Int?
    public var budgetYuan: Double?
    public var location: SourceLocation?

    public init(
        id: String, name: LocalizedText, basis: String = "", when: ExpressionSource, amountYuan: ExpressionSource,
        group: String? = nil, oncePerYears: Int? = nil, budgetYuan: Double? = nil, location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.basis = basis
        self.when = when
        self.amountYuan = amountYuan
        self.group = group
        self.oncePerYears = oncePerYears
        self.budgetYuan = budgetYuan
        self.location = location
    }
}
