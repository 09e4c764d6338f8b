/// Everything pulled for one period, after ingestion (docs/SEMANTICS.md §8).
public struct Snapshot: Sendable {
    public var period: String
    /// District facts by division code.
    public var districts: FactTable
    /// Enterprise facts by USCC; `name`, `district` and `industry` are reserved facts.
    public var enterprises: FactTable
    /// Payout history: the finance bureau's records and the payouts of confirmed lists.
    public var payouts: [Payout]

    public init(
        period: String, districts: FactTable = FactTable(), enterprises: FactTable = FactTable(), payouts: [Payout] = []
    ) {
        self.period = period
        self.districts = districts
        self.enterprises = enterprises
        self.payouts = payouts
    }
}

/// One past payment of a program to an enterprise.
public struct Payout: Sendable, Hashable {
    public var uscc: String
    public var program: String
    public var year: Int
    public var grantedFen: Int64

    public init(uscc: String, program: String, year: Int, grantedFen: Int64) {
        self.uscc = uscc
        self.program = program
        self.year = year
        self.grantedFen = grantedFen
    }
}
