import Foundation
import QualityCore
import Testing

@testable import QualityStore

@Suite struct RunStoreTests {
    typealias F = StoreFixtures

    @Test(arguments: StoreKind.allCases) func latestSuccessfulRunIsPerPeriodAndSkipsFailures(kind: StoreKind)
        async throws
    {
        try await StoreHarness.withStore(kind) { store in
            let r2024 = F.result(period: "2024", total: 70.5)
            let early = F.result(total: 80)
            let late = F.result(total: 90.125)
            let old = try await store.recordRun(F.run(period: "2024", at: 10), result: r2024)
            _ = try await store.recordRun(F.run(at: 20), result: early)
            let newest = try await store.recordRun(F.run(at: 30), result: late)
            let failure = try await store.recordRun(
                F.run(at: 40, status: .failure, error: "snapshot 2025: enterprises.X.name: expected a string"),
                resultJSON: nil)
            // A later success of another period does not hide 2025's.
            _ = try await store.recordRun(F.run(period: "2025Q1", at: 50), result: F.result(period: "2025Q1"))

            let latest = try #require(try await store.latestSuccessfulRun(period: "2025"))
            #expect(latest.run == newest)
            #expect(try latest.result().district(code: "330212")?.total == 90.125)
            #expect(try await store.latestSuccessfulRun(period: "2024")?.run == old)
            #expect(try await store.latestSuccessfulRun(period: "2023") == nil)
            #expect(try await store.previousPeriodRun(of: "2025")?.json == r2024.json(style: .compact))
            #expect(try await store.previousPeriodRun(of: "2025Q2")?.run.period == "2025Q1")
            #expect(try await store.previousPeriodRun(of: "2024") == nil)

            #expect(failure.resultSize == 0)
            #expect(failure.snapshotSHA256 == nil)
            let all = try await store.runs(period: nil, limit: 10, offset: 0)
            #expect(all.map(\.period) == ["2025Q1", "2025", "2025", "2025", "2024"])
            #expect(all[1] == failure)
            #expect(all[1].error == "snapshot 2025: enterprises.X.name: expected a string")
            let page = try await store.runs(period: "2025", limit: 2, offset: 1)
            #expect(page.map(\.status) == [.success, .success])
            #expect(page.first == newest)
        }
    }

    @Test(arguments: StoreKind.allCases) func olderResultsGiveWayButRunsStayListed(kind: StoreKind) async throws {
        try await StoreHarness.withStore(kind, resultsKept: 2) { store in
            for (n, total) in [70.0, 75, 80].enumerated() {
                _ = try await store.recordRun(F.run(at: Double(10 * (n + 1))), result: F.result(total: total))
            }
            let runs = try await store.runs(period: "2025", limit: 10, offset: 0)
            let size = F.result(total: 80).json(style: .compact).count
            #expect(runs.map(\.resultSize) == [size, size, 0])
            #expect(try await store.column("SELECT count(result_json) FROM scoring_runs") == ["2"])
            #expect(
                try await store.latestSuccessfulRun(period: "2025")?.json == F.result(total: 80).json(style: .compact))
        }
    }

    @Test func latestRunIsOneIndexLookup() async throws {
        try await F.withStore { store, _ in
            let plan = try await store.latestRunQueryPlan()
            #expect(plan.count == 1)
            #expect(plan.first?.contains("USING INDEX scoring_runs_with_result") == true)
        }
    }

    @Test(arguments: StoreKind.allCases) func aSuccessNeedsItsResultAndAPeriodMustParse(kind: StoreKind) async throws {
        try await StoreHarness.withStore(kind) { store async throws in
            await #expect(
                throws: StoreError.invalidArgument(
                    name: "resultJSON", message: "a successful run of 2025 needs its result")
            ) {
                try await store.recordRun(F.run(at: 1), resultJSON: nil)
            }
            await #expect(throws: StoreError.self) { try await store.previousPeriodRun(of: "last year") }
            let runs = try await store.runs(period: nil, limit: 10, offset: 0)
            #expect(runs.isEmpty)
        }
    }
}
