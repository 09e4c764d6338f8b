import Foundation
import QualityCore
import Testing

@testable import QualityStore

/// Corrections are decided once, by someone other than their proposer, with a reason; appeals are
/// resolved once, accepted with the corrections they led to. Each step is audited.
@Suite struct CorrectionStoreTests {
    typealias F = StoreFixtures

    static let incidents = NewCorrection(
        period: "2025", entity: .district, key: "330225", fact: "major_incidents", valueJSON: "0",
        reason: "  the incident was in 330226  ", evidence: "甬质监〔2025〕12号")

    @Test(arguments: StoreKind.allCases) func fourEyesApproveOnce(kind: StoreKind) async throws {
        try await StoreHarness.withStore(kind) { store in
            let proposed = try await store.proposeCorrection(Self.incidents, by: "finance", at: F.time(60))
            #expect(proposed.id == 1 && proposed.status == .proposed && proposed.reason == "the incident was in 330226")
            #expect(
                proposed.proposedAt == F.time(60) && proposed.valueJSON == "0" && proposed.evidence == "甬质监〔2025〕12号")

            await #expect(throws: StoreError.sameSigner(what: "correction", id: 1, by: "finance")) {
                try await store.decideCorrection(id: 1, approve: true, by: "finance", reason: "ok", at: F.time(70))
            }
            await #expect(throws: StoreError.self) {
                try await store.decideCorrection(id: 1, approve: true, by: "admin2", reason: " ", at: F.time(70))
            }
            await #expect(throws: StoreError.notFound(what: "correction", key: "#9")) {
                try await store.decideCorrection(id: 9, approve: true, by: "admin2", reason: "ok", at: F.time(70))
            }
            let approved = try await store.decideCorrection(
                id: 1, approve: true, by: "admin2", reason: "checked the report", at: F.time(120))
            #expect(approved.status == .approved && approved.decidedBy == "admin2" && approved.decidedAt == F.time(120))
            await #expect(throws: StoreError.alreadyDecided(what: "correction", id: 1, status: "approved")) {
                try await store.decideCorrection(id: 1, approve: false, by: "admin", reason: "no", at: F.time(130))
            }
            #expect(try await store.correction(id: 1) == approved)

            var other = Self.incidents
            other.period = "2024"
            _ = try await store.proposeCorrection(other, by: "admin", at: F.time(140))
            let rejected = try await store.decideCorrection(
                id: 2, approve: false, by: "admin2", reason: "no evidence", at: F.time(150))
            #expect(rejected.status == .rejected && rejected.decisionReason == "no evidence")
            #expect(try await store.corrections(period: "2025", status: .approved).map(\.id) == [1])
            #expect(try await store.corrections(period: nil, status: .rejected).map(\.id) == [2])
            #expect(try await store.corrections(period: nil, status: nil).map(\.id) == [1, 2])
            #expect(try await store.corrections(period: "2024", status: .approved).isEmpty)

            let audit = try await store.auditLog(limit: 10, offset: 0)
            #expect(
                audit.map(\.action) == [.correctionReject, .correctionPropose, .correctionApprove, .correctionPropose])
            #expect(
                audit[2].detail
                    == "correction #1: district 330225 major_incidents = 0, proposed by finance; reason: checked the report"
            )
        }
    }

    @Test(arguments: StoreKind.allCases) func appealAcceptedWithItsCorrections(kind: StoreKind) async throws {
        try await StoreHarness.withStore(kind) { store in
            let appeal = try await store.recordAppeal(
                NewAppeal(period: "2025", district: "330225", indicator: "major_incidents", text: "事故不在本县"),
                by: "finance", at: F.time(10))
            #expect(appeal.id == 1 && appeal.status == .open && appeal.recordedBy == "finance")
            #expect(try await store.appeals(period: "2025", district: nil, status: .open).map(\.id) == [1])

            _ = try await store.proposeCorrection(Self.incidents, by: "finance", at: F.time(20))
            await #expect(throws: StoreError.notFound(what: "correction of 2025", key: "#7")) {
                try await store.resolveAppeal(
                    id: 1, accepted: true, reason: "", correctionIDs: [7], by: "admin", at: F.time(30))
            }
            let accepted = try await store.resolveAppeal(
                id: 1, accepted: true, reason: "", correctionIDs: [1], by: "admin", at: F.time(30))
            #expect(accepted.status == .accepted && accepted.correctionIDs == [1] && accepted.resolution == nil)
            await #expect(throws: StoreError.alreadyDecided(what: "appeal", id: 1, status: "accepted")) {
                try await store.resolveAppeal(
                    id: 1, accepted: false, reason: "late", correctionIDs: [], by: "admin", at: F.time(40))
            }

            _ = try await store.recordAppeal(
                NewAppeal(period: "2025", district: "330226", indicator: "sampling_pass_rate", text: "抽检批次有误"),
                by: "admin", at: F.time(50))
            await #expect(throws: StoreError.self) {
                try await store.resolveAppeal(
                    id: 2, accepted: false, reason: "  ", correctionIDs: [], by: "admin", at: F.time(60))
            }
            let rejected = try await store.resolveAppeal(
                id: 2, accepted: false, reason: "the bureau's figures stand", correctionIDs: [1], by: "admin",
                at: F.time(60))
            #expect(rejected.status == .rejected && rejected.correctionIDs.isEmpty)
            #expect(try await store.appeals(period: "2025", district: "330225", status: nil) == [accepted])
            #expect(try await store.appeals(period: nil, district: nil, status: .open).isEmpty)
            let audit = try await store.auditLog(limit: 10, offset: 0)
            #expect(audit.first?.detail == "appeal #2: district 330226; reason: the bureau's figures stand")
            #expect(audit[2].detail == "appeal #1: district 330225, corrections #1")
        }
    }
}
