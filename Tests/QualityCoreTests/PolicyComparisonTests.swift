import Testing

@testable import QualityCore

/// What-if decided by `PolicyComparison`, on two small hand-made results with every kind of change.
@Suite struct PolicyComparisonTests {
    static func district(_ code: String, rank: Int, total: Double, grade: String, veto: [String] = [])
        -> DistrictResult
    {
        DistrictResult(
            code: code, name: "区\(code)", nameEn: "D\(code)", total: total, vetoedBy: veto, grade: grade, rank: rank)
    }

    static func award(_ uscc: String, _ program: String, requested: Int64, granted: Int64) -> Award {
        Award(
            uscc: uscc, name: "企业\(uscc.suffix(1))", district: "1", program: program, requestedFen: requested,
            grantedFen: granted)
    }

    static let a = AssessmentResult(
        period: "2027", policy: PolicyStamp(id: "base", sha256: String(repeating: "a", count: 64)),
        snapshotSHA256: "s",
        districts: [
            district("1", rank: 1, total: 90, grade: "good"), district("2", rank: 2, total: 80, grade: "good"),
            district("3", rank: 3, total: 50, grade: "fail", veto: ["incident"]),
        ],
        subsidies: SubsidyResult(
            requestedFen: 170_000, grantedFen: 150_000,
            awards: [
                award("E1", "p1", requested: 100_000, granted: 100_000),
                award("E2", "p1", requested: 50_000, granted: 50_000),
                award("E3", "p2", requested: 20_000, granted: 0),
            ]))

    static let b = AssessmentResult(
        period: "2027", policy: PolicyStamp(id: "2027", sha256: String(repeating: "b", count: 64)),
        snapshotSHA256: "s",
        districts: [
            district("1", rank: 2, total: 85, grade: "good"), district("2", rank: 1, total: 88.5, grade: "good"),
            district("3", rank: 3, total: 61, grade: "pass"),
        ],
        subsidies: SubsidyResult(
            requestedFen: 150_000, grantedFen: 130_000,
            awards: [
                award("E1", "p1", requested: 100_000, granted: 80_000),
                award("E3", "p2", requested: 20_000, granted: 20_000),
                award("E4", "p1", requested: 30_000, granted: 30_000),
            ]))

    @Test func districtsAToBWithTheirDeltas() {
        let c = PolicyComparison(a: Self.a, b: Self.b)
        #expect(c.districts.map(\.code) == ["1", "2", "3"])
        #expect(c.districts.map(\.rankDelta) == [1, -1, 0])
        #expect(c.districts.map(\.totalDelta) == [-5, 8.5, 11])
        #expect(c.districts.map(\.gradeB) == ["good", "good", "pass"])
        #expect(c.districts.map(\.vetoA) == [false, false, true])
        #expect(c.districts.map(\.vetoB) == [false, false, false])
        #expect(c.policyA?.id == "base" && c.policyB?.id == "2027")
    }

    @Test func programsAwardsRequestedAndGranted() {
        let c = PolicyComparison(a: Self.a, b: Self.b)
        #expect(c.programs.map(\.id) == ["p1", "p2"])
        #expect(c.programs.map(\.awardsA) == [2, 1])
        #expect(c.programs.map(\.awardsB) == [2, 1])
        #expect(c.programs.map(\.requestedFenA) == [150_000, 20_000])
        #expect(c.programs.map(\.requestedFenB) == [130_000, 20_000])
        #expect(c.programs.map(\.grantedFenA) == [150_000, 0])
        #expect(c.programs.map(\.grantedFenB) == [110_000, 20_000])
    }

    @Test func onlyTheEnterprisesWhoseAwardChanges() {
        let c = PolicyComparison(a: Self.a, b: Self.b)
        #expect(c.enterprises.map(\.uscc) == ["E1", "E2", "E3", "E4"])
        #expect(c.enterprises.map(\.change) == [.changes, .loses, .gains, .gains])
        #expect(c.enterprises.map(\.grantedFenA) == [100_000, 50_000, 0, 0])
        #expect(c.enterprises.map(\.grantedFenB) == [80_000, 0, 20_000, 30_000])
        #expect(c.enterprises.map(\.deltaFen) == [-20_000, -50_000, 20_000, 30_000])
    }

    @Test func theSummary() {
        let s = PolicyComparison(a: Self.a, b: Self.b).summary
        #expect(s.districtsRankChanged == 2)
        #expect(s.districtsGradeChanged == 1)
        #expect(s.districtsVetoChanged == 1)
        #expect(s.enterprisesChanged == 4)
        #expect(s.grantedFenA == 150_000 && s.grantedFenB == 130_000)
        #expect(s.gainedFen == 50_000)
        #expect(s.lostFen == 70_000)
        #expect(s.movedFen == 120_000)
    }

    @Test func theSameResultTwiceChangesNothing() {
        let c = PolicyComparison(a: Self.a, b: Self.a)
        #expect(c.enterprises.isEmpty)
        #expect(c.summary.districtsRankChanged == 0 && c.summary.movedFen == 0)
        #expect(c.districts.allSatisfy { $0.rankDelta == 0 && $0.totalDelta == 0 })
    }
}
