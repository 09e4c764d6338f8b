import Foundation
import QualityCore

/// Where a period's subsidy list stands. A period without a published list is a draft: its list is
/// simply the latest result, which still changes with every run and config.
public enum ListStatus: String, Sendable, Hashable {
    /// Frozen for public notice (公示); can still be replaced by publishing again.
    case published
    /// A published list replaced by a later publication before it was confirmed.
    case superseded
    /// Confirmed by finance; its payouts count as paid.
    case confirmed
    /// A confirmed list voided by an admin; its payouts are void, the record stays.
    case revoked
}

/// One frozen subsidy list of a period and its life: published, then confirmed, then perhaps revoked.
public struct SubsidyList: Sendable, Equatable {
    public var id: Int64
    public var period: String
    public var status: ListStatus
    /// SHA-256 (hex) of the frozen result JSON.
    public var sha256: String
    /// Size of the frozen result JSON in bytes.
    public var size: Int
    /// Awards granted more than 0 fen: the payouts the list records once confirmed.
    public var payoutCount: Int
    /// Sum of those awards' granted fen.
    public var grantedFen: Int64
    /// The public notice runs from `noticeStart` to `noticeEnd`.
    public var noticeStart: Date
    public var noticeEnd: Date
    public var publishedBy: String
    public var publishedAt: Date
    public var confirmedBy: String?
    public var confirmedAt: Date?
    public var revokedBy: String?
    public var revokedAt: Date?
    public var revokeReason: String?
}

/// A subsidy list with its frozen result JSON, exactly the bytes that were published.
public struct FrozenList: Sendable, Equatable {
    public var list: SubsidyList
    public var json: [UInt8]
    /// The labels frozen with it (see `Store.publishList`); nil for a list published without.
    public var labelsJSON: [UInt8]?

    /// The frozen result decoded from its JSON.
    public func result() throws -> AssessmentResult { try AssessmentResult.parse(json: json) }
}
