import Foundation
import QualityCore

/// Corrections of bureau facts with four eyes, and districts' appeals (docs/SEMANTICS.md §14).
///
/// A correction is proposed by one person and approved or rejected by another, with a reason; only
/// approved corrections apply when a period is scored. An appeal is a district's objection to a
/// period's result, recorded by an official and resolved as accepted (with the corrections it led
/// to) or rejected (with a reason). The store keeps the correction's value as JSON text, opaque to it.
public protocol CorrectionStore: Sendable {
    /// Records a proposed correction. `reason` must not be empty. Audited as `correction_propose`.
    func proposeCorrection(_ correction: NewCorrection, by: String, at: Date) async throws(StoreError) -> Correction

    /// Approves or rejects the proposed correction `id` with a non-empty `reason`. Refuses `notFound`,
    /// `sameSigner` when `by` proposed it, and `alreadyDecided` when it is no longer proposed.
    /// Audited as `correction_approve` or `correction_reject`.
    func decideCorrection(id: Int64, approve: Bool, by: String, reason: String, at: Date) async throws(StoreError)
        -> Correction

    /// One correction, whatever its status.
    func correction(id: Int64) async throws(StoreError) -> Correction?

    /// Corrections in id order, of one period and one status or of all when nil.
    func corrections(period: String?, status: Correction.Status?) async throws(StoreError) -> [Correction]

    /// Records an appeal, open. `text` must not be empty. Audited as `appeal_record`.
    func recordAppeal(_ appeal: NewAppeal, by: String, at: Date) async throws(StoreError) -> Appeal

    /// Resolves the open appeal `id`: accepted with the corrections it led to (ids of corrections of
    /// the same period, `notFound` otherwise), or rejected with a non-empty `reason`. Refuses
    /// `alreadyDecided` when it is not open. Audited as `appeal_accept` or `appeal_reject`.
    func resolveAppeal(
        id: Int64, accepted: Bool, reason: String, correctionIDs: [Int64], by: String, at: Date
    ) async throws(StoreError) -> Appeal

    /// Appeals in id order, filtered by period, district and status when given.
    func appeals(period: String?, district: String?, status: Appeal.Status?) async throws(StoreError) -> [Appeal]
}

/// A correction to propose.
public struct NewCorrection: Sendable, Equatable {
    public var period: String
    public var entity: CorrectionEntity
    /// The district's division code or the enterprise's USCC.
    public var key: String
    public var fact: String
    /// The corrected value as JSON text (`0`, `true`, `"text"`, `["a","b"]`).
    public var valueJSON: String
    public var reason: String
    /// A reference to the evidence, such as a document number; may be empty.
    public var evidence: String

    public init(
        period: String, entity: CorrectionEntity, key: String, fact: String, valueJSON: String, reason: String,
        evidence: String
    ) {
        self.period = period
        self.entity = entity
        self.key = key
        self.fact = fact
        self.valueJSON = valueJSON
        self.reason = reason
        self.evidence = evidence
    }
}

/// A stored correction and its decision.
public struct Correction: Sendable, Equatable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case proposed, approved, rejected
    }

    public var id: Int64
    public var period: String
    public var entity: CorrectionEntity
    public var key: String
    public var fact: String
    public var valueJSON: String
    public var reason: String
    public var evidence: String
    public var status: Status
    public var proposedBy: String
    public var proposedAt: Date
    public var decidedBy: String?
    public var decidedAt: Date?
    public var decisionReason: String?
}

/// An appeal to record.
public struct NewAppeal: Sendable, Equatable {
    public var period: String
    /// The appealing district's division code.
    public var district: String
    /// The indicator (or other item of the result) appealed against.
    public var indicator: String
    /// The district's own words.
    public var text: String

    public init(period: String, district: String, indicator: String, text: String) {
        self.period = period
        self.district = district
        self.indicator = indicator
        self.text = text
    }
}

/// A stored appeal and its resolution.
public struct Appeal: Sendable, Equatable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case open, accepted, rejected
    }

    public var id: Int64
    public var period: String
    public var district: String
    public var indicator: String
    public var text: String
    public var status: Status
    public var recordedBy: String
    public var recordedAt: Date
    public var resolvedBy: String?
    public var resolvedAt: Date?
    /// Why it was rejected, or a note on its acceptance.
    public var resolution: String?
    /// The corrections an accepted appeal led to.
    public var correctionIDs: [Int64] = []
}

extension AuditAction {
    public static let correctionPropose = AuditAction(rawValue: "correction_propose")
    public static let correctionApprove = AuditAction(rawValue: "correction_approve")
    public static let correctionReject = AuditAction(rawValue: "correction_reject")
    public static let appealRecord = AuditAction(rawValue: "appeal_record")
    public static let appealAccept = AuditAction(rawValue: "appeal_accept")
    public static let appealReject = AuditAction(rawValue: "appeal_reject")
}
