import Foundation
import QualityCore
import QualityPostgres
import Testing

@testable import QualityStore

/// Every table moves from SQLite to PostgreSQL and back with identical row counts and digests.
@Suite struct StoreCopyTests {
    typealias F = StoreFixtures

    /// A store with rows in every table, a revoked and a confirmed list, a revoked sampling plan.
    static func populate(_ store: some Store) async throws {
        for n in 0..<5 {
            _ = try await store.recordPull(F.pull(source: n % 2 == 0 ? "ciq_sampling" : "mofcom_awards", at: Double(n)))
        }
        _ = try await store.recordPull(F.pull(source: "ciq_sampling", at: 9, status: .timeout))
        _ = try await store.saveSnapshot(F.snapshot(), createdAt: F.time(10))
        _ = try await store.saveSnapshot(F.snapshot(period: "2024"), createdAt: F.time(11))
        _ = try await store.recordRun(F.run(at: 20), result: F.result())
        _ = try await store.recordRun(F.run(at: 21, status: .failure, error: "snapshot 2025: 坏了"), resultJSON: nil)
        let labels = Array(#"{"programs":[{"id":"lab_cnas","zh":"实验室奖励"}]}"#.utf8)
        _ = try await store.publishList(
            F.result(), labelsJSON: labels, noticeStart: F.time(0), noticeEnd: F.time(1), by: "finance-li",
            at: F.time(30))
        _ = try await store.confirmList(period: "2025", by: "finance-wang", at: F.time(31))
        _ = try await store.revokeList(period: "2025", by: "admin-zhao", reason: "证书过期", at: F.time(32))
        _ = try await store.publishList(
            F.result(total: 88), noticeStart: F.time(0), noticeEnd: F.time(1), by: "finance-li", at: F.time(33))
        _ = try await store.confirmList(period: "2025", by: "finance-wang", at: F.time(34))
        let plan = NewSamplingPlan(
            period: "2025", seed: "s1", inputSHA256: String(repeating: "ab", count: 32), population: 120, selected: 14,
            json: Array(#"{"seed":"s1"}"#.utf8))
        _ = try await store.freezeSamplingPlan(plan, by: "admin", at: F.time(40))
        _ = try await store.revokeSamplingPlan(period: "2025", by: "admin", reason: "wrong population", at: F.time(41))
        _ = try await store.appendAudit(
            AuditEntry(at: F.time(50), who: "cli:root", action: .export, period: "2025", sha256: "00", rows: 2))
        let correction = try await store.proposeCorrection(
            NewCorrection(
                period: "2025", entity: .district, key: "330225", fact: "major_incidents", valueJSON: "0",
                reason: "事故发生在宁海县", evidence: "甬质监〔2025〕12号"), by: "finance-li", at: F.time(60))
        _ = try await store.decideCorrection(
            id: correction.id, approve: true, by: "admin-zhao", reason: "已核对", at: F.time(61))
        let appeal = try await store.recordAppeal(
            NewAppeal(period: "2025", district: "330225", indicator: "major_incidents", text: "不属本县"),
            by: "finance-li", at: F.time(62))
        _ = try await store.resolveAppeal(
            id: appeal.id, accepted: true, reason: "", correctionIDs: [correction.id], by: "admin-zhao",
            at: F.time(63))
    }

    @Test func sqliteToPostgresAndBackKeepsEveryDigest() async throws {
        try await StoreHarness.withStore(.sqlite) { original in
            try await Self.populate(original)
            let digests = try await StoreCopy.digests(of: original)
            #expect(digests.map(\.rows) == [6, 2, 2, 2, 4, 12, 1, 1, 1])
            try await StoreHarness.withStore(.postgres) { postgres in
                try await StoreCopy.copy(from: original, to: postgres)
                #expect(try await StoreCopy.digests(of: postgres) == digests)
                try await StoreHarness.withStore(.sqlite) { back in
                    try await StoreCopy.copy(from: postgres, to: back)
                    #expect(try await StoreCopy.digests(of: back) == digests)
                    #expect(
                        try await back.currentList(period: "2025") == (try await original.currentList(period: "2025")))
                }
                // The copy goes on where the original stopped: new rows get the next ids.
                let pull = try await postgres.recordPull(F.pull(source: "ciq_sampling", at: 60))
                #expect(pull.id == 7)
                #expect(try await postgres.payouts() == (try await original.payouts()))
                #expect(try await postgres.samplingPlanHistory(period: "2025").map(\.status) == [.revoked])
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func aTargetWithRowsIsRefused(kind: StoreKind) async throws {
        try await StoreHarness.withStore(.sqlite) { source in
            try await Self.populate(source)
            try await StoreHarness.withStore(kind) { target in
                _ = try await target.appendAudit(AuditEntry(at: F.time(0), who: "admin", action: .reload))
                await #expect(
                    throws: StoreError.invalidArgument(
                        name: "to",
                        message: "\(target.location) is not empty (audit_log has 1 rows); copy into a new store")
                ) {
                    try await StoreCopy.copy(from: source, to: target)
                }
                #expect(try await target.count(of: StoreTable.all[0]) == 0)
            }
        }
    }

    @Test func theCanonicalEncodingIsFixed() {
        var hasher = SHA256()
        StoreCopy.encode([.integer(1), .null, .real(1.5), .text("甬"), .blob([0, 255])], into: &hasher)
        var expected = SHA256()
        expected.update(
            [0x49, 0, 0, 0, 0, 0, 0, 0, 1, 0x4E, 0x52, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0]
                + [0x54, 0, 0, 0, 0, 0, 0, 0, 3, 0xE7, 0x94, 0xAC] + [0x42, 0, 0, 0, 0, 0, 0, 0, 2, 0, 255])
        #expect(hasher.finalize() == expected.finalize())
    }
}
