import Foundation
import QualityCore
import Testing

@testable import QualityStore

/// A period's sampling plan is drawn once, refused a second time, and drawable again only after
/// a revoke with a reason; each step is audited.
@Suite struct SamplingPlanStoreTests {
    typealias F = StoreFixtures

    static func plan(_ seed: String) -> NewSamplingPlan {
        NewSamplingPlan(
            period: "2025", seed: seed, inputSHA256: String(repeating: "ab", count: 32), population: 120,
            selected: 14, json: Array(#"{"seed":"\#(seed)"}"#.utf8))
    }

    @Test(arguments: StoreKind.allCases) func drawRefuseRevokeDrawAgain(kind: StoreKind) async throws {
        try await StoreHarness.withStore(kind) { store in
            #expect(try await store.samplingPlan(period: "2025") == nil)

            let first = try #require(
                try await store.freezeSamplingPlan(Self.plan("s1"), by: "admin", at: F.time(60)).frozen,
                "the first draw was not frozen")
            #expect(first.status == .drawn && first.seed == "s1" && first.selected == 14 && first.population == 120)
            #expect(first.sha256 == SHA256.hex(Array(#"{"seed":"s1"}"#.utf8)))
            #expect(first.drawnAt == F.time(60))

            let second = try await store.freezeSamplingPlan(Self.plan("s2"), by: "admin", at: F.time(120))
            #expect(second == .alreadyDrawn(first))
            #expect(try await store.samplingPlan(period: "2025")?.json == Array(#"{"seed":"s1"}"#.utf8))

            await #expect(throws: StoreError.self) {
                try await store.revokeSamplingPlan(period: "2025", by: "admin", reason: "  ", at: F.time(130))
            }
            let revoked = try await store.revokeSamplingPlan(
                period: "2025", by: "admin", reason: "wrong population", at: F.time(180))
            #expect(revoked?.status == .revoked && revoked?.revokeReason == "wrong population")
            #expect(
                try await store.revokeSamplingPlan(period: "2025", by: "admin", reason: "again", at: F.time(190)) == nil
            )
            #expect(try await store.samplingPlan(period: "2025") == nil)

            let third = try #require(
                try await store.freezeSamplingPlan(Self.plan("s3"), by: "root", at: F.time(240)).frozen,
                "the draw after a revoke was not frozen")
            #expect(try await store.samplingPlansInForce().map(\.id) == [third.id])
            #expect(try await store.samplingPlanHistory(period: "2025").map(\.seed) == ["s3", "s1"])
            let audit = try await store.auditLog(limit: 10, offset: 0)
            #expect(audit.map(\.action) == [.samplingDraw, .samplingRevoke, .samplingDraw])
            #expect(
                audit.last?.detail == "plan #1: seed s1, 14 of 120 enterprises, input_sha256 "
                    + String(repeating: "ab", count: 32))
            #expect(audit[1].detail == "plan #1 (seed s1); reason: wrong population")
        }
    }
}

extension SamplingFreeze {
    /// The plan the draw froze; nil when the period already had one.
    var frozen: SamplingPlanRecord? {
        if case .frozen(let record) = self { record } else { nil }
    }
}
