/// What changes when the same snapshot is scored under policy B instead of A (what-if): per
/// district rank, total, grade and veto; per program awards, requested and granted; the
/// enterprises that gain, lose or change an award; and a summary. Decided here only: the command,
/// the API and the page render it.
public struct PolicyComparison: Sendable, Equatable, Encodable {
    public struct DistrictChange: Sendable, Equatable, Encodable {
        public var code: String
        public var name: String
        public var nameEn: String
        public var rankA: Int?
        public var rankB: Int?
        public var totalA: Double?
        public var totalB: Double?
        public var gradeA: String?
        public var gradeB: String?
        public var vetoA: Bool
        public var vetoB: Bool
        /// rank_b − rank_a (negative: moved up); nil when either has no rank.
        public var rankDelta: Int?
        /// total_b − total_a; nil when either has no total.
        public var totalDelta: Double?

        public var rankChanged: Bool { rankA != rankB }
        public var gradeChanged: Bool { gradeA != gradeB }

        enum CodingKeys: String, CodingKey {
            case code, name, nameEn = "name_en", rankA = "rank_a", rankB = "rank_b", totalA = "total_a"
            case totalB = "total_b", gradeA = "grade_a", gradeB = "grade_b", vetoA = "veto_a", vetoB = "veto_b"
            case rankDelta = "rank_delta", totalDelta = "total_delta"
        }

        /// Every key always, `null` where there is no value.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(code, forKey: .code)
            try c.encode(name, forKey: .name)
            try c.encode(nameEn, forKey: .nameEn)
            try c.encode(rankA, forKey: .rankA)
            try c.encode(rankB, forKey: .rankB)
            try c.encode(totalA, forKey: .totalA)
            try c.encode(totalB, forKey: .totalB)
            try c.encode(gradeA, forKey: .gradeA)
            try c.encode(gradeB, forKey: .gradeB)
            try c.encode(vetoA, forKey: .vetoA)
            try c.encode(vetoB, forKey: .vetoB)
            try c.encode(rankDelta, forKey: .rankDelta)
            try c.encode(totalDelta, forKey: .totalDelta)
        }
    }

    public struct ProgramChange: Sendable, Equatable, Encodable {
        public var id: String
        public var awardsA: Int
        public var awardsB: Int
        public var requestedFenA: Int64
        public var requestedFenB: Int64
        public var grantedFenA: Int64
        public var grantedFenB: Int64

        enum CodingKeys: String, CodingKey {
            case id, awardsA = "awards_a", awardsB = "awards_b", requestedFenA = "requested_fen_a"
            case requestedFenB = "requested_fen_b", grantedFenA = "granted_fen_a", grantedFenB = "granted_fen_b"
        }
    }

    public enum EnterpriseChangeKind: String, Sendable, Equatable, Encodable {
        /// Nothing (or 0) under A, more than 0 under B.
        case gains
        /// More than 0 under A, nothing (or 0) under B.
        case loses
        /// More than 0 under both, a different amount.
        case changes
    }

    public struct EnterpriseChange: Sendable, Equatable, Encodable {
        public var uscc: String
        public var name: String
        public var district: String
        public var program: String
        public var change: EnterpriseChangeKind
        /// Granted under A and B; 0 when not listed.
        public var grantedFenA: Int64
        public var grantedFenB: Int64

        public var deltaFen: Int64 { grantedFenB - grantedFenA }

        enum CodingKeys: String, CodingKey {
            case uscc, name, district, program, change, grantedFenA = "granted_fen_a", grantedFenB = "granted_fen_b"
        }
    }

    public struct Summary: Sendable, Equatable, Encodable {
        public var districtsRankChanged: Int
        public var districtsGradeChanged: Int
        public var districtsVetoChanged: Int
        public var enterprisesChanged: Int
        public var grantedFenA: Int64
        public var grantedFenB: Int64
        /// The sum of the increases over the enterprises' awards.
        public var gainedFen: Int64
        /// The sum of the decreases.
        public var lostFen: Int64
        /// gained + lost: the money that goes to someone else under B.
        public var movedFen: Int64

        enum CodingKeys: String, CodingKey {
            case districtsRankChanged = "districts_rank_changed", districtsGradeChanged = "districts_grade_changed"
            case districtsVetoChanged = "districts_veto_changed", enterprisesChanged = "enterprises_changed"
            case grantedFenA = "granted_fen_a", grantedFenB = "granted_fen_b", gainedFen = "gained_fen"
            case lostFen = "lost_fen", movedFen = "moved_fen"
        }
    }

    public var period: String
    public var snapshotSHA256: String?
    public var policyA: PolicyStamp?
    public var policyB: PolicyStamp?
    /// Every district, A's order first, then those only B knows.
    public var districts: [DistrictChange]
    /// Every program of either result, A's order first.
    public var programs: [ProgramChange]
    /// Only the awards that differ, by USCC then program.
    public var enterprises: [EnterpriseChange]
    public var summary: Summary

    enum CodingKeys: String, CodingKey {
        case period, snapshotSHA256 = "snapshot_sha256", policyA = "policy_a", policyB = "policy_b", districts
        case programs, enterprises, summary
    }

    /// Every key always, `null` where there is no value.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(period, forKey: .period)
        try c.encode(snapshotSHA256, forKey: .snapshotSHA256)
        try c.encode(policyA, forKey: .policyA)
        try c.encode(policyB, forKey: .policyB)
        try c.encode(districts, forKey: .districts)
        try c.encode(programs, forKey: .programs)
        try c.encode(enterprises, forKey: .enterprises)
        try c.encode(summary, forKey: .summary)
    }

    /// Compares two results of the same snapshot.
    public init(a: AssessmentResult, b: AssessmentResult) {
        period = a.period
        snapshotSHA256 = a.snapshotSHA256
        policyA = a.policy
        policyB = b.policy
        districts = Self.districts(a, b)
        programs = Self.programs(a.subsidies.awards, b.subsidies.awards)
        enterprises = Self.enterprises(a.subsidies.awards, b.subsidies.awards)
        let gained = enterprises.reduce(Int64(0)) { $0 + max(0, $1.deltaFen) }
        let lost = enterprises.reduce(Int64(0)) { $0 + max(0, -$1.deltaFen) }
        summary = Summary(
            districtsRankChanged: districts.filter(\.rankChanged).count,
            districtsGradeChanged: districts.filter(\.gradeChanged).count,
            districtsVetoChanged: districts.filter { $0.vetoA != $0.vetoB }.count,
            enterprisesChanged: enterprises.count,
            grantedFenA: a.subsidies.grantedFen, grantedFenB: b.subsidies.grantedFen,
            gainedFen: gained, lostFen: lost, movedFen: gained + lost)
    }

    private static func districts(_ a: AssessmentResult, _ b: AssessmentResult) -> [DistrictChange] {
        let codes = a.districts.map(\.code) + b.districts.map(\.code).filter { a.district(code: $0) == nil }
        return codes.map { code in
            let (x, y) = (a.district(code: code), b.district(code: code))
            let named = x ?? y
            return DistrictChange(
                code: code, name: named?.name ?? code, nameEn: named?.nameEn ?? code, rankA: x?.rank, rankB: y?.rank,
                totalA: x?.total, totalB: y?.total, gradeA: x?.grade, gradeB: y?.grade,
                vetoA: !(x?.vetoedBy.isEmpty ?? true), vetoB: !(y?.vetoedBy.isEmpty ?? true),
                rankDelta: x?.rank.flatMap { ra in y?.rank.map { $0 - ra } },
                totalDelta: x?.total.flatMap { ta in y?.total.map { $0 - ta } })
        }
    }

    private static func programs(_ a: [Award], _ b: [Award]) -> [ProgramChange] {
        var ids: [String] = []
        for award in a + b where !ids.contains(award.program) { ids.append(award.program) }
        return ids.map { id in
            let (x, y) = (a.filter { $0.program == id }, b.filter { $0.program == id })
            return ProgramChange(
                id: id, awardsA: x.count, awardsB: y.count,
                requestedFenA: x.reduce(0) { $0 + $1.requestedFen },
                requestedFenB: y.reduce(0) { $0 + $1.requestedFen },
                grantedFenA: x.reduce(0) { $0 + $1.grantedFen }, grantedFenB: y.reduce(0) { $0 + $1.grantedFen })
        }
    }

    private static func enterprises(_ a: [Award], _ b: [Award]) -> [EnterpriseChange] {
        struct Key: Hashable {
            var uscc: String
            var program: String
        }
        var byKey: [Key: (a: Award?, b: Award?)] = [:]
        for award in a { byKey[Key(uscc: award.uscc, program: award.program), default: (nil, nil)].a = award }
        for award in b { byKey[Key(uscc: award.uscc, program: award.program), default: (nil, nil)].b = award }
        let order = Dictionary((a + b).enumerated().map { ($1.program, $0) }, uniquingKeysWith: min)
        return byKey.compactMap { key, pair -> EnterpriseChange? in
            let (x, y) = (pair.a?.grantedFen ?? 0, pair.b?.grantedFen ?? 0)
            guard x != y, let named = pair.a ?? pair.b else { return nil }
            let kind: EnterpriseChangeKind = x == 0 ? .gains : y == 0 ? .loses : .changes
            return EnterpriseChange(
                uscc: key.uscc, name: named.name, district: named.district, program: key.program, change: kind,
                grantedFenA: x, grantedFenB: y)
        }.sorted { l, r in
            l.uscc != r.uscc ? l.uscc < r.uscc : (order[l.program] ?? 0) < (order[r.program] ?? 0)
        }
    }
}
