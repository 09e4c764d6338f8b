import QualityConfig
import QualityCore
import Testing

/// `method: rank` and `method: ratio` in config: their keys, ranges and exactly one of `rates`/`step`,
/// each error with its line, column and key. Line 20 of `Base` is the entry under test.
@Suite struct InvalidRankRatioTests {
    static let entry = "        - { indicator: returns, weight: 40, "
    static let path = "scoring.dimensions[0].indicators[1]"

    /// The base with entry 20 ending in `tail`.
    static func yaml(_ tail: String) -> String { Base.replacing(20, with: entry + tail) }

    @Test func validRankAndRatioLoad() throws {
        let rank = try load(Self.yaml("method: rank, rates: [1, 0.9, 0.8], rest: 0.5 }"))
        #expect(rank.config.scoring.entries[1].method == .rank(.rates([1, 0.9, 0.8], rest: 0.5)))
        let step = try load(Self.yaml("method: rank, step: 0.05 }"))
        #expect(step.config.scoring.entries[1].method == .rank(.step(0.05)))
        let best = try load(Self.yaml("method: ratio }"))
        #expect(best.config.scoring.entries[1].method == .ratio(.best))
        let mean = try load(Self.yaml("method: ratio, reference: mean }"))
        #expect(mean.config.scoring.entries[1].method == .ratio(.mean))
        #expect(errors(Self.yaml("method: rank, rates: [1] }")) == nil)
        #expect(errors(Self.yaml("method: rank, step: 1 }")) == nil)
    }

    static let cases: [InvalidCase] = [
        InvalidCase(
            "rankTakesRatesOrStepNotBoth", Self.yaml("method: rank, rates: [1, 0.9], step: 0.1 }"),
            Expected(20, 76, "\(Self.path).step", "method rank takes either 'rates' or 'step', not both")),
        InvalidCase(
            "rankNeedsRatesOrStep", Self.yaml("method: rank }"),
            Expected(20, 11, "\(Self.path).rates", "method rank needs 'rates' (with an optional 'rest') or 'step'")),
        InvalidCase(
            "ratesAreBetweenZeroAndOne", Self.yaml("method: rank, rates: [1, 1.2, -0.1] }"),
            Expected(20, 70, "\(Self.path).rates[1]", "rate must be between 0 and 1 (found 1.2)"),
            Expected(20, 75, "\(Self.path).rates[2]", "rate must be between 0 and 1 (found -0.1)")),
        InvalidCase(
            "ratesAreBetweenZeroAndOne", Self.yaml("method: rank, rates: [] }"),
            Expected(20, 66, "\(Self.path).rates", "at least one rate is required")),
        InvalidCase(
            "restIsBetweenZeroAndOneAndGoesWithRates", Self.yaml("method: rank, rates: [1], rest: 2 }"),
            Expected(20, 77, "\(Self.path).rest", "rest must be between 0 and 1 (found 2)")),
        InvalidCase(
            "restIsBetweenZeroAndOneAndGoesWithRates", Self.yaml("method: rank, step: 0.1, rest: 0.5 }"),
            Expected(
                20, 70, "\(Self.path).rest",
                "'rest' goes with 'rates' (the score of a rank past the list); with 'step' every rank has a score")),
        InvalidCase(
            "stepIsAboveZeroAndAtMostOne", Self.yaml("method: rank, step: 0 }"),
            Expected(20, 65, "\(Self.path).step", "step must be greater than 0 and at most 1 (found 0)")),
        InvalidCase(
            "stepIsAboveZeroAndAtMostOne", Self.yaml("method: rank, step: 1.5 }"),
            Expected(20, 65, "\(Self.path).step", "step must be greater than 0 and at most 1 (found 1.5)")),
        InvalidCase(
            "referenceIsBestOrMean", Self.yaml("method: ratio, reference: worst }"),
            Expected(20, 71, "\(Self.path).reference", "expected one of: best, mean (found 'worst')")),
        InvalidCase(
            "aKeyOfAnotherMethodNamesItsMethod", Self.yaml("method: ratio, rates: [1] }"),
            Expected(20, 60, "\(Self.path).rates", "'rates' applies only to method: rank")),
        InvalidCase(
            "aKeyOfAnotherMethodNamesItsMethod", Self.yaml("method: rank, step: 0.1, reference: best }"),
            Expected(20, 70, "\(Self.path).reference", "'reference' applies only to method: ratio")),
        InvalidCase(
            "aKeyOfAnotherMethodNamesItsMethod", Self.yaml("method: minmax, step: 0.1 }"),
            Expected(20, 61, "\(Self.path).step", "'step' applies only to method: rank")),
        InvalidCase(
            "aKeyOfAnotherMethodNamesItsMethod", Self.yaml("method: rank, step: 0.1, floor: 3 }"),
            Expected(20, 70, "\(Self.path).floor", "'floor' applies only to method: target")),
    ]

    @Test(arguments: cases) func reportsEveryError(_ c: InvalidCase) {
        #expect(errors(c.yaml) == c.expected)
    }
}
