import Foundation
import QualityConfig
import QualityCore
import Testing

/// Dated policy versions (docs/CONFIG.md, "policy_versions"): which version a period gets, what
/// its hash depends on, and where `check` reports a version's problems. Line numbers refer to
/// `Base.lines` (TestSupport.swift); a version appended after it starts at line 24.
@Suite struct PolicyVersionTests {
    /// A 2027 version that moves weight from pass_rate to returns (60/40 → 30/70).
    static let version2027 = """
        policy_versions:
          - id: "2027"
            from: 2027
            scoring:
              total: 100
              dimensions:
                - id: safety
                  indicators:
                    - { indicator: pass_rate, weight: 30, method: target, floor: 85, target: 98 }
                    - { indicator: returns, weight: 70, method: minmax }
              grades:
                - { id: good, min: 80 }
                - { id: fail, min: 0 }

        """

    @Test func eachPeriodGetsTheVersionInForce() throws {
        let loaded = try load("policy: { id: rules-2025, from: 2025 }\n" + Base.text + Self.version2027)
        #expect(try loaded.model(for: "2025").policy.id == "rules-2025")
        #expect(try loaded.model(for: "2026").policy.id == "rules-2025")
        #expect(try loaded.model(for: "2027").policy.id == "2027")
        #expect(try loaded.model(for: "2031").policy.id == "2027")
        #expect(try loaded.model(for: "2026").config.scoring.entries.map(\.weight) == [60, 40])
        #expect(try loaded.model(for: "2027").config.scoring.entries.map(\.weight) == [30, 70])
        // The sections a version does not give are the previous version's.
        #expect(try loaded.model(for: "2027").config.indicators.map(\.id) == ["pass_rate", "returns"])
    }

    @Test func aPeriodBeforeTheFirstVersionIsAnErrorNamingIt() throws {
        let loaded = try load("policy: { id: rules-2025, from: 2025 }\n" + Base.text)
        #expect(throws: PolicyError.self) { try loaded.model(for: "2024") }
        do {
            _ = try loaded.model(for: "2024")
        } catch {
            #expect(
                error.description == "period 2024 is before the first policy version ('rules-2025', in force from 2025)"
            )
        }
        // Without policy.from the base version has no lower bound.
        #expect(try load(Base.text).model(for: "1999").policy.id == "base")
    }

    @Test func addingALaterVersionChangesNoEarlierIdentity() throws {
        let before = try load(Base.text)
        let after = try load(Base.text + "\n# from 2027 on\n" + Self.version2027)
        #expect(try after.model(for: "2026").policy == before.model(for: "2026").policy)
        #expect(try after.model(for: "2027").policy != before.model(for: "2027").policy)
        // config_sha256 of results leaves the section (and the comment above it) out: the file before.
        #expect(before.resultSHA256 == before.sha256)
        #expect(after.resultSHA256 == before.sha256)
        #expect(after.sha256 != before.sha256)
        // Inserted between two top-level keys, with blank lines around it, the same.
        let between = Base.text.replacingOccurrences(
            of: "scoring:\n", with: "\n" + Self.version2027 + "\nscoring:\n")
        let middle = try load(between)
        #expect(
            middle.resultSHA256
                == SHA256.hex(Array(Base.text.replacingOccurrences(of: "scoring:\n", with: "\nscoring:\n").utf8)))
    }

    @Test func theCanonicalFormIgnoresLayoutButNotRules() throws {
        let base = try load(Base.text).policies.base.policy
        let reformatted = try load(
            Base.replacing(
                19,
                with:
                    "        - indicator: pass_rate\n          weight: 60\n          method: target\n          floor: 85\n          target: 98  # comment"
            )
        ).policies.base.policy
        #expect(reformatted == base)
        let reweighted = try load(
            Base.replacing(
                19, with: "        - { indicator: pass_rate, weight: 60, method: target, floor: 80, target: 98 }")
        ).policies.base.policy
        #expect(reweighted.sha256 != base.sha256)
        #expect(base.sha256.count == 64)
    }

    @Test func checkReportsAVersionsErrorsAtTheirLinesAndKeepsTheOthers() {
        // A top-level error at line 15 stays where it was; the version's at its own line and key.
        let yaml =
            Base.replacing(20, with: "        - { indicator: returns, weight: 30, method: minmax }")
            + Self.version2027.replacingOccurrences(of: "      total: 100", with: "      totl: 100")
        #expect(
            errors(yaml) == [
                Expected(15, 10, "scoring.total", "indicator weights add up to 90, but total is 100"),
                Expected(
                    28, 7, "policy_versions[0].scoring.totl", "unknown key 'totl'; did you mean 'total'?"),
            ])
        let weights = Base.text + Self.version2027.replacingOccurrences(of: "weight: 70", with: "weight: 75")
        #expect(
            errors(weights) == [
                Expected(
                    28, 14, "policy_versions[0].scoring.total", "indicator weights add up to 105, but total is 100")
            ])
    }

    @Test func versionsComeInOrderWithDistinctIds() {
        let yaml =
            "policy: { id: \"2027\", from: 2026 }\n" + Base.text
            + Self.version2027.replacingOccurrences(of: "from: 2027", with: "from: 2025")
        #expect(
            errors(yaml) == [
                Expected(
                    26, 9, "policy_versions[0].id", "duplicate id '2027': it names the top-level policy (policy.id)"),
                Expected(27, 11, "policy_versions[0].from", "from 2025 must come after 2026 (policy.from)"),
            ])
    }

    @Test func anExpressionErrorInAVersionIsPlacedInIt() {
        let yaml =
            Base.text
                + """
                policy_versions:
                  - id: later
                    from: 2027
                    subsidies:
                      programs:
                        - { id: p, name: P, when: "exports >", amount_yuan: 100 }

                """
        let found = errors(yaml) ?? []
        #expect(found.count == 1)
        #expect(found.first?.line == 29)
        #expect(found.first?.key == "policy_versions[0].subsidies.programs[0].when")
    }
}
