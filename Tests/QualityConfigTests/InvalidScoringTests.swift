import Foundation
import QualityConfig
import QualityCore
import Testing

/// Invalid scoring sections: each case asserts every error, its exact text, line and column.
/// Line numbers refer to `Base.lines` (see TestSupport.swift).
@Suite struct InvalidScoringTests {
    @Test func unknownKeyWithHint() {
        #expect(
            errors(Base.replacing(15, with: "  totl: 100")) == [
                Expected(15, 3, "scoring.totl", "unknown key 'totl'; did you mean 'total'?")
            ])
    }

    @Test func unknownKeyWithCaseInsensitiveHintAndTheMissingKey() {
        let yaml = Base.replacing(20, with: "        - { indicator: returns, Weight: 40, method: minmax }")
        #expect(
            errors(yaml) == [
                Expected(20, 11, "scoring.dimensions[0].indicators[1].weight", "missing required key 'weight'"),
                Expected(
                    20, 33, "scoring.dimensions[0].indicators[1].Weight", "unknown key 'Weight'; did you mean 'weight'?"
                ),
            ])
    }

    @Test func unknownTopLevelKeyWithoutHint() {
        #expect(errors(Base.appending("colour: red\n")) == [Expected(24, 1, "colour", "unknown key 'colour'")])
    }

    @Test func duplicateIndicatorIdAndTheIndicatorItHides() {
        #expect(
            errors(Base.replacing(11, with: "  - id: pass_rate")) == [
                Expected(11, 9, "indicators[1].id", "duplicate id 'pass_rate' (first at line 7)"),
                Expected(20, 24, "scoring.dimensions[0].indicators[1].indicator", "unknown indicator 'returns'"),
            ])
    }

    @Test func duplicateKeysInAMappingAreAllReported() {
        var yaml = Base.replacing(12, with: "    value: \"1\"")
        yaml = yaml.replacingOccurrences(of: "  total: 100\n", with: "  total: 100\n  total: 100\n")
        #expect(
            errors(yaml) == [
                Expected(13, 5, "indicators[1].value", "duplicate key 'value' (first at line 12)"),
                Expected(16, 3, "scoring.total", "duplicate key 'total' (first at line 15)"),
            ])
    }

    @Test func weightSumMismatch() {
        #expect(
            errors(Base.replacing(20, with: "        - { indicator: returns, weight: 30, method: minmax }")) == [
                Expected(15, 10, "scoring.total", "indicator weights add up to 90, but total is 100")
            ])
    }

    @Test func weightMustBePositive() {
        let yaml = Base.replacing(
            19, with: "        - { indicator: pass_rate, weight: 0, method: target, floor: 85, target: 98 }"
        )
        .replacingOccurrences(of: "  total: 100", with: "  total: 40")
        #expect(
            errors(yaml) == [
                Expected(
                    19, 43, "scoring.dimensions[0].indicators[0].weight", "weight must be greater than 0 (found 0)")
            ])
    }

    @Test func unknownIndicatorWithHint() {
        #expect(
            errors(Base.replacing(20, with: "        - { indicator: retruns, weight: 40, method: minmax }")) == [
                Expected(
                    20, 24, "scoring.dimensions[0].indicators[1].indicator",
                    "unknown indicator 'retruns'; did you mean 'returns'?")
            ])
    }

    @Test func indicatorScoredTwice() {
        #expect(
            errors(Base.replacing(20, with: "        - { indicator: pass_rate, weight: 40, method: minmax }")) == [
                Expected(
                    20, 24, "scoring.dimensions[0].indicators[1].indicator",
                    "indicator 'pass_rate' is scored twice (first at line 19)")
            ])
    }

    @Test func targetFloorEqualsTarget() {
        let line = "        - { indicator: pass_rate, weight: 60, method: target, floor: 98, target: 98 }"
        #expect(
            errors(Base.replacing(19, with: line)) == [
                Expected(19, 70, "scoring.dimensions[0].indicators[0].floor", "floor must differ from target (both 98)")
            ])
    }

    @Test func lowerDirectionNeedsFloorAboveTarget() {
        let line = "        - { indicator: returns, weight: 40, method: target, floor: 0, target: 10 }"
        #expect(
            errors(Base.replacing(20, with: line)) == [
                Expected(
                    20, 68, "scoring.dimensions[0].indicators[1].floor",
                    "with direction lower, floor must be greater than target (floor 0, target 10)")
            ])
    }

    @Test func bandWithoutMin() {
        let line =
            "        - { indicator: returns, weight: 40, method: bands, direction: higher, "
            + "bands: [ { min: 1, score: 1 }, { max: 3, score: 0.5 } ] }"
        #expect(
            errors(Base.replacing(20, with: line)) == [
                Expected(
                    20, 110, "scoring.dimensions[0].indicators[1].bands[1]",
                    "with direction higher, every band needs 'min'")
            ])
    }

    @Test func bandScoreAboveOne() {
        let line = "        - { indicator: returns, weight: 40, method: bands, bands: [ { max: 0, score: 1.5 } ] }"
        #expect(
            errors(Base.replacing(20, with: line)) == [
                Expected(
                    20, 86, "scoring.dimensions[0].indicators[1].bands[0].score",
                    "score must be between 0 and 1 (found 1.5)")
            ])
    }

    @Test func floorOnAnotherMethod() {
        let line = "        - { indicator: returns, weight: 40, method: minmax, floor: 3 }"
        #expect(
            errors(Base.replacing(20, with: line)) == [
                Expected(20, 61, "scoring.dimensions[0].indicators[1].floor", "'floor' applies only to method: target")
            ])
    }

    @Test func gradesWithoutMinZero() {
        #expect(
            errors(Base.replacing(23, with: "    - { id: fail, min: 10 }")) == [
                Expected(22, 5, "scoring.grades", "one grade must have min: 0")
            ])
    }

    @Test func duplicateGradeMin() {
        #expect(
            errors(Base.replacing(23, with: "    - { id: fail, min: 80 }")) == [
                Expected(22, 5, "scoring.grades", "one grade must have min: 0"),
                Expected(23, 24, "scoring.grades[1].min", "grade min 80 is already used by grade 'good'"),
            ])
    }

    @Test func wrongTypeForWeight() {
        let line = "        - { indicator: pass_rate, weight: \"60\", method: target, floor: 85, target: 98 }"
        #expect(
            errors(Base.replacing(19, with: line)) == [
                Expected(
                    19, 43, "scoring.dimensions[0].indicators[0].weight",
                    "expected a number (found a quoted string '60')")
            ])
    }

    @Test func wrongEnumValue() {
        #expect(
            errors(Base.replacing(12, with: "    direction: up")) == [
                Expected(12, 16, "indicators[1].direction", "expected one of: higher, lower (found 'up')")
            ])
    }

    @Test func missingRequiredKey() {
        #expect(
            errors(Base.replacing(13, with: "    unit: count")) == [
                Expected(11, 5, "indicators[1].value", "missing required key 'value'")
            ])
    }
}
