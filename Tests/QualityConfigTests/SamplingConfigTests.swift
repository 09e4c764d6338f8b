import QualityConfig
import QualityCore
import Testing

/// The `sampling` section: decoding, and every error with its line and column (the section
/// starts at line 24, after `Base`).
@Suite struct SamplingConfigTests {
    static let valid = """
        sampling:
          risk_score: "3 * coalesce(returns, 0) + 5 * coalesce(notifications, 0)"
          classes:
            - { id: A, name: { zh: 低风险, en: Low risk }, min_score: 0, ratio: 0.05 }
            - { id: D, min_score: 10, ratio: 0.5 }
          min_per_stratum: 2
          inspectors:
            - { id: i1, name: 张伟, district: "330203" }
            - { id: i2, name: 王芳, district: "330203" }
            - { id: i3, name: 李娜, district: "330212" }
            - { id: i4, name: 刘洋, district: "330212", active: false }
            - { id: i5, name: 陈静, district: "330212" }

        """

    @Test func decodesTheSection() throws {
        let loaded = try load(Base.appending(Self.valid))
        let s = try #require(loaded.config.sampling)
        #expect(s.riskScore.text == "3 * coalesce(returns, 0) + 5 * coalesce(notifications, 0)")
        #expect(s.classes.map(\.id) == ["A", "D"])
        #expect(s.classes.map(\.minScore) == [0, 10])
        #expect(s.classes.map(\.ratio) == [0.05, 0.5])
        #expect(s.classes[0].name == LocalizedText(zh: "低风险", en: "Low risk"))
        #expect(s.minPerStratum == 2)
        #expect(s.inspectors.map(\.id) == ["i1", "i2", "i3", "i4", "i5"])
        #expect(s.inspectors.map(\.active) == [true, true, true, false, true])
        #expect(s.inspectors[3].district == "330212")
        let model = try #require(loaded.model.sampling)
        #expect(model.riskClass(score: 9.5)?.id == "A")
        #expect(model.riskClass(score: 10)?.id == "D")
        #expect(model.riskClass(score: -1)?.id == "A")
    }

    @Test func absentSectionIsNil() throws {
        #expect(try load(Base.text).config.sampling == nil)
    }

    @Test func reportsEveryProblemWithLineAndColumn() {
        let yaml = Base.appending(
            """
            sampling:
              risk_score: "3 * sum(returns)"
              classes:
                - { id: A, min_score: 0, ratio: 0.05 }
                - { id: B, min_score: 0, ratio: 1.5 }
                - { id: A, min_scor: 5, ratio: 0.12345 }
              min_per_stratum: -1
              inspectors:
                - { id: i1, district: "330203" }
                - { id: i2, district: "33O203" }

            """)
        #expect(
            errors(yaml) == [
                Expected(25, 20, "sampling.risk_score", Self.aggregateMessage),
                Expected(28, 27, "sampling.classes[1].min_score", "min_score 0 is already used by class 'A'"),
                Expected(28, 37, "sampling.classes[1].ratio", "ratio must be between 0 and 1 (found 1.5)"),
                Expected(29, 7, "sampling.classes[2].min_score", "missing required key 'min_score'"),
                Expected(29, 13, "sampling.classes[2].id", "duplicate id 'A' (first at line 27)"),
                Expected(29, 16, "sampling.classes[2].min_scor", "unknown key 'min_scor'; did you mean 'min_score'?"),
                Expected(29, 36, "sampling.classes[2].ratio", "ratio has at most four decimals (found 0.12345)"),
                Expected(30, 20, "sampling.min_per_stratum", "must not be negative (found -1)"),
                Expected(
                    33, 27, "sampling.inspectors[1].district", "unknown district '33O203'; did you mean '330203'?"),
            ])
    }

    static let aggregateMessage =
        "aggregate 'sum' is allowed only in district context (indicators, bonus, penalties, veto)"

    @Test func everyDistrictNeedsTwoActiveInspectorsFromElsewhere() {
        let yaml = Base.appending(
            """
            sampling:
              risk_score: "coalesce(returns, 0)"
              classes: [ { id: A, min_score: 0, ratio: 0.1 } ]
              inspectors:
                - { id: i1, district: "330203" }
                - { id: i2, district: "330203", active: false }
                - { id: i3, district: "330212" }
                - { id: i4, district: "330212" }

            """)
        #expect(
            errors(yaml) == [
                Expected(
                    28, 5, "sampling.inspectors",
                    "district 330212 has 1 active inspector from other districts; each inspection needs 2")
            ])
    }

    @Test func requiredKeys() {
        #expect(
            errors(Base.appending("sampling: { min_per_stratum: 1 }\n")) == [
                Expected(24, 11, "sampling.risk_score", "missing required key 'risk_score'"),
                Expected(24, 11, "sampling.classes", "missing required key 'classes'"),
                Expected(24, 11, "sampling.inspectors", "missing required key 'inspectors'"),
            ])
    }
}
