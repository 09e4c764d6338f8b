import Glibc
import QualityCore

/// 市场监管局 (Market supervision bureau): quality honours, enterprise labs and standards.
enum MarketSupervision {
    /// One kind of honour in the awards list, with who is likely to hold it.
    struct Honour: Sendable {
        let title: String
        /// Distinguishes the honours' draws from one another.
        let code: UInt64
        let subset: SparseSubset
        let bar: Double
        let slope: Double

        func acceptance(_ e: EnterpriseTraits) -> Double {
            ((e.quality - bar) * slope).clamped(0, 1) * min(1, 0.5 + e.size / 3)
        }

        /// Holders in `year`, block by block (a sparse set; membership varies by year).
        func holders(ofBlock b: Int, world: World, year: Int) -> [SimEnterprise] {
            subset.members(ofBlock: b, world: world, key: UInt64(year) &* 8 &+ code, accept: acceptance)
        }
    }

    static let cityAward = Honour(
        title: "市级出口质量奖", code: 1, subset: SparseSubset(blockSize: 150, candidates: 2, stream: .awards), bar: 0.3,
        slope: 1.4)

    /// The honours in the order the CSV lists them; the config maps each title to an award id.
    static let honours: [Honour] = [
        cityAward,
        Honour(
            title: "区级出口质量奖", code: 2, subset: SparseSubset(blockSize: 100, candidates: 3, stream: .awards), bar: 0.2,
            slope: 1.2),
        Honour(
            title: "省级名牌产品", code: 3, subset: SparseSubset(blockSize: 150, candidates: 2, stream: .awards), bar: 0.4,
            slope: 1.6),
        Honour(
            title: "浙江制造认证", code: 4, subset: SparseSubset(blockSize: 120, candidates: 2, stream: .awards), bar: 0.35,
            slope: 1.5),
    ]

    /// `GET /scj/awards.csv?year=` → GB18030 CSV `统一社会信用代码,荣誉名称,年度`: awards (set).
    static let awards = Endpoint(
        path: "/scj/awards.csv", shape: .csvGB18030(header: ["统一社会信用代码", "荣誉名称", "年度"]), paginated: false,
        usccField: "统一社会信用代码"
    ) { world, query throws(SimError) in
        let year = try query.period("year").period.year
        return .sequence {
            // Units: the blocks of each honour in turn.
            let counts = honours.map { $0.subset.blocks(enterprises: world.enterpriseCount) }
            return lazyRecords(counts.reduce(0, +)) { unit in
                var u = unit
                var k = 0
                while u >= counts[k] {
                    u -= counts[k]
                    k += 1
                }
                let honour = honours[k]
                var rows: [Record] = []
                for e in honour.holders(ofBlock: u, world: world, year: year) {
                    rows.append(awardRow(e, honour.title, year))
                    // Half of the city award holders were district award holders first: the two
                    // awards meet in one group of the reward policy (就高不重复).
                    if k == 0, alsoDistrictAward(e, world: world, year: year) {
                        rows.append(awardRow(e, honours[1].title, year))
                    }
                }
                return rows
            }
        }
    }

    static func awardRow(_ e: SimEnterprise, _ title: String, _ year: Int) -> Record {
        Record([("统一社会信用代码", .string(e.uscc)), ("荣誉名称", .string(title)), ("年度", .int(Int64(year)))])
    }

    static func alsoDistrictAward(_ e: SimEnterprise, world: World, year: Int) -> Bool {
        SimHash.unit(SimHash.hash(world.seed, Stream.awards.rawValue, UInt64(year), UInt64(e.index), 99)) < 0.5
    }

    /// Enterprise labs: 2 per block of 50 enterprises, drawn towards large, good enterprises; the
    /// same labs in every period (lab ids are stable), each newly accredited or extended in a period
    /// with some chance, with the construction investment of that period.
    static let labLayout = DrawnLayout(groupSize: 50, perGroup: 2)

    static func labPicker(_ world: World) -> GroupPicker {
        GroupPicker(world: world, layout: labLayout, stream: .labs, key: 0) { e in e.size * pow(e.quality, 1.5) + 0.05 }
    }

    /// Whether lab `lab` is new in `period`, and the investment (yuan) that went into it.
    static func labActivity(_ lab: Int, world: World, period: PeriodKey) -> (new: Bool, investment: Int) {
        var rng = SimRandom(world.seed, Stream.labNew.rawValue, period.hash, UInt64(lab))
        guard rng.chance(0.18 * period.yearFraction) else { return (false, 0) }
        return (true, 200_000 + rng.int(0...1000) * 1000)
    }

    /// `GET /scj/labs?period=&page=&page_size=` → `{"items":[{"lab_id","uscc","cnas_no",
    /// "new_this_period","investment_yuan"}],…}`: cnas_labs (count), cnas_labs_new, lab_investment_yuan.
    static let labs = Endpoint(
        path: "/scj/labs", shape: .items, paginated: true, idField: "lab_id", numberField: "investment_yuan"
    ) { world, query throws(SimError) in
        let period = try query.period()
        return .indexed(total: labLayout.total(enterprises: world.enterpriseCount)) {
            var picker = labPicker(world)
            return { r in
                let e = picker.enterprise(forRecord: r)
                let activity = labActivity(r, world: world, period: period)
                return Record([
                    ("lab_id", .string("LAB\(pad(r, 7))")),
                    ("uscc", .string(e.uscc)),
                    ("cnas_no", .string("CNAS L\(pad(r + 1000, 5))")),
                    ("new_this_period", .int(activity.new ? 1 : 0)),
                    ("investment_yuan", .int(Int64(activity.investment))),
                ])
            }
        }
    }

    static let industryStandardPrefix = ["FZ/T", "QC/T", "QB/T", "BB/T", "SB/T"]

    /// `GET /scj/standards?period=&page=&page_size=` → `{"items":[{"standard_no","uscc","level"}],…}`
    /// with level 国际/国家/行业/团体: standards_led (count), standards_award_yuan (mapped sum).
    static let standards = Endpoint(path: "/scj/standards", shape: .items, paginated: true, idField: "standard_no") {
        world, query throws(SimError) in
        let period = try query.period()
        let layout = DrawnLayout(groupSize: 40, perGroup: 1)
        return .indexed(total: layout.total(enterprises: world.enterpriseCount)) {
            var picker = GroupPicker(world: world, layout: layout, stream: .standards, key: period.hash) { e in
                e.size * pow(e.quality, 1.5) + 0.05
            }
            return { r in
                let e = picker.enterprise(forRecord: r)
                var rng = SimRandom(world.seed, Stream.standards.rawValue, period.hash, UInt64(r))
                let u = rng.unit()
                let year = period.period.year
                let (level, number): (String, String) =
                    switch u {
                    case ..<0.03: ("国际", "ISO \(10000 + r):\(year)")
                    case ..<0.18: ("国家", "GB/T \(40000 + r)-\(year)")
                    case ..<0.50: ("行业", "\(industryStandardPrefix[e.industry.rawValue]) \(70000 + r)-\(year)")
                    default: ("团体", "T/ZZB \(pad(r, 4))-\(year)")
                    }
                return Record([("standard_no", .string(number)), ("uscc", .string(e.uscc)), ("level", .string(level))])
            }
        }
    }
}

/// An iterator over the records of `units` units, each unit's records computed when reached.
func lazyRecords(_ units: Int, _ records: @escaping (Int) -> [Record]) -> AnyIterator<Record> {
    var unit = 0
    var pending: [Record] = []
    var next = 0
    return AnyIterator {
        while next == pending.count {
            guard unit < units else { return nil }
            pending = records(unit)
            next = 0
            unit += 1
        }
        next += 1
        return pending[next - 1]
    }
}
