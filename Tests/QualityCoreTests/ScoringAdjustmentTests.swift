import QualityCore
import Testing

/// docs/SEMANTICS.md §6 after the points: bonus, penalties, clamping, veto, grades and ranks.
@Suite struct ScoringAdjustmentTests {
    /// One indicator worth nothing, so a district's total is exactly its bonus `t` (minus penalty `p`).
    static func totals(_ districts: [String: [String: Value]], edit: (inout ScoringScenario) -> Void = { _ in })
        throws -> AssessmentResult
    {
        var s = ScoringScenario(districts: districts.keys.sorted())
        s.indicator("zero", value: "0", weight: 100, method: .target(floor: 0, target: 1))
        s.bonus("t", "t")
        s.penalty("p", "p")
        edit(&s)
        return try s.assess(districts)
    }

    @Test func bonusItemsAreCappedThenTheOverallCap() throws {
        var s = ScoringScenario(districts: ["330201"])
        s.indicator("rate", weight: 100, method: .target(floor: 0, target: 100))
        s.bonus("capped", "x", cap: 4)
        s.bonus("uncapped", "y")
        s.bonus("negative", "-3", cap: 2)
        s.bonus("missing", "nothing + 1", cap: 2)
        s.bonus("text", "name")
        s.bonus("indicator", "rate / 100")
        let facts: [String: [String: Value]] = [
            "330201": ["rate": .number(50), "x": .number(6), "y": .number(1.5), "name": .string("a")]
        ]
        let open = try #require(try s.assess(facts).districts.first)
        #expect(open.bonusItems.map(\.value) == [4, 1.5, 0, 0, 0, 0.5])
        #expect(open.bonus == 6)
        #expect(open.total == 56)
        s.config.scoring.bonusCap = 5
        let capped = try #require(try s.assess(facts).districts.first)
        #expect(capped.bonusItems.map(\.value) == [4, 1.5, 0, 0, 0, 0.5])
        #expect(capped.bonus == 5)
        #expect(capped.total == 55)
    }

    @Test func penaltyItemsAreCappedThenTheOverallCap() throws {
        var s = ScoringScenario(districts: ["330201"])
        s.indicator("rate", weight: 100, method: .target(floor: 0, target: 100))
        s.penalty("notices", "0.5 * n", cap: 3)
        s.penalty("other", "m")
        s.penalty("negative", "-m")
        s.config.scoring.penaltyCap = 4
        let d = try #require(
            try s.assess(["330201": ["rate": .number(80), "n": .number(10), "m": .number(2.5)]]).districts.first
        )
        #expect(d.penaltyItems.map(\.value) == [3, 2.5, 0])
        #expect(d.penalty == 4)
        #expect(d.total == 76)
    }

    @Test func totalIsClampedToZeroAndToMaxTotal() throws {
        let result = try Self.totals(
            [
                "330201": ["t": .number(0), "p": .number(7)], "330202": ["t": .number(130)],
                "330203": ["t": .number(103)],
            ]
        ) { $0.config.scoring.maxTotal = 105 }
        #expect(result.districts.map(\.total) == [0, 105, 103])
        #expect(result.districts.map(\.base) == [0, 0, 0])
        #expect(result.districts.map(\.penalty) == [7, 0, 0])
        // max_total defaults to total.
        let plain = try Self.totals(["330201": ["t": .number(130)]])
        #expect(plain.districts.first?.total == 100)
    }

    @Test func vetoGivesTheLowestGradeAndKeepsTheRank() throws {
        let result = try Self.totals(
            ["330201": ["t": .number(95), "incident": .number(1)], "330202": ["t": .number(85)]]
        ) { s in
            s.veto("incident", "incident > 0")
            s.veto("other", "t > 90")
            s.veto("never", "nothing > 0")
            // Grades out of order: the lowest `min` is the one a veto gives.
            s.config.scoring.grades = [
                Grade(id: "good", name: text("良好"), min: 80), Grade(id: "fail", name: text("不合格"), min: 0),
                Grade(id: "excellent", name: text("优秀"), min: 90), Grade(id: "pass", name: text("合格"), min: 60),
            ]
        }
        let vetoed = try #require(result.district(code: "330201"))
        #expect(vetoed.vetoedBy == ["incident", "other"])
        #expect(vetoed.grade == "fail")
        #expect(vetoed.total == 95)
        #expect(vetoed.rank == 1)
        let other = try #require(result.district(code: "330202"))
        #expect(other.vetoedBy == [])
        #expect(other.grade == "good")
        #expect(other.rank == 2)
    }

    @Test func vetoOnAnIncompleteDistrictIsStillListed() throws {
        var s = ScoringScenario(districts: ["330201"])
        s.indicator("a", weight: 100, method: .target(floor: 0, target: 100), missing: .fail)
        s.veto("incident", "incidents > 0")
        s.veto("low", "coalesce(a, 0) < 50")
        let d = try #require(try s.assess(["330201": ["incidents": .number(2)]]).districts.first)
        #expect(d.incomplete)
        #expect(d.vetoedBy == ["incident", "low"])
        #expect(d.grade == nil)
        #expect(d.total == nil)
        #expect(d.rank == nil)
    }

    @Test func vetoReadsIndicatorValuesBeforeDistrictFacts() throws {
        var s = ScoringScenario(districts: ["330201"])
        s.indicator("rate", value: "raw * 2", weight: 100, method: .target(floor: 0, target: 100))
        s.veto("low_rate", "rate < 50")
        let d = try #require(try s.assess(["330201": ["raw": .number(20), "rate": .number(99)]]).districts.first)
        #expect(d.indicator("rate")?.value == 40)
        #expect(d.vetoedBy == ["low_rate"])
    }

    static let gradeCases: [(Double, String)] = [
        (100, "excellent"), (90, "excellent"), (89.9999999995, "excellent"), (89.999999998, "good"), (80, "good"),
        (79.99, "pass"), (60, "pass"), (59.9999999991, "pass"), (59.999999998, "fail"), (0, "fail"),
    ]

    @Test(arguments: gradeCases)
    func gradeBoundaryWithTolerance(_ total: Double, _ grade: String) throws {
        let result = try Self.totals(["330201": ["t": .number(total)]])
        #expect(result.districts.first?.total == total)
        #expect(result.districts.first?.grade == grade)
    }

    @Test func ranksShareTiesWithinTheToleranceAndSkip() throws {
        let result = try Self.totals([
            "330201": ["t": .number(80)],
            "330202": ["t": .number(90)],
            "330203": ["t": .number(80.0000000005)],
            "330204": ["t": .number(70)],
            "330205": ["t": .number(80)],
            "330206": ["t": .number(70.000000002)],
        ])
        #expect(result.districts.map(\.rank) == [2, 1, 2, 6, 2, 5])
    }

    @Test func rankCountsOnlyTotalsMoreThanToleranceAbove() throws {
        // 1 + the number of totals above by more than 1e-9: not transitive, as the rule says.
        let result = try Self.totals([
            "330201": ["t": .number(80)],
            "330202": ["t": .number(80.0000000008)],
            "330203": ["t": .number(80.0000000016)],
        ])
        #expect(result.districts.map(\.rank) == [2, 1, 1])
    }

    @Test func resultListsDistrictsInConfigOrder() throws {
        var s = ScoringScenario(districts: ["330212", "330203", "330205"])
        s.indicator("x", weight: 100, method: .minmax)
        let result = try s.assess([
            "330203": ["x": .number(1)], "330205": ["x": .number(2)], "330212": ["x": .number(3)],
        ])
        #expect(result.districts.map(\.code) == ["330212", "330203", "330205"])
        #expect(result.districts.map(\.rank) == [1, 3, 2])
        #expect(result.districts.map(\.name) == ["区330212", "区330203", "区330205"])
    }
}
