import Foundation
import QualityConfig
import QualityCore
import Testing

/// Invalid scoring sections: each case asserts every error, its exact text, line and column.
/// Line numbers refer to `Base.lines` (see TestSupport.swift).
@Suite struct InvalidScoringTests {
    static let cases: [InvalidCase] = [
        InvalidCase(
            "unknownKeyWithHint", Base.replacing(15, with: "  totl: 100"),
            Expected(15, 3, "scoring.totl", "unknown key 'totl'; did you mean 'total'?")),
        InvalidCase(
            "unknownKeyWithCaseInsensitiveHintAndTheMissingKey",
            Base.replacing(20, with: "        - { indicator: returns, Weight: 40, method: minmax }"),
            Expected(20, 11, "scoring.dimensions[0].indicators[1].weight", "missing required key 'weight'"),
            Expected(
                20, 33, "scoring.dimensions[0].indicators[1].Weight", "unknown key 'Weight'; did you mean 'weight'?"
            )),
        InvalidCase(
            "unknownTopLevelKeyWithoutHint", Base.appending("colour: red\n"),
            Expected(24, 1, "colour", "unknown key 'colour'")),
        InvalidCase(
            "duplicateIndicatorIdAndTheIndicatorItHides", Base.replacing(11, with: "  - id: pass_rate"),
            Expected(11, 9, "indicators[1].id", "duplicate id 'pass_rate' (first at line 7)"),
            Expected(20, 24, "scoring.dimensions[0].indicators[1].indicator", "unknown indicator 'returns'")),
        InvalidCase(
            "duplicateKeysInAMappingAreAllReported",
            Base.replacing(12, with: "    value: \"1\"")
                .replacingOccurrences(of: "  total: 100\n", with: "  total: 100\n  total: 100\n"),
            Expected(13, 5, "indicators[1].value", "duplicate key 'value' (first at line 12)"),
            Expected(16, 3, "scoring.total", "duplicate key 'total' (first at line 15)")),
        InvalidCase(
            "weightSumMismatch",
            Base.replacing(20, with: "        - { indicator: returns, weight: 30, method: minmax }"),
            Expected(15, 10, "scoring.total", "indicator weights add up to 90, but total is 100")),
        InvalidCase(
            "weightMustBePositive",
            Base.replacing(
                19, with: "        - { indicator: pass_rate, weight: 0, method: target, floor: 85, target: 98 }"
            )
            .replacingOccurrences(of: "  total: 100", with: "  total: 40"),
            Expected(
                19, 43, "scoring.dimensions[0].indicators[0].weight", "weight must be greater than 0 (found 0)")),
        InvalidCase(
            "unknownIndicatorWithHint",
            Base.replacing(20, with: "        - { indicator: retruns, weight: 40, method: minmax }"),
            Expected(
                20, 24, "scoring.dimensions[0].indicators[1].indicator",
                "unknown indicator 'retruns'; did you mean 'returns'?")),
        InvalidCase(
            "indicatorScoredTwice",
            Base.replacing(20, with: "        - { indicator: pass_rate, weight: 40, method: minmax }"),
            Expected(
                20, 24, "scoring.dimensions[0].indicators[1].indicator",
                "indicator 'pass_rate' is scored twice (first at line 19)")),
        InvalidCase(
            "targetFloorEqualsTarget",
            Base.replacing(
                19, with: "        - { indicator: pass_rate, weight: 60, method: target, floor: 98, target: 98 }"),
            Expected(19, 70, "scoring.dimensions[0].indicators[0].floor", "floor must differ from target (both 98)")),
        InvalidCase(
            "lowerDirectionNeedsFloorAboveTarget",
            Base.replacing(
                20, with: "        - { indicator: returns, weight: 40, method: target, floor: 0, target: 10 }"),
            Expected(
                20, 68, "scoring.dimensions[0].indicators[1].floor",
                "with direction lower, floor must be greater than target (floor 0, target 10)")),
        InvalidCase(
            "bandWithoutMin",
            Base.replacing(
                20,
                with: "        - { indicator: returns, weight: 40, method: bands, direction: higher, "
                    + "bands: [ { min: 1, score: 1 }, { max: 3, score: 0.5 } ] }"),
            Expected(
                20, 110, "scoring.dimensions[0].indicators[1].bands[1]",
                "with direction higher, every band needs 'min'")),
        InvalidCase(
            "bandScoreAboveOne",
            Base.replacing(
                20,
                with: "        - { indicator: returns, weight: 40, method: bands, bands: [ { max: 0, score: 1.5 } ] }"),
            Expected(
                20, 86, "scoring.dimensions[0].indicators[1].bands[0].score",
                "score must be between 0 and 1 (found 1.5)")),
        InvalidCase(
            "floorOnAnotherMethod",
            Base.replacing(20, with: "        - { indicator: returns, weight: 40, method: minmax, floor: 3 }"),
            Expected(20, 61, "scoring.dimensions[0].indicators[1].floor", "'floor' applies only to method: target")),
        InvalidCase(
            "gradesWithoutMinZero", Base.replacing(23, with: "    - { id: fail, min: 10 }"),
            Expected(22, 5, "scoring.grades", "one grade must have min: 0")),
        InvalidCase(
            "duplicateGradeMin", Base.replacing(23, with: "    - { id: fail, min: 80 }"),
            Expected(22, 5, "scoring.grades", "one grade must have min: 0"),
            Expected(23, 24, "scoring.grades[1].min", "grade min 80 is already used by grade 'good'")),
        InvalidCase(
            "wrongTypeForWeight",
            Base.replacing(
                19, with: "        - { indicator: pass_rate, weight: \"60\", method: target, floor: 85, target: 98 }"),
            Expected(
                19, 43, "scoring.dimensions[0].indicators[0].weight",
                "expected a number (found a quoted string '60')")),
        InvalidCase(
            "wrongEnumValue", Base.replacing(12, with: "    direction: up"),
            Expected(12, 16, "indicators[1].direction", "expected one of: higher, lower (found 'up')")),
        InvalidCase(
            "missingRequiredKey", Base.replacing(13, with: "    unit: count"),
            Expected(11, 5, "indicators[1].value", "missing required key 'value'")),
    ]

    @Test(arguments: cases) func reportsEveryError(_ c: InvalidCase) {
        #expect(errors(c.yaml) == c.expected)
    }
}
