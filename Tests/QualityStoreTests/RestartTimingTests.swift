import Foundation
import QualityCore
import QualityStore
import Testing

/// Measures what a restart costs at national scale; prints, asserts no timing. Run with
/// `QUALITYSTORE_BENCH=1 swift test --filter RestartTimingTests`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["QUALITYSTORE_BENCH"] == "1"))
struct RestartTimingTests {
    typealias F = StoreFixtures

    static func award(_ n: Int) -> Award {
        let program = n % 2 == 0 ? "demo_enterprise" : "lab_cnas"
        let notes: AwardNotes = n % 3 == 0 ? [.budget] : []
        return Award(
            uscc: "91330212MA\(1_000_000 + n)", name: "宁波出口企业\(n)有限公司", district: "330212", program: program,
            requestedFen: 600_000, grantedFen: Int64(n % 7) * 10_000, notes: notes)
    }

    @Test func reopenAndReadALargeResult() async throws {
        try await F.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("qualityd.sqlite").path
            var result = F.result()
            result.subsidies.awards = (0..<340_000).map(Self.award)
            let json = result.json(style: .compact)
            let store = try SQLiteStore(path: path)
            let clock = ContinuousClock()
            let writeTime = try await clock.measure {
                _ = try await store.recordRun(F.run(at: 10), resultJSON: json)
            }
            try store.close()

            var reopened: SQLiteStore?
            var stored: StoredResult?
            let openTime = try clock.measure { reopened = try SQLiteStore(path: path) }
            let readTime = try await clock.measure { stored = try await reopened?.latestSuccessfulRun(period: "2025") }
            let parseTime = try clock.measure { _ = try stored?.result() }
            #expect(stored?.json == json)
            print(
                "result \(json.count) bytes: write \(writeTime), reopen \(openTime), read \(readTime), parse \(parseTime)"
            )
        }
    }
}
