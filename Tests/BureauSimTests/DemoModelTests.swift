import QualityCore
import Testing

@testable import BureauSim

/// The demo model scored on the simulator's own data, ingested from its endpoints: the story the
/// demo tells must hold (grades spread, 象山县 vetoed, budgets oversubscribed, once_per_years bites).
@Suite struct DemoModelTests {
    static func assess(world: World, year: Int) async throws -> (AssessmentResult, SimIngest) {
        let simulator = Simulator(world: world)
        let config = DemoConfig(world: world).config
        let model = try AssessmentModel(config: config)
        let ingest = try await SimIngest.pull(simulator, config, period: Period(year: year))
        return (model.assess(ingest.snapshot), ingest)
    }

    @Test func ningbo2026TellsTheDemosStory() async throws {
        let (result, ingest) = try await Self.assess(world: World(), year: 2026)
        #expect(ingest.rejects.isEmpty)
        #expect(ingest.accepted["jxj_registry"] == 3000 && ingest.accepted["ciq_sampling"] == 12000)
        #expect(result.rejected.isEmpty)

        let grades = Dictionary(uniqueKeysWithValues: result.districts.map { ($0.code, $0.grade ?? "-") })
        #expect(
            grades == [
                "330203": "good", "330205": "pass", "330206": "excellent", "330211": "fail", "330212": "excellent",
                "330213": "fail", "330225": "fail", "330226": "fail", "330281": "pass", "330282": "good",
            ])
        // 象山县 scores a pass but its major incident vetoes it; no other district is vetoed.
        let xiangshan = try #require(result.district(code: "330225"))
        #expect(xiangshan.vetoedBy == ["major_incident"])
        #expect((xiangshan.total ?? 0) > 60)
        #expect(result.districts.filter { !$0.vetoedBy.isEmpty }.count == 1)
        #expect(result.districts.allSatisfy { !$0.incomplete && $0.indicators.count == 8 })

        // Oversubscribed: the overall budget is all granted, every award cut pro rata.
        let s = result.subsidies
        #expect(s.budgetFen == 800_000_000)
        #expect(s.grantedFen == 800_000_000)
        #expect(s.requestedFen == 1_318_520_000)
        #expect(s.awards.count == 183)
        #expect(s.awards.allSatisfy { $0.notes.contains(.budget) })
        #expect(s.awards.filter { $0.program == "standards" }.allSatisfy { $0.notes.contains(.programBudget) })
        #expect(Set(s.awards.map(\.program)).count == 6)

        var excluded: [String: Int] = [:]
        for e in s.excluded { excluded["\(e.program):\(e.reason)", default: 0] += 1 }
        #expect(excluded["demo_enterprise:once_per_years", default: 0] > 0)
        #expect(excluded["lab_cnas:once_per_years", default: 0] > 0)
        #expect(excluded["district_award:group", default: 0] > 0)

        // The enterprise behind the incident is ineligible for any reward.
        let incident = try #require(
            try Simulator(world: World()).items("/scj/incidents?period=2026").first { $0.string("level") == "重大" })
        let uscc = try #require(incident.string("uscc"))
        #expect(s.ineligible.first { $0.uscc == uscc }?.reasons.contains("no_major_incident") == true)
    }

    @Test(arguments: [2025, 2027])
    func otherYearsAlsoSpreadOverAllFourGrades(year: Int) async throws {
        let (result, _) = try await Self.assess(world: World(), year: year)
        #expect(Set(result.districts.compactMap(\.grade)) == ["excellent", "good", "pass", "fail"])
        #expect(result.district(code: "330225")?.vetoedBy == ["major_incident"])
        #expect(result.subsidies.requestedFen > result.subsidies.grantedFen)
    }

    @Test func aSyntheticWorldScoresWithItsOwnConfig() async throws {
        let world = World(seed: 5, districts: 30, enterprises: 3000)
        let (result, ingest) = try await Self.assess(world: world, year: 2026)
        #expect(ingest.rejects.isEmpty)
        #expect(result.districts.count == 30)
        #expect(result.districts.allSatisfy { $0.enterprises == 100 })
        #expect(Set(result.districts.compactMap(\.grade)).count >= 3)
        #expect(result.subsidies.budgetFen == 800_000_000)
        #expect(result.subsidies.requestedFen > result.subsidies.grantedFen)
    }
}
