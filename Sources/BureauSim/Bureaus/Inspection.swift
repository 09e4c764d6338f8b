import Glibc
import QualityCore

/// 检验检疫局 (Inspection and quarantine bureau): supervisory sampling, returns and foreign
/// notifications, the national export quality safety demonstration list, and CCC exemptions.
enum Inspection {
    /// `GET /ciq/sampling?from=&to=&page=&page_size=` → `{"items":[{"batch_no","uscc","product",
    /// "sampled","passed","date"}],…}`: batches_sampled, batches_passed, sampling_batches.
    ///
    /// Each month has its own record stream (12 enterprises per group, 4 batches per group), so a
    /// range of whole months is their concatenation; `from`/`to` are widened to whole months.
    static let sampling = Endpoint(
        path: "/ciq/sampling", shape: .items, paginated: true, idField: "batch_no", numberField: "sampled",
        hasPassedAndSampled: true
    ) { world, query throws(SimError) in
        let months = try query.months()
        let layout = DrawnLayout(groupSize: 12, perGroup: 4)
        let perMonth = layout.total(enterprises: world.enterpriseCount)
        return .indexed(total: perMonth * months.count) {
            var current = -1
            var picker: GroupPicker?
            return { r in
                let (year, month) = months[r / perMonth]
                let local = r % perMonth
                let key = UInt64(year * 12 + month)
                if r / perMonth != current {
                    current = r / perMonth
                    picker = GroupPicker(world: world, layout: layout, stream: .sampling, key: key) { e in
                        e.size.squareRoot() * (e.industry == .packaging || e.industry == .other ? 0.5 : 1)
                    }
                }
                guard let e = picker?.enterprise(forRecord: local) else { return Record([]) }
                var rng = SimRandom(world.seed, Stream.sampling.rawValue, key, UInt64(local), 1)
                let q = world.quality(of: e, period: PeriodKey(Period(year: year)))
                let failRate = 0.004 + 0.16 * pow(1 - q, 1.6)
                let sampled = rng.int(2...12)
                var passed = sampled
                for _ in 0..<sampled where rng.chance(failRate) { passed -= 1 }
                let products = EnterpriseNames.products[e.industry.rawValue]
                let day = rng.int(1...Period.daysIn(year: year, month: month))
                return Record([
                    ("batch_no", .string("CJ\(year)\(pad(month, 2))\(pad(local, 8))")),
                    ("uscc", .string(e.uscc)),
                    ("product", .string(products[rng.int(0...products.count - 1)])),
                    ("sampled", .int(Int64(sampled))),
                    ("passed", .int(Int64(passed))),
                    ("date", .string("\(year)-\(pad(month, 2))-\(pad(day, 2))")),
                ])
            }
        }
    }

    /// `GET /ciq/returns?period=&page=&page_size=` → `{"items":[{"uscc","returned_batches",
    /// "foreign_notifications"}],…}`, one row per exporter: returns, notifications.
    static let returns = Endpoint(
        path: "/ciq/returns", shape: .items, paginated: true, numberField: "returned_batches"
    ) { world, query throws(SimError) in
        let period = try query.period()
        return .indexed(total: world.enterpriseCount) {
            { r in
                let e = world.enterprise(r)
                let q = world.quality(of: e, period: period)
                var rng = SimRandom(world.seed, Stream.returns.rawValue, period.hash, UInt64(r))
                let p = (0.015 + 0.30 * (1 - q) * (1 - q)) * period.yearFraction.squareRoot()
                let returned = rng.chance(p) ? rng.int(1...3) : 0
                let notifications = rng.chance(p * 0.4) ? rng.int(1...2) : 0
                return Record([
                    ("uscc", .string(e.uscc)),
                    ("returned_batches", .int(Int64(returned))),
                    ("foreign_notifications", .int(Int64(notifications))),
                ])
            }
        }
    }

    /// Membership of the national export quality safety demonstration list (中国出口质量安全示范企业):
    /// stable for a seed, better enterprises more likely; listed from the year `since`.
    static let demoSubset = SparseSubset(blockSize: 150, candidates: 3, stream: .demo)

    static func demoAcceptance(_ e: EnterpriseTraits) -> Double {
        ((e.quality - 0.35) * 1.6).clamped(0, 1) * min(1, 0.4 + e.size / 2)
    }

    /// The year an enterprise joined the demonstration list (2012–2025).
    static func demoSince(_ e: SimEnterprise, world: World) -> Int {
        2012 + Int(SimHash.hash(world.seed, Stream.demo.rawValue, UInt64(e.index), 7) % 14)
    }

    /// `GET /ciq/demo-enterprises?period=` → `{"items":[{"uscc","title","since"}],"total":T}`:
    /// demo_enterprise (count).
    static let demoEnterprises = Endpoint(path: "/ciq/demo-enterprises", shape: .items, paginated: false) {
        world, query throws(SimError) in
        let year = try query.period().period.year
        return .sequence {
            var block = 0
            var pending: [SimEnterprise] = []
            let blocks = demoSubset.blocks(enterprises: world.enterpriseCount)
            return AnyIterator {
                while pending.isEmpty {
                    guard block < blocks else { return nil }
                    pending = demoSubset.members(ofBlock: block, world: world, key: 0, accept: demoAcceptance)
                        .filter { demoSince($0, world: world) <= year }.reversed()
                    block += 1
                }
                let e = pending.removeLast()
                return Record([
                    ("uscc", .string(e.uscc)),
                    ("title", .string("中国出口质量安全示范企业")),
                    ("since", .int(Int64(demoSince(e, world: world)))),
                ])
            }
        }
    }

    /// `GET /ciq/ccc-exemptions?period=&page=&page_size=` → `{"items":[{"application_no","uscc",
    /// "processing_days"}],…}`: ccc_applications (count), ccc_days_total (sum). Appliance and auto
    /// parts makers apply most; processing is faster where the district's service is better.
    static let cccExemptions = Endpoint(
        path: "/ciq/ccc-exemptions", shape: .items, paginated: true, idField: "application_no",
        numberField: "processing_days"
    ) { world, query throws(SimError) in
        let period = try query.period()
        let layout = DrawnLayout(groupSize: 10, perGroup: max(1, Int((3 * period.yearFraction).rounded())))
        let weights: [Double] = [0.05, 1.0, 1.5, 0.1, 0.3]
        return .indexed(total: layout.total(enterprises: world.enterpriseCount)) {
            var picker = GroupPicker(world: world, layout: layout, stream: .ccc, key: period.hash) {
                weights[$0.industry.rawValue]
            }
            return { r in
                let e = picker.enterprise(forRecord: r)
                var rng = SimRandom(world.seed, Stream.ccc.rawValue, period.hash, UInt64(r))
                let base = 1.5 + 7 * (1 - world.districtQuality(e.districtIndex, period: period))
                let days = max(1, Int((base + rng.unit() * 2 - 0.5).rounded()))
                return Record([
                    ("application_no", .string("CCC\(period.period)\(pad(r, 7))")),
                    ("uscc", .string(e.uscc)),
                    ("processing_days", .int(Int64(days))),
                ])
            }
        }
    }

    static let endpoints = [sampling, returns, demoEnterprises, cccExemptions]
}

/// `n` in decimal, left-padded with zeros to `width`.
func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
