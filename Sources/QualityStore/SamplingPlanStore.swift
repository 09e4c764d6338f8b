import Foundation
import QualityCore

/// Frozen sampling plans (docs/SAMPLING.md): one plan in force per period, drawn once and kept
/// until revoked with a reason, so that nobody can draw again until the result suits them.
public protocol SamplingPlanStore: Sendable {
    /// Freezes `json` (a plan of `period`) unless the period has a plan in force, which is returned
    /// instead. Audited as `sampling_draw`.
    func freezeSamplingPlan(_ plan: NewSamplingPlan, by: String, at: Date) async throws(StoreError) -> SamplingFreeze

    /// Revokes the period's plan in force; nil when there is none. `reason` must not be empty.
    /// Audited as `sampling_revoke`.
    func revokeSamplingPlan(period: String, by: String, reason: String, at: Date) async throws(StoreError)
        -> SamplingPlanRecord?

    /// The period's plan in force with its JSON, if any.
    func samplingPlan(period: String) async throws(StoreError) -> FrozenSamplingPlan?

    /// The period's newest plan with its JSON, in force or revoked: what its public notice shows.
    func latestSamplingPlan(period: String) async throws(StoreError) -> FrozenSamplingPlan?

    /// Every plan of the period, newest first, whatever its status.
    func samplingPlanHistory(period: String) async throws(StoreError) -> [SamplingPlanRecord]

    /// The plans in force, in period order, without their JSON.
    func samplingPlansInForce() async throws(StoreError) -> [SamplingPlanRecord]
}

/// A drawn plan to freeze.
public struct NewSamplingPlan: Sendable, Equatable {
    public var period: String
    public var seed: String
    public var inputSHA256: String
    /// Enterprises the draw ran over, and how many it selected.
    public var population: Int
    public var selected: Int
    /// The plan as JSON (`SamplingPlanDocument`), byte for byte as served later.
    public var json: [UInt8]

    public init(period: String, seed: String, inputSHA256: String, population: Int, selected: Int, json: [UInt8]) {
        self.period = period
        self.seed = seed
        self.inputSHA256 = inputSHA256
        self.population = population
        self.selected = selected
        self.json = json
    }
}

/// What freezing did.
public enum SamplingFreeze: Sendable, Equatable {
    case frozen(SamplingPlanRecord)
    /// The period already has this plan in force; nothing was stored.
    case alreadyDrawn(SamplingPlanRecord)
}

/// One frozen plan and its life: drawn, then perhaps revoked.
///
/// Encodable as the sampling API answers a draw or a revoke (keys in snake case; a plan not revoked
/// has no `revoked_*` keys).
public struct SamplingPlanRecord: Sendable, Equatable, Encodable {
    public enum Status: String, Sendable, Encodable {
        case drawn, revoked
    }

    public var id: Int64
    public var period: String
    public var status: Status
    public var seed: String
    public var inputSHA256: String
    /// SHA-256 (hex) of the frozen JSON.
    public var sha256: String
    public var population: Int
    public var selected: Int
    public var drawnBy: String
    public var drawnAt: Date
    public var revokedBy: String?
    public var revokedAt: Date?
    public var revokeReason: String?
}

/// A plan in force with its frozen JSON.
public struct FrozenSamplingPlan: Sendable, Equatable {
    public var record: SamplingPlanRecord
    public var json: [UInt8]
}

extension AuditAction {
    public static let samplingDraw = AuditAction(rawValue: "sampling_draw")
    public static let samplingRevoke = AuditAction(rawValue: "sampling_revoke")
}
