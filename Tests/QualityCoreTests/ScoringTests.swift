import Testing

@testable import QualityCore

/// docs/SEMANTICS.md §6: scoring methods, directions and missing-value policies.
@Suite struct ScoringTests {
    /// Scores fact `x` of one district per value with `method`; returns each district's indicator result.
    static func score(
        _ method: ScoringMethod, direction: Direction = .higher, entryDirection: Direction? = nil, _ values: [Double?],
        missing: MissingPolicy = .zero
    ) throws -> [IndicatorResult] {
        let codes = values.indices.map { String(330_200 + $0) }
        var scenario = ScoringScenario(districts: codes)
        scenario.config.scoring.missing = missing
        scenario.indicator("x", direction: direction, weight: 10, method: method, entryDirection: entryDirection)
        var facts: [String: [String: Value]] = [:]
        for (code, v) in zip(codes, values) { facts[code] = v.map { ["x": .number($0)] } ?? [:] }
        let result = try scenario.assess(facts)
        return try result.districts.map { try #require($0.indicator("x")) }
    }

    struct Case: Sendable, CustomStringConvertible {
        var method: ScoringMethod
        var direction: Direction
        var value: Double
        var score: Double
        var description: String { "\(method.name) \(direction) v=\(value)" }
    }

    static let higherBands = ScoringMethod.bands([
        Band(min: 1, score: 0.5), Band(min: 3, score: 1.0), Band(min: 2, score: 0.8),
    ])
    static let lowerBands = ScoringMethod.bands([
        Band(max: 5, score: 0.6), Band(max: 1, score: 1.0), Band(max: 10, score: 0.2),
    ])

    static let singleValueCases: [Case] = [
        // target, higher: floor 85 scores 0, target 98 scores 1, clamped outside.
        Case(method: .target(floor: 85, target: 98), direction: .higher, value: 91.5, score: 0.5),
        Case(method: .target(floor: 85, target: 98), direction: .higher, value: 85, score: 0),
        Case(method: .target(floor: 85, target: 98), direction: .higher, value: 80, score: 0),
        Case(method: .target(floor: 85, target: 98), direction: .higher, value: 98, score: 1),
        Case(method: .target(floor: 85, target: 98), direction: .higher, value: 120, score: 1),
        // target, lower-is-better: floor > target.
        Case(method: .target(floor: 60, target: 0), direction: .lower, value: 15, score: 0.75),
        Case(method: .target(floor: 60, target: 0), direction: .lower, value: 70, score: 0),
        Case(method: .target(floor: 60, target: 0), direction: .lower, value: -5, score: 1),
        Case(method: .target(floor: 60, target: 0), direction: .lower, value: 60, score: 0),
        // bands, higher: sorted by min descending whatever the config order; no band reached: 0.
        Case(method: higherBands, direction: .higher, value: 0, score: 0),
        Case(method: higherBands, direction: .higher, value: 0.999, score: 0),
        Case(method: higherBands, direction: .higher, value: 1, score: 0.5),
        Case(method: higherBands, direction: .higher, value: 2.5, score: 0.8),
        Case(method: higherBands, direction: .higher, value: 3, score: 1),
        Case(method: higherBands, direction: .higher, value: 100, score: 1),
        // bands, lower: sorted by max ascending, the first with v ≤ max.
        Case(method: lowerBands, direction: .lower, value: -3, score: 1),
        Case(method: lowerBands, direction: .lower, value: 1, score: 1),
        Case(method: lowerBands, direction: .lower, value: 3, score: 0.6),
        Case(method: lowerBands, direction: .lower, value: 5, score: 0.6),
        Case(method: lowerBands, direction: .lower, value: 10, score: 0.2),
        Case(method: lowerBands, direction: .lower, value: 10.5, score: 0),
    ]

    @Test(arguments: singleValueCases)
    func singleDistrictScore(_ c: Case) throws {
        let r = try #require(try Self.score(c.method, direction: c.direction, [c.value]).first)
        #expect(r.value == c.value)
        #expect(r.score == c.score)
        #expect(r.points == 10 * c.score)
        #expect(r.missing == false)
    }

    @Test func directionOfTheEntryOverridesTheIndicator() throws {
        let both = try Self.score(Self.lowerBands, direction: .higher, entryDirection: .lower, [3])
        #expect(both.map(\.score) == [0.6])
        let minmax = try Self.score(.minmax, direction: .higher, entryDirection: .lower, [2, 4, 10])
        #expect(minmax.map(\.score) == [1, 0.75, 0])
    }

    @Test func minmaxHigherAndLowerLeaveMissingDistrictsOut() throws {
        // D3 is missing: min and max are over 2, 4 and 10 only (not 0).
        let higher = try Self.score(.minmax, direction: .higher, [2, 4, 10, nil])
        #expect(higher.map(\.score) == [0, 0.25, 1, 0])
        #expect(higher.map(\.points) == [0, 2.5, 10, 0])
        #expect(higher.map(\.value) == [2, 4, 10, nil])
        #expect(higher.map(\.missing) == [false, false, false, true])
        let lower = try Self.score(.minmax, direction: .lower, [2, 4, 10, nil])
        #expect(lower.map(\.score) == [1, 0.75, 0, 0])
    }

    @Test func minmaxWithEqualValuesScoresOne() throws {
        #expect(try Self.score(.minmax, [5, 5, nil]).map(\.score) == [1, 1, 0])
        #expect(try Self.score(.minmax, direction: .lower, [7]).map(\.score) == [1])
        #expect(try Self.score(.minmax, [nil, 3]).map(\.score) == [0, 1])
    }

    // MARK: Missing values

    @Test func missingZeroScoresNothing() throws {
        let r = try Self.score(.target(floor: 0, target: 10), [5, nil], missing: .zero)
        #expect(r[1] == IndicatorResult(id: "x", value: nil, score: 0, points: 0, missing: true))
        #expect(r[0] == IndicatorResult(id: "x", value: 5, score: 0.5, points: 5, missing: false))
    }

    /// Three indicators a (30), b (30, exclude), c (40): b is missing in 330201 only.
    static func excludeScenario(defaultPolicy: MissingPolicy = .zero) -> ScoringScenario {
        var s = ScoringScenario(districts: ["330201", "330202"])
        s.config.scoring.missing = defaultPolicy
        s.indicator("a", weight: 30, method: .target(floor: 0, target: 100), dimension: "one")
        s.indicator("b", weight: 30, method: .target(floor: 0, target: 100), missing: .exclude, dimension: "one")
        s.indicator("c", weight: 40, method: .target(floor: 0, target: 100), dimension: "two")
        return s
    }

    @Test func missingExcludeRescalesTheRemainingPoints() throws {
        let result = try Self.excludeScenario().assess([
            "330201": ["a": .number(50), "c": .number(25)],
            "330202": ["a": .number(50), "b": .number(10), "c": .number(25)],
        ])
        let d = try #require(result.district(code: "330201"))
        // W = 100, E = 30: every remaining indicator's points × 100/70.
        #expect(
            d.indicator("a")
                == IndicatorResult(id: "a", value: 50, score: 0.5, points: 21.42857142857143, missing: false))
        #expect(
            d.indicator("b")
                == IndicatorResult(id: "b", value: nil, score: nil, points: nil, missing: true, excluded: true))
        #expect(d.excludedWeight == 30)
        #expect(d.rescaleFactor == 100.0 / 70.0)
        #expect(
            d.indicator("c")
                == IndicatorResult(id: "c", value: 25, score: 0.25, points: 14.285714285714286, missing: false))
        #expect(d.dimensions == [NamedNumber("one", 21.42857142857143), NamedNumber("two", 14.285714285714286)])
        #expect(d.base == 35.714285714285715)
        #expect(d.total == 35.714285714285715)
        #expect(d.incomplete == false)
        // A district with nothing excluded keeps its points as they are.
        let other = try #require(result.district(code: "330202"))
        #expect(other.indicators.map(\.points) == [15, 3, 10])
        #expect(other.base == 28)
    }

    @Test func missingExcludeOfTwoIndicatorsAddsTheirWeights() throws {
        var s = ScoringScenario(districts: ["330201"])
        s.config.scoring.missing = .exclude
        s.indicator("a", weight: 20, method: .target(floor: 0, target: 100))
        s.indicator("b", weight: 20, method: .target(floor: 0, target: 100))
        s.indicator("c", weight: 60, method: .target(floor: 0, target: 100))
        let d = try #require(try s.assess(["330201": ["c": .number(50)]]).districts.first)
        // E = 40: 30 points × 100/60.
        #expect(d.indicators.map(\.points) == [nil, nil, 50])
        #expect(d.total == 50)
    }

    @Test func entryPolicyOverridesTheDefault() throws {
        // Default exclude, but b says zero: nothing is rescaled.
        var s = ScoringScenario(districts: ["330201"])
        s.config.scoring.missing = .exclude
        s.indicator("a", weight: 50, method: .target(floor: 0, target: 100))
        s.indicator("b", weight: 50, method: .target(floor: 0, target: 100), missing: .zero)
        let d = try #require(try s.assess(["330201": ["a": .number(40)]]).districts.first)
        #expect(d.indicators.map(\.points) == [20, 0])
        #expect(d.indicators.map(\.score) == [0.4, 0])
        #expect(d.total == 20)
    }

    @Test func missingFailMakesTheDistrictIncomplete() throws {
        var s = ScoringScenario(districts: ["330201", "330202", "330203"])
        s.indicator("a", weight: 60, method: .target(floor: 0, target: 100))
        s.indicator("b", weight: 40, method: .target(floor: 0, target: 100), missing: .fail)
        let result = try s.assess([
            "330201": ["a": .number(90), "b": .number(100)],
            "330202": ["a": .number(100)],
            "330203": ["a": .number(50), "b": .number(50)],
        ])
        let failed = try #require(result.district(code: "330202"))
        #expect(failed.incomplete)
        #expect(failed.total == nil)
        #expect(failed.grade == nil)
        #expect(failed.rank == nil)
        // Left open by docs/SEMANTICS.md §6.2: a `fail` indicator's score and points are reported as null here.
        #expect(failed.indicator("b") == IndicatorResult(id: "b", value: nil, score: nil, points: nil, missing: true))
        #expect(failed.base == 60)
        // The others rank among themselves only.
        #expect(result.districts.map(\.rank) == [1, nil, 2])
        #expect(result.districts.map(\.total) == [94, nil, 50])
        #expect(result.districts.map(\.grade) == ["excellent", nil, "fail"])
    }

    @Test func districtWithEveryIndicatorExcludedIsIncomplete() throws {
        var s = ScoringScenario(districts: ["330201", "330202"])
        s.config.scoring.missing = .exclude
        s.indicator("a", weight: 50, method: .target(floor: 0, target: 100))
        s.indicator("b", weight: 50, method: .minmax)
        let result = try s.assess(["330201": [:], "330202": ["a": .number(100), "b": .number(1)]])
        let empty = try #require(result.district(code: "330201"))
        #expect(empty.incomplete)
        #expect(empty.total == nil)
        #expect(empty.rank == nil)
        #expect(empty.indicators.map(\.points) == [nil, nil])
        #expect(empty.dimensions == [NamedNumber("main", 0)])
        let full = try #require(result.district(code: "330202"))
        #expect(full.total == 100)
        #expect(full.rank == 1)
    }

    @Test func indicatorValueThatIsNotANumberIsMissing() throws {
        var s = ScoringScenario(districts: ["330201"])
        s.indicator("label", value: "name", weight: 50, method: .minmax)
        s.indicator("flag", value: "x > 1", weight: 50, method: .minmax)
        let d = try #require(try s.assess(["330201": ["name": .string("a"), "x": .number(2)]]).districts.first)
        #expect(d.indicators.map(\.missing) == [true, true])
        #expect(d.indicators.map(\.value) == [nil, nil])
    }

    @Test func indicatorValuesAggregateAcceptedEnterprisesOnly() throws {
        var s = ScoringScenario(districts: ["330212"])
        s.indicator("rate", value: "sum(p) / sum(n) * 100", weight: 100, method: .target(floor: 0, target: 100))
        let result = try s.assess(
            ["330212": [:]],
            enterprises: [
                uscc(1): ["district": .string("330212"), "p": .number(3), "n": .number(4)],
                uscc(2): ["district": .string("330212"), "p": .number(1), "n": .number(4)],
                // Rejected enterprises are counted nowhere, not even in aggregates.
                "91330212MA00000999": ["district": .string("330212"), "p": .number(0), "n": .number(100)],
                uscc(3, district: "330299"): ["district": .string("330299"), "p": .number(0), "n": .number(100)],
            ]
        )
        let d = try #require(result.districts.first)
        #expect(d.indicator("rate")?.value == 50)
        #expect(d.enterprises == 2)
        #expect(result.rejected.map(\.reason) == ["invalid_uscc", "unknown_district"])
    }
}
