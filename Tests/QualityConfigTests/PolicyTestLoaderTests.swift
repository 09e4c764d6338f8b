import Foundation
import QualityConfig
import QualityCore
import TestFixtures
import Testing

/// docs/SEMANTICS.md §16: policy test files read with the config's errors, cases run against a
/// config, and the first difference of a failed case named.
@Suite struct PolicyTestLoaderTests {
    static let root = TestFixtures.directory.deletingLastPathComponent().deletingLastPathComponent()

    static func demo() throws -> LoadedConfig {
        try ConfigLoader.load(path: root.appendingPathComponent("config.yaml").path, environment: [:])
    }

    static func cases(_ yaml: String) throws(ConfigErrors) -> [PolicyTestCase] {
        try PolicyTestLoader.load(bytes: Array(yaml.utf8), file: "t.yaml")
    }

    static func messages(_ yaml: String) -> [String] {
        do {
            _ = try cases(yaml)
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    /// One enterprise of district 330203 with full marks on every indicator of the demo config.
    static let oneDistrict = """
        cases:
          - name: full marks
            period: "2025"
            districts:
              "330203": { complaints: 20 }
            enterprises:
              91330203MA00000010: { district: 330203, batches_passed: 98, batches_sampled: 100, cnas_labs: 1, standards_led: 1, demo_enterprise: 1, awards: [city_export_quality_award], issues_found: 2, issues_rectified: 2, ccc_days_total: 2, ccc_applications: 1 }
            expect:
              tolerance: 0.001
              districts:
                "330203": { total: 99, rank: 1, grade: excellent, vetoed_by: [], points: { sampling_pass_rate: 20 } }
              awards:
                - { uscc: 91330203MA00000010, program: demo_enterprise, granted_yuan: 200000 }
              excluded:
                - { uscc: 91330203MA00000010, program: city_award, reason: group }
                - { uscc: 91330203MA00000010, program: standards, reason: no_amount }
              granted_yuan: 200000

        """

    @Test func theShippedDemoTestsPass() throws {
        let cases = try PolicyTestLoader.load(path: Self.root.appendingPathComponent("policy-tests.yaml").path)
        #expect(cases.count >= 12)
        let outcomes = PolicyTestRunner(model: try Self.demo().model).run(cases)
        #expect(outcomes.filter { !$0.passed }.map { "\($0.name): \($0.differences)" } == [])
    }

    @Test func aCaseThatHoldsPasses() throws {
        let cases = try Self.cases(Self.oneDistrict)
        #expect(cases.map(\.name) == ["full marks"])
        #expect(cases[0].location == SourceLocation(file: "t.yaml", line: 2, column: 5))
        #expect(cases[0].enterprises["91330203MA00000010"]?["district"] == .string("330203"))
        #expect(cases[0].expect.awards?.first?.grantedFen == 20_000_000)
        let outcome = PolicyTestRunner(model: try Self.demo().model).run(cases[0])
        #expect(outcome.differences == [])
    }

    @Test func aWrongExpectationFailsWithItsFirstDifference() throws {
        let yaml = Self.oneDistrict.replacing(
            "total: 99, rank: 1, grade: excellent", with: "total: 98, rank: 2, grade: good"
        )
        .replacing("granted_yuan: 200000 }", with: "granted_yuan: 150000 }")
        let outcome = PolicyTestRunner(model: try Self.demo().model).run(try Self.cases(yaml)[0])
        #expect(!outcome.passed)
        #expect(
            outcome.differences == [
                "district 330203 total: expected 98.0 (± 0.001), got 99.0",
                "district 330203 rank: expected 2, got 1",
                "district 330203 grade: expected good, got excellent",
                "award 91330203MA00000010 demo_enterprise granted: expected 150,000.00 yuan, got 200,000.00 yuan",
            ])
    }

    @Test func missingAndExtraAwardsAreDifferences() throws {
        let yaml = Self.oneDistrict.replacing("program: demo_enterprise", with: "program: city_award")
            .replacing("program: city_award, reason: group", with: "program: district_award, reason: group")
        let outcome = PolicyTestRunner(model: try Self.demo().model).run(try Self.cases(yaml)[0])
        #expect(
            outcome.differences == [
                "award 91330203MA00000010 city_award: expected, but there is no such award",
                "award 91330203MA00000010 demo_enterprise: not expected, got 200,000.00 yuan",
                "excluded 91330203MA00000010 district_award: expected group, but it is not excluded",
                "excluded 91330203MA00000010 city_award: not expected, got group",
            ])
    }

    @Test func mistakesInTheFileHaveLineAndColumn() {
        let yaml = """
            cases:
              - name: a
                period: "2025Q5"
                enterprises:
                  91330203MA00000017: { district: "330203" }
                expect:
                  districts:
                    "330203": { totl: 3 }
              - period: "2025"
                payouts:
                  - { uscc: x, program: p, year: 2024 }
            """
        #expect(
            Self.messages(yaml) == [
                "t.yaml:3:13: cases[0].period: expected a period such as 2025, 2025Q3 or 2025-07 (found '2025Q5')",
                "t.yaml:5:7: cases[0].enterprises.91330203MA00000017: '91330203MA00000017' is not a valid USCC "
                    + "(check character 0?)",
                "t.yaml:8:21: cases[0].expect.districts.330203.totl: unknown key 'totl'; did you mean 'total'?",
                "t.yaml:9:5: cases[1].name: missing required key 'name'",
                "t.yaml:11:9: cases[1].payouts[0].granted_yuan: missing required key 'granted_yuan'",
            ])
    }

    @Test func invalidYAMLIsOneIssueWithItsPlace() {
        let messages = Self.messages("cases:\n  - name: [a\n")
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("t.yaml:3:1: invalid YAML") == true)
    }

    @Test func twoCasesWithOneNameAreRefused() {
        let yaml = """
            cases:
              - { name: a, period: "2025" }
              - { name: a, period: "2025" }
            """
        #expect(Self.messages(yaml) == ["t.yaml:3:5: cases: case name 'a' is used twice (first at line 2)"])
    }
}
