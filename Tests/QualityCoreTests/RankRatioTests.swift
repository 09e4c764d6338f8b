import QualityCore
import Testing

/// `method: rank` and `method: ratio` (docs/CONFIG.md, scoring methods): both directions, ties,
/// rates past the list, references of 0 or below, missing values under each policy.
@Suite struct RankRatioTests {
    static func score(
        _ method: ScoringMethod, direction: Direction = .higher, _ values: [Double?], missing: MissingPolicy = .zero
    ) throws -> [IndicatorResult] {
        try ScoringTests.score(method, direction: direction, values, missing: missing)
    }

    static let rates = ScoringMethod.rank(.rates([1, 0.9, 0.8], rest: 0))

    // MARK: rank

    @Test func ranksHigherFirstWithTiesSharingTheBetterRankAndTheNextSkipped() throws {
        let r = try Self.score(Self.rates, [10, 30, 20, 30, nil])
        #expect(r.map(\.rank) == [4, 1, 3, 1, nil])
        // Rank 4 is past the three rates: rest, 0 by default; the missing district scores 0 (zero).
        #expect(r.map(\.score) == [0, 1, 0.8, 1, 0])
        #expect(r.map(\.points) == [0, 10, 8, 10, 0])
        #expect(r.map(\.missing) == [false, false, false, false, true])
    }

    @Test func ranksLowerFirstWhenLowerIsBetter() throws {
        let r = try Self.score(Self.rates, direction: .lower, [10, 30, 20, 30])
        #expect(r.map(\.rank) == [1, 3, 2, 3])
        #expect(r.map(\.score) == [1, 0.8, 0.9, 0.8])
    }

    @Test func rankPastTheListScoresRest() throws {
        let method = ScoringMethod.rank(.rates([1, 0.6], rest: 0.25))
        let r = try Self.score(method, [5, 4, 3, 2])
        #expect(r.map(\.rank) == [1, 2, 3, 4])
        #expect(r.map(\.score) == [1, 0.6, 0.25, 0.25])
        #expect(r.map(\.points) == [10, 6, 2.5, 2.5])
    }

    @Test func valuesWithin1e9AreTied() throws {
        let r = try Self.score(Self.rates, [1, 1 + 5e-10, 1 + 2e-9])
        #expect(r.map(\.rank) == [2, 2, 1])
        #expect(r.map(\.score) == [0.9, 0.9, 1])
    }

    @Test func stepTakesTheSameFromEachRankAndStopsAtZero() throws {
        let r = try Self.score(.rank(.step(0.05)), [10, 30, 20, 30])
        #expect(r.map(\.rank) == [4, 1, 3, 1])
        let third: Double = 1 - 0.05 * 2
        let fourth: Double = 1 - 0.05 * 3
        #expect(r.map(\.score) == [fourth, 1, third, 1])
        let steep = try Self.score(.rank(.step(0.5)), direction: .lower, [1, 2, 3, 4])
        #expect(steep.map(\.score) == [1, 0.5, 0, 0])
    }

    @Test func rankIsAmongTheDistrictsWithAValueUnderEveryPolicy() throws {
        let zero = try Self.score(Self.rates, [nil, 3, 5], missing: .zero)
        #expect(zero.map(\.rank) == [nil, 2, 1])
        #expect(zero.map(\.score) == [0, 0.9, 1])
        let excluded = try Self.score(Self.rates, [nil, 3, 5], missing: .exclude)
        #expect(excluded.map(\.rank) == [nil, 2, 1])
        #expect(excluded.map(\.score) == [nil, 0.9, 1])
        #expect(excluded.map(\.excluded) == [true, false, false])
        let failed = try Self.score(Self.rates, [nil, 3, 5], missing: .fail)
        #expect(failed.map(\.score) == [nil, 0.9, 1])
        #expect(failed.map(\.points) == [nil, 9, 10])
    }

    @Test func excludedRankRescalesTheOtherIndicators() throws {
        var s = ScoringScenario(districts: ["330201", "330202", "330203"])
        s.indicator("r", weight: 40, method: Self.rates, missing: .exclude)
        s.indicator("t", weight: 60, method: .target(floor: 0, target: 100))
        let result = try s.assess([
            "330201": ["t": .number(50)],
            "330202": ["r": .number(7), "t": .number(50)],
            "330203": ["r": .number(9), "t": .number(100)],
        ])
        let d = try #require(result.district(code: "330201"))
        // W = 100, E = 40: 30 points × 100/60.
        #expect(d.indicator("r")?.points == nil)
        #expect(d.indicator("t")?.points == 50)
        #expect(d.rescaleFactor == 100.0 / 60.0)
        #expect(d.total == 50)
        #expect(result.district(code: "330202")?.indicator("r")?.rank == 2)
        #expect(close(result.district(code: "330202")?.total, 66))
        #expect(result.district(code: "330203")?.total == 100)
    }

    @Test func failedRankMakesTheDistrictIncomplete() throws {
        var s = ScoringScenario(districts: ["330201", "330202"])
        s.indicator("r", weight: 100, method: Self.rates, missing: .fail)
        let result = try s.assess(["330201": [:], "330202": ["r": .number(1)]])
        #expect(result.districts.map(\.incomplete) == [true, false])
        #expect(result.districts.map(\.total) == [nil, 100])
        #expect(result.districts.map(\.rank) == [nil, 1])
    }

    // MARK: ratio

    @Test func ratioToTheBestInBothDirections() throws {
        let higher = try Self.score(.ratio(.best), [10, 40, 20, nil])
        #expect(higher.map(\.score) == [0.25, 1, 0.5, 0])
        #expect(higher.map(\.points) == [2.5, 10, 5, 0])
        let lower = try Self.score(.ratio(.best), direction: .lower, [10, 40, 20, nil])
        #expect(lower.map(\.score) == [1, 0.25, 0.5, 0])
    }

    @Test func ratioToTheMeanInBothDirections() throws {
        // Mean 25 over the four districts with a value; a district above it (higher) scores 1.
        let higher = try Self.score(.ratio(.mean), [10, 40, 20, 30, nil])
        #expect(higher.map(\.score) == [0.4, 1, 0.8, 1, 0])
        let lower = try Self.score(.ratio(.mean), direction: .lower, [10, 40, 20, 30])
        #expect(lower.map(\.score) == [1, 0.625, 1, 25.0 / 30.0])
    }

    @Test func aDistrictWithTheReferenceValueScoresOne() throws {
        #expect(try Self.score(.ratio(.mean), [10, 20, 30]).map(\.score) == [0.5, 1, 1])
        #expect(try Self.score(.ratio(.mean), direction: .lower, [10, 20, 30]).map(\.score) == [1, 1, 20.0 / 30.0])
        #expect(try Self.score(.ratio(.best), direction: .lower, [4, 4, 8]).map(\.score) == [1, 1, 0.5])
    }

    @Test func aReferenceOfZeroOrBelowScoresZeroBelowIt() throws {
        // Best of -5 and -2 is -2: -2 reaches it, -5 does not and R ≤ 0 gives 0.
        #expect(try Self.score(.ratio(.best), [-5, -2]).map(\.score) == [0, 1])
        #expect(try Self.score(.ratio(.mean), [0, 0]).map(\.score) == [1, 1])
        #expect(try Self.score(.ratio(.mean), [-4, 2]).map(\.score) == [0, 1])
        #expect(try Self.score(.ratio(.best), direction: .lower, [-3, 5]).map(\.score) == [1, 0])
        #expect(try Self.score(.ratio(.mean), direction: .lower, [-1, 1, 0]).map(\.score) == [1, 0, 1])
    }

    @Test func ratioMissingValuesUnderEachPolicy() throws {
        // The reference is over the districts with a value only: best 8, not 0.
        #expect(try Self.score(.ratio(.best), [nil, 4, 8], missing: .zero).map(\.score) == [0, 0.5, 1])
        let excluded = try Self.score(.ratio(.best), [nil, 4, 8], missing: .exclude)
        #expect(excluded.map(\.score) == [nil, 0.5, 1])
        #expect(excluded.map(\.excluded) == [true, false, false])
        var s = ScoringScenario(districts: ["330201", "330202"])
        s.indicator("x", weight: 100, method: .ratio(.mean), missing: .fail)
        let failed = try s.assess(["330201": [:], "330202": ["x": .number(3)]])
        #expect(failed.districts.map(\.incomplete) == [true, false])
        #expect(failed.districts.map(\.total) == [nil, 100])
    }

    // MARK: explanation

    @Test func theResultExplainsRankAndReference() throws {
        var s = ScoringScenario(districts: ["330201", "330202", "330203"])
        s.indicator("r", weight: 50, method: Self.rates)
        s.indicator("q", direction: .lower, weight: 50, method: .ratio(.mean))
        let model = try AssessmentModel(config: s.config)
        let result = model.assess(
            makeSnapshot(districts: [
                "330201": ["r": .number(3), "q": .number(2)],
                "330202": ["r": .number(5), "q": .number(4)],
                "330203": ["q": .number(6)],
            ]))
        let scoring = try #require(result.scoring)
        #expect(scoring.totalWeight == 100)
        #expect(scoring.indicators.map(\.id) == ["r", "q"])
        #expect(scoring.indicators[0].method == .rank(.rates([1, 0.9, 0.8], rest: 0)))
        #expect(scoring.indicators[0].districtsWithValue == 2)
        #expect(scoring.indicators[1].method == .ratio(.mean, value: 4))
        #expect(scoring.indicators[1].direction == .lower)
        #expect(scoring.indicators[1].districtsWithValue == 3)
        #expect(result.districts.map { $0.indicator("r")?.rank } == [2, 1, nil])
        #expect(result.districts.map { $0.indicator("q")?.score } == [1, 1, 4.0 / 6.0])
        // Read back from JSON, the model rebuilds the same explanation.
        #expect(model.explained(try AssessmentResult.parse(json: result.json())) == result)
    }
}
