import Foundation
import QualityCore
import Testing

@testable import QualityConfig

@Suite struct EnvironmentSubstitutionTests {
    func substitute(_ text: String, _ env: [String: String] = [:]) -> String? {
        try? EnvironmentSubstitution.substitute(text, environment: env).get()
    }

    @Test func replacesVariables() {
        #expect(substitute("Bearer ${TOKEN}", ["TOKEN": "s3cret"]) == "Bearer s3cret")
        #expect(substitute("${A}${B}-${A}", ["A": "x", "B": "y"]) == "xy-x")
        #expect(substitute("no dollars here") == "no dollars here")
    }

    @Test func fallsBackToTheDefault() {
        #expect(substitute("${BASE:-http://127.0.0.1:9471}/a") == "http://127.0.0.1:9471/a")
        #expect(substitute("${BASE:-http://127.0.0.1:9471}/a", ["BASE": "https://b"]) == "https://b/a")
        // As in the shell, an empty value also takes the default.
        #expect(substitute("${BASE:-d}", ["BASE": ""]) == "d")
        #expect(substitute("${BASE:-}") == "")
        #expect(substitute("${BASE}", ["BASE": ""]) == "")
    }

    @Test func doubleDollarIsALiteralDollar() {
        #expect(substitute("price $$5 and $${NOT}", ["NOT": "x"]) == "price $5 and ${NOT}")
        #expect(substitute("a lone $ stays") == "a lone $ stays")
        #expect(substitute("ends with $") == "ends with $")
    }

    @Test func reportsEveryProblem() {
        let result = EnvironmentSubstitution.substitute("${A} ${1B} ${C", environment: [:])
        #expect(throws: EnvironmentSubstitution.Problems(list: [.unset("A"), .invalidName("1B"), .unterminated])) {
            try result.get()
        }
    }

    @Test func appliesToEveryStringScalarOfAConfig() throws {
        let yaml = Base.replacing(5, with: "  - { code: \"${CODE}\", name: { zh: \"${ZH:-鄞州区}\", en: 'Yin$$zhou' } }")
        let loaded = try load(yaml, environment: ["CODE": "330212"])
        #expect(loaded.config.districts[1].code == "330212")
        #expect(loaded.config.districts[1].name == LocalizedText(zh: "鄞州区", en: "Yin$zhou"))
    }

    @Test func numbersMayComeFromTheEnvironment() throws {
        let yaml = Base.appending("subsidies:\n  budget_yuan: ${BUDGET:-600000}\n")
        #expect(try load(yaml).config.subsidies.budgetYuan == 600_000)
        #expect(try load(yaml, environment: ["BUDGET": "1.5e6"]).config.subsidies.budgetYuan == 1_500_000)
        #expect(
            errors(yaml, environment: ["BUDGET": "lots"]) == [
                Expected(25, 16, "subsidies.budget_yuan", "expected a number (found 'lots')")
            ])
    }

    @Test func sha256IsOverTheRawBytes() throws {
        let yaml = Base.appending("server:\n  listen: \"${LISTEN:-127.0.0.1:9470}\"\n")
        let a = try load(yaml)
        let b = try load(yaml, environment: ["LISTEN": "0.0.0.0:80"])
        #expect(b.config.server.listen == "0.0.0.0:80")
        #expect(a.sha256 == b.sha256)
        #expect(a.sha256 == SHA256.hex(Array(yaml.utf8)))
        let substituted = yaml.replacingOccurrences(of: "${LISTEN:-127.0.0.1:9470}", with: "127.0.0.1:9470")
        #expect(try load(substituted).sha256 != a.sha256)
        // A byte order mark is part of the bytes as written, though the YAML ignores it.
        let withBOM = try ConfigLoader.load(
            bytes: [0xEF, 0xBB, 0xBF] + Array(yaml.utf8), file: "b.yaml", environment: [:])
        #expect(withBOM.sha256 == SHA256.hex([0xEF, 0xBB, 0xBF] + Array(yaml.utf8)))
        #expect(withBOM.config.districts[0].location == SourceLocation(file: "b.yaml", line: 4, column: 5))
    }
}
