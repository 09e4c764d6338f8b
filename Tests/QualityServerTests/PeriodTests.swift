import BureauSim
import Foundation
import HTTPTypes
import HummingbirdTesting
import QualityCore
import QualityStore
import Synchronization
import Testing

@testable import QualityServer

/// `current_period: auto` across midnight of New Year's Eve in Shanghai.
@Suite struct PeriodTests {
    final class TestClock: Sendable {
        private let date: Mutex<Date>
        init(_ iso: String) { date = Mutex(RuntimePartsTests.date(iso)) }
        func set(_ iso: String) { date.withLock { $0 = RuntimePartsTests.date(iso) } }
        var now: Date { date.withLock { $0 } }
    }

    @Test func aNewPeriodIsPulledAndScoredAtOnce() async throws {
        let world = try TestWorld()
        // 23:59 on 31 December in Asia/Shanghai.
        let clock = TestClock("2025-12-31T15:59:00Z")
        try await SimServer.withServer(try TestWorld.simulator()) { port in
            try world.writeConfig(port: port)
            var options = world.options()
            options.now = { clock.now }
            options.periodCheck = .milliseconds(100)
            let daemon = try await buildDaemon(options)
            try await daemon.application.test(.live) { client in
                try await waitReady(daemon)
                #expect(await daemon.runtime.served?.period == "2025")

                // Five seconds past midnight: 2026 has begun; its sources are pulled without waiting
                // for their hourly tick, and its result replaces 2025's.
                clock.set("2025-12-31T16:00:05Z")
                try await eventually("the 2026 result", in: daemon) { await daemon.runtime.served?.period == "2026" }
                let info = try await client.metrics(prefix: "quality_assessment_period_info")
                #expect(info == [#"quality_assessment_period_info{period="2026"}"#: 1])
                #expect(try await client.metrics(prefix: "quality_district_score").count == 10)
                #expect(try await client.get("/api/v1/scores?period=2025").status == .ok)
                let runs = try await daemon.runtime.store.runs(period: nil, limit: 100, offset: 0)
                #expect(Set(runs.map(\.period)) == ["2025", "2026"])
            }
        }
    }
}
