import QualityCore
import Testing

/// docs/SEMANTICS.md §15: weights drawn around the configured ones, the scorer's rules applied to
/// each draw, nearest-rank percentiles, and the rank without each indicator.
@Suite struct SensitivityTests {
    /// A scores 100 on x, B on y, C half of each; x weighs 60, y 40: A 60, C 50, B 40.
    static func opposed() throws -> (AssessmentModel, AssessmentResult) {
        var s = ScoringScenario(districts: ["A", "B", "C"])
        s.indicator("x", weight: 60, method: .target(floor: 0, target: 1))
        s.indicator("y", weight: 40, method: .target(floor: 0, target: 1))
        let model = try AssessmentModel(config: s.config)
        let result = model.assess(
            makeSnapshot(districts: [
                "A": ["x": .number(1), "y": .number(0)], "B": ["x": .number(0), "y": .number(1)],
                "C": ["x": .number(0.5), "y": .number(0.5)],
            ]))
        return (model, result)
    }

    @Test func spreadZeroGivesEveryDistrictItsBaseRankAsTheWholeInterval() throws {
        let model = try WorkedExampleTests.workedModel()
        let result = model.assess(try WorkedExampleTests.workedSnapshot())
        let s = model.sensitivity(of: result, options: SensitivityOptions(samples: 200, spread: 0, seed: 7))
        #expect(s.districts.map(\.baseRank) == [2, 3, 1])
        for (d, district) in zip(result.districts, s.districts) {
            #expect(district.baseRank == d.rank)
            #expect(district.rankP5 == d.rank)
            #expect(district.medianRank == d.rank)
            #expect(district.rankP95 == d.rank)
            #expect(district.gradeShares.first { $0.id == d.grade }?.value == 1)
        }
    }

    @Test func spreadZeroKeepsExclusionsVetoesAndIncompleteDistricts() throws {
        var s = ScoringScenario(districts: ["A", "B", "C", "D"])
        s.indicator("x", weight: 50, method: .minmax)
        s.indicator("y", weight: 30, method: .target(floor: 0, target: 10), missing: .exclude)
        s.indicator(
            "z", weight: 20, method: .bands([Band(min: 1, score: 1), Band(min: 0, score: 0.5)]), missing: .fail)
        s.bonus("b", "bonus")
        s.veto("v", "bad > 0")
        let model = try AssessmentModel(config: s.config)
        let result = model.assess(
            makeSnapshot(districts: [
                "A": ["x": .number(3), "y": .number(4), "z": .number(1), "bad": .number(1)],
                "B": ["x": .number(1), "z": .number(0), "bonus": .number(2)],
                "C": ["x": .number(2), "y": .number(10)],
                "D": ["x": .number(2), "y": .number(9), "z": .number(1)],
            ]))
        #expect(result.districts.map(\.rank) == [1, 3, nil, 2])
        let sens = model.sensitivity(of: result, options: SensitivityOptions(samples: 50, spread: 0, seed: 1))
        #expect(sens.districts.map(\.baseRank) == [1, 3, nil, 2])
        #expect(sens.districts.map(\.rankP5) == [1, 3, nil, 2])
        #expect(sens.districts.map(\.rankP95) == [1, 3, nil, 2])
        #expect(sens.districts.map(\.medianRank) == [1, 3, nil, 2])
        // A is vetoed: the lowest grade in every sample; C has none.
        #expect(sens.districts[0].gradeShares.map(\.value) == [0, 0, 0, 1])
        #expect(sens.districts[2].gradeShares.map(\.value) == [0, 0, 0, 0])
    }

    @Test func variedWeightsMoveRanksAsOftenAsTheWeightsCross() throws {
        let (model, result) = try Self.opposed()
        #expect(result.districts.map(\.rank) == [1, 3, 2])
        let options = SensitivityOptions(samples: 4000, spread: 0.5, seed: 42)
        let s = model.sensitivity(of: result, options: options)
        // A falls behind C (always 50) exactly when 60 f_x < 40 f_y: probability 0.1875.
        #expect(s.districts.map(\.baseRank) == [1, 3, 2])
        #expect(s.districts.map(\.rankP5) == [1, 1, 2])
        #expect(s.districts.map(\.medianRank) == [1, 3, 2])
        #expect(s.districts.map(\.rankP95) == [3, 3, 2])
        // A's total is below 60 (grade fail) exactly when f_x < f_y: probability 0.5.
        let fail = try #require(s.districts[0].gradeShares.last).value
        #expect(abs(fail - 0.5) < 0.03)
        #expect(model.sensitivity(of: result, options: options) == s)
        let other = model.sensitivity(of: result, options: SensitivityOptions(samples: 4000, spread: 0.5, seed: 43))
        #expect(other.districts[0].gradeShares != s.districts[0].gradeShares)
    }

    @Test func leavingOneIndicatorOutRescalesTheOthers() throws {
        let (model, result) = try Self.opposed()
        let s = model.sensitivity(of: result, options: SensitivityOptions(samples: 10, spread: 0, seed: 1))
        #expect(s.indicators == ["x", "y"])
        // Without x, y weighs 100: B 100, C 50, A 0. Without y: A 100, C 50, B 0.
        #expect(s.districts.map { $0.leaveOneOut.map(\.rank) } == [[3, 1], [1, 3], [2, 2]])
        #expect(s.districts[0].leaveOneOut.map(\.indicator) == ["x", "y"])
    }

    @Test func percentilesAreNearestRank() {
        var histogram = [0, 10, 80, 10]
        #expect(NearestRank.percentiles([5, 50, 95], of: &histogram, count: 100) == [1, 2, 3])
        #expect(histogram == [0, 0, 0, 0])
        histogram = [0, 1, 0, 1]
        #expect(NearestRank.percentiles([5, 50, 95], of: &histogram, count: 2) == [1, 1, 3])
        #expect(NearestRank.percentiles([50], of: &histogram, count: 0) == [nil])
    }

    @Test func optionsOutsideTheirRangeAreNamed() {
        #expect(SensitivityOptions(samples: 0).problem == "samples must be at least 1, got 0")
        #expect(SensitivityOptions(spread: 1).problem == "spread must be at least 0 and below 1, got 1.0")
        #expect(SensitivityOptions().problem == nil)
    }

    @Test func splitMixIsTheReferenceSequence() {
        var r = SplitMix64(seed: 1234567)
        #expect(r.next() == 6_457_827_717_110_365_317)
        #expect(r.next() == 3_203_168_211_198_807_973)
        var u = SplitMix64(seed: 0)
        #expect((0..<1000).allSatisfy { _ in (0..<1).contains(u.nextUnit()) })
    }
}
