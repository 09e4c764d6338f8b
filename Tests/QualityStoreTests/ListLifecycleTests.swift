import Foundation
import QualityCore
import Testing

@testable import QualityStore

@Suite struct ListLifecycleTests {
    typealias F = StoreFixtures

    @Test(arguments: StoreKind.allCases) func publishConfirmRevoke(kind: StoreKind) async throws {
        try await StoreHarness.with(kind) { harness in
            let store = try await harness.open()
            let result = F.result()
            let frozen = result.json(style: .compact)

            let published = try await store.publishList(
                result, noticeStart: F.time(86_400), noticeEnd: F.time(8 * 86_400), by: "finance-li", at: F.time(3_600))
            #expect(published.status == .published)
            #expect(published.payoutCount == 2)
            #expect(published.grantedFen == 620_000)
            #expect(published.sha256 == SHA256.hex(frozen))
            #expect(try await store.payouts() == [])

            let confirmed = try await store.confirmList(period: "2025", by: "finance-wang", at: F.time(9 * 86_400))
            #expect(confirmed.status == .confirmed)
            #expect(confirmed.confirmedBy == "finance-wang")
            #expect(confirmed.confirmedAt == F.time(9 * 86_400))
            let paid = [
                Payout(uscc: F.appliances, program: "lab_cnas", year: 2025, grantedFen: 120_000),
                Payout(uscc: F.textile, program: "demo_enterprise", year: 2025, grantedFen: 500_000),
            ].sorted { $0.uscc < $1.uscc }
            #expect(try await store.payouts() == paid)

            await #expect(
                throws: StoreError.alreadyConfirmed(period: "2025", by: "finance-wang", at: F.time(9 * 86_400))
            ) {
                try await store.confirmList(period: "2025", by: "finance-li", at: F.time(10 * 86_400))
            }
            await #expect(
                throws: StoreError.alreadyConfirmed(period: "2025", by: "finance-wang", at: F.time(9 * 86_400))
            ) {
                try await store.publishList(
                    F.result(total: 99), noticeStart: F.time(0), noticeEnd: F.time(1), by: "finance-li", at: F.time(2))
            }

            // Later runs under another config change nothing in the confirmed list, even after a restart.
            _ = try await store.recordRun(F.run(at: 11 * 86_400), result: F.result(configSHA256: "beef", total: 50))
            try await store.close()
            let reopened = try await harness.open()
            let current = try #require(try await reopened.currentList(period: "2025"))
            #expect(current.json == frozen)
            #expect(current.list == confirmed)
            #expect(try current.result() == result)

            await #expect(
                throws: StoreError.invalidArgument(
                    name: "reason", message: "revoking the list of 2025 needs a written reason")
            ) {
                try await reopened.revokeList(period: "2025", by: "admin-zhao", reason: "  ", at: F.time(12 * 86_400))
            }
            let reason = "审计发现慈溪小家电有限公司的 CNAS 证书已过期"
            let revoked = try await reopened.revokeList(
                period: "2025", by: "admin-zhao", reason: reason, at: F.time(12 * 86_400))
            #expect(revoked.status == .revoked)
            #expect(revoked.revokeReason == reason)
            #expect(try await reopened.payouts() == [])
            #expect(try await reopened.currentList(period: "2025") == nil)
            #expect(try await reopened.listHistory(period: "2025") == [revoked])
            // The voided payouts stay on record.
            #expect(try await reopened.column("SELECT count(*) FROM payouts WHERE voided_at IS NOT NULL") == ["2"])
            await #expect(throws: StoreError.notFound(what: "confirmed subsidy list", key: "2025")) {
                try await reopened.revokeList(period: "2025", by: "admin-zhao", reason: reason, at: F.time(13 * 86_400))
            }

            let audit = try await reopened.auditLog(limit: 10, offset: 0)
            #expect(audit.map(\.action) == [.revoke, .confirm, .publish])
            #expect(audit.map(\.who) == ["admin-zhao", "finance-wang", "finance-li"])
            #expect(audit.map(\.rows) == [2, 2, 2])
            #expect(audit.allSatisfy { $0.period == "2025" && $0.sha256 == SHA256.hex(frozen) })
            #expect(audit[0].detail == "list #\(published.id): 2 payouts voided; reason: \(reason)")
            #expect(audit[1].detail == "list #\(published.id): 2 payouts recorded, 620000 fen")

            // A revoked period can be published and confirmed again.
            _ = try await reopened.publishList(
                F.result(total: 88), noticeStart: F.time(0), noticeEnd: F.time(1), by: "finance-li",
                at: F.time(14 * 86_400))
            let again = try await reopened.confirmList(period: "2025", by: "finance-wang", at: F.time(15 * 86_400))
            #expect(again.id != revoked.id)
            #expect(try await reopened.payouts() == paid)
            #expect(try await reopened.listHistory(period: "2025").map(\.status) == [.confirmed, .revoked])
            try await reopened.close()
        }
    }

    @Test(arguments: StoreKind.allCases) func publishingAgainSupersedesAnUnconfirmedList(kind: StoreKind) async throws {
        try await StoreHarness.withStore(kind) { store in
            let first = try await store.publishList(
                F.result(total: 80), noticeStart: F.time(0), noticeEnd: F.time(86_400), by: "finance-li", at: F.time(1))
            let second = try await store.publishList(
                F.result(total: 81), noticeStart: F.time(0), noticeEnd: F.time(86_400), by: "finance-li", at: F.time(2))
            #expect(try await store.listHistory(period: "2025").map(\.status) == [.published, .superseded])
            #expect(try await store.currentList(period: "2025")?.list == second)
            #expect(try await store.currentList(period: "2025")?.json == F.result(total: 81).json(style: .compact))
            await #expect(throws: StoreError.notConfirmed(period: "2025", status: .published)) {
                try await store.revokeList(period: "2025", by: "admin", reason: "wrong", at: F.time(3))
            }
            let audit = try await store.auditLog(limit: 1, offset: 0)
            #expect(audit.first?.detail?.hasSuffix("supersedes list #\(first.id)") == true)
        }
    }

    @Test(arguments: StoreKind.allCases) func concurrentConfirmsRecordPayoutsOnce(kind: StoreKind) async throws {
        try await StoreHarness.withStore(kind) { store in
            _ = try await store.publishList(
                F.result(), noticeStart: F.time(0), noticeEnd: F.time(1), by: "finance-li", at: F.time(2))
            let outcomes = await ReplicaRaceTests.confirmAtOnce(on: [store], clerks: 4)
            #expect(outcomes == ["confirmed", "refused", "refused", "refused"])
            #expect(try await store.payouts().count == 2)
            #expect(try await store.column("SELECT count(*) FROM payouts") == ["2"])
        }
    }

    @Test(arguments: StoreKind.allCases) func refusalsNameThePeriod(kind: StoreKind) async throws {
        try await StoreHarness.withStore(kind) { store async throws in
            await #expect(throws: StoreError.notPublished(period: "2025")) {
                try await store.confirmList(period: "2025", by: "finance-li", at: F.time(0))
            }
            await #expect(throws: StoreError.invalidResult(period: "2024", message: "the result is of period 2025")) {
                try await store.publishList(
                    period: "2024", resultJSON: F.result().json(style: .compact), noticeStart: F.time(0),
                    noticeEnd: F.time(1), by: "finance-li", at: F.time(2))
            }
            await #expect(throws: StoreError.self) {
                try await store.publishList(
                    period: "2025", resultJSON: Array("{\"period\":".utf8), noticeStart: F.time(0),
                    noticeEnd: F.time(1),
                    by: "finance-li", at: F.time(2))
            }
            await #expect(throws: StoreError.invalidArgument(name: "by", message: "say who does this")) {
                try await store.publishList(
                    F.result(), noticeStart: F.time(0), noticeEnd: F.time(1), by: "", at: F.time(2))
            }
            await #expect(throws: StoreError.self) {
                try await store.publishList(
                    F.result(), noticeStart: F.time(10), noticeEnd: F.time(1), by: "finance-li", at: F.time(2))
            }
            let history = try await store.listHistory(period: "2025")
            #expect(history == [])
            #expect(try await store.auditLog(limit: 10, offset: 0) == [])
            let message = StoreError.alreadyConfirmed(period: "2025", by: "finance-wang", at: F.time(0)).description
            #expect(message == "the subsidy list of 2025 was already confirmed by finance-wang at 2025-03-01T00:00:00Z")
        }
    }

    @Test(arguments: StoreKind.allCases) func labelsAreFrozenWithTheList(kind: StoreKind) async throws {
        try await StoreHarness.with(kind) { harness in
            let store = try await harness.open()
            let labels = Array(#"{"programs":[{"id":"lab_cnas","zh":"实验室奖励"}]}"#.utf8)
            _ = try await store.publishList(
                F.result(), labelsJSON: labels, noticeStart: F.time(0), noticeEnd: F.time(1), by: "finance-li",
                at: F.time(2))
            _ = try await store.confirmList(period: "2025", by: "finance-wang", at: F.time(3))
            try await store.close()
            let reopened = try await harness.open()
            #expect(try await reopened.currentList(period: "2025")?.labelsJSON == labels)
            // Publishing without labels (an older caller) keeps none.
            _ = try await reopened.publishList(
                F.result(period: "2024"), noticeStart: F.time(0), noticeEnd: F.time(1), by: "finance-li",
                at: F.time(4))
            let unlabelled = try #require(try await reopened.currentList(period: "2024"))
            #expect(unlabelled.labelsJSON == nil)
            try await reopened.close()
        }
    }
}

/// Two replicas (two stores on one database) racing each other keep at most one list in force and
/// record the payouts once.
@Suite struct ReplicaRaceTests {
    typealias F = StoreFixtures

    @Test(arguments: StoreKind.allCases) func racingPublishesAndConfirmsKeepOneListInForce(kind: StoreKind)
        async throws
    {
        try await StoreHarness.with(kind) { harness in
            let first = try await harness.open()
            let second = try await harness.open()
            let replicas = [first, second]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<8 {
                    let replica = replicas[n % 2]
                    group.addTask {
                        _ = try await replica.publishList(
                            F.result(total: 80 + Double(n)), noticeStart: F.time(0), noticeEnd: F.time(1),
                            by: "finance-\(n)", at: F.time(Double(n)))
                    }
                }
                try await group.waitForAll()
            }
            let statuses = try await replicas[0].listHistory(period: "2025").map(\.status)
            #expect(statuses.count == 8)
            #expect(statuses.filter { $0 == .published }.count == 1)
            #expect(statuses.filter { $0 == .superseded }.count == 7)

            let outcomes = await Self.confirmAtOnce(on: replicas, clerks: 6)
            #expect(outcomes == ["confirmed"] + Array(repeating: "refused", count: 5))
            #expect(try await replicas[1].column("SELECT count(*) FROM payouts") == ["2"])
            #expect(
                try await replicas[1].column(
                    "SELECT count(*) FROM subsidy_lists WHERE status IN ('published', 'confirmed')") == ["1"])
            #expect(try await replicas[0].auditLog(limit: 100, offset: 0).filter { $0.action == .confirm }.count == 1)
            for replica in replicas { try await replica.close() }
        }
    }

    /// `clerks` clerks confirm the 2025 list at once, each on the next of `stores`: what each got
    /// ("confirmed", "refused" for `alreadyConfirmed`, or the error), sorted.
    static func confirmAtOnce(on stores: [any TestableStore], clerks: Int) async -> [String] {
        await withTaskGroup(of: String.self) { group in
            for n in 0..<clerks {
                let store = stores[n % stores.count]
                group.addTask {
                    do throws(StoreError) {
                        _ = try await store.confirmList(period: "2025", by: "clerk-\(n)", at: F.time(10))
                        return "confirmed"
                    } catch {
                        if case .alreadyConfirmed = error { return "refused" }
                        return "\(error)"
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }.sorted()
        }
    }
}
