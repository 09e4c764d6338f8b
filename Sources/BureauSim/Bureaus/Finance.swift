import QualityCore

/// 财政局 (Finance bureau): the payment history of the reward programs.
enum Finance {
    /// The years the payment history covers. Fixed rather than taken from the clock so that the
    /// answer is the same on every run; assessing 2026 sees 2024 and 2025 payouts, which is what
    /// `once_per_years: 3` looks at.
    static let historyYears = 2019...2025

    /// Program ids as the demo config names them.
    static let demoProgram = "demo_enterprise"
    static let cityAwardProgram = "city_award"
    static let labProgram = "lab_cnas"

    /// `GET /cz/payouts` → `{"rows":[{"uscc","program","year","amount_fen"}]}`: the entity payout.
    ///
    /// Demonstration enterprises were paid in the year they joined the list and every third year
    /// after; labs in the years they were new (at the program's rate, capped); city award holders in
    /// the year of the award. Amounts are sometimes below the full rate, as pro-rata cuts leave them.
    static let payouts = Endpoint(path: "/cz/payouts", shape: .rows, paginated: false, numberField: "amount_fen") {
        world, _ throws(SimError) in
        .sequence {
            let years = Array(historyYears)
            let demoBlocks = Inspection.demoSubset.blocks(enterprises: world.enterpriseCount)
            let labCount = MarketSupervision.labLayout.total(enterprises: world.enterpriseCount)
            let cityBlocks = MarketSupervision.cityAward.subset.blocks(enterprises: world.enterpriseCount)
            var labPicker = MarketSupervision.labPicker(world)
            return lazyRecords(demoBlocks + labCount + years.count * cityBlocks) { unit in
                var rows: [Record] = []
                func row(_ uscc: String, _ program: String, _ year: Int, _ yuan: Double) {
                    let cut = SimHash.unit(
                        SimHash.hash(world.seed, Stream.payouts.rawValue, UInt64(unit), UInt64(year)))
                    let fen = Money.fen(yuan: yuan * (cut < 0.6 ? 1 : 0.7 + 0.3 * cut)) ?? 0
                    rows.append(
                        Record([
                            ("uscc", .string(uscc)), ("program", .string(program)), ("year", .int(Int64(year))),
                            ("amount_fen", .int(fen)),
                        ]))
                }
                if unit < demoBlocks {
                    let members = Inspection.demoSubset.members(
                        ofBlock: unit, world: world, key: 0, accept: Inspection.demoAcceptance)
                    for e in members {
                        let since = Inspection.demoSince(e, world: world)
                        for y in years where y >= since && (y - since) % 3 == 0 { row(e.uscc, demoProgram, y, 200_000) }
                    }
                } else if unit < demoBlocks + labCount {
                    let lab = unit - demoBlocks
                    let e = labPicker.enterprise(forRecord: lab)
                    for y in years {
                        let activity = MarketSupervision.labActivity(
                            lab, world: world, period: PeriodKey(Period(year: y)))
                        if activity.new { row(e.uscc, labProgram, y, min(Double(activity.investment) * 0.2, 150_000)) }
                    }
                } else {
                    let k = unit - demoBlocks - labCount
                    let year = years[k / cityBlocks]
                    for e in MarketSupervision.cityAward.holders(ofBlock: k % cityBlocks, world: world, year: year) {
                        row(e.uscc, cityAwardProgram, year, 100_000)
                    }
                }
                return rows
            }
        }
    }

    static let endpoints = [payouts]
}
