import QualityCore

/// 商务局 (Commerce bureau): monthly export declarations.
enum Commerce {
    /// Relative export volume by month: the Spring Festival dip in February, a strong autumn.
    static let seasonality: [Double] = [0.9, 0.6, 1.0, 1.0, 1.05, 1.05, 1.1, 1.1, 1.1, 1.1, 1.1, 0.95]

    /// `GET /sw/exports?period=&page=&page_size=` → `{"items":[{"uscc","month","export_value_usd"}],…}`,
    /// one row per enterprise and month of the period: export_value_usd (sum).
    static let exports = Endpoint(
        path: "/sw/exports", shape: .items, paginated: true, numberField: "export_value_usd"
    ) { world, query throws(SimError) in
        let period = try query.period()
        let months = Array(period.period.months)
        let layout = PerEnterpriseLayout(perEnterprise: months.count)
        return .indexed(total: layout.total(enterprises: world.enterpriseCount)) {
            var cached: SimEnterprise?
            return { r in
                let (index, slot) = layout.locate(r)
                let e = cached.flatMap { $0.index == index ? $0 : nil } ?? world.enterprise(index)
                cached = e
                let month = months[slot]
                var rng = SimRandom(world.seed, Stream.exports.rawValue, period.hash, UInt64(r))
                let value = e.size * 150_000 * seasonality[month - 1] * (0.7 + 0.6 * rng.unit())
                return Record([
                    ("uscc", .string(e.uscc)),
                    ("month", .string("\(period.period.year)-\(pad(month, 2))")),
                    ("export_value_usd", .int(Int64(value.rounded()))),
                ])
            }
        }
    }

    static let endpoints = [exports]
}
