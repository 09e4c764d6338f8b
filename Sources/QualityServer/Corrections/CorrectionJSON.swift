import Foundation
import HTTPTypes
import Hummingbird
import QualityCore
import QualityStore

/// A fact value as JSON: a number, string, boolean, array of strings, or null for missing.
struct FactJSON: Encodable, Sendable {
    var value: Value

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch value {
        case .missing: try c.encodeNil()
        case .number(let x): try c.encode(x)
        case .string(let s): try c.encode(s)
        case .bool(let b): try c.encode(b)
        case .set(let s): try c.encode(s.elements)
        }
    }
}

/// A correction as the API shows it (docs/openapi.yaml `Correction`).
struct CorrectionJSON: Encodable, Sendable {
    var id: Int64
    var period, entity, key, fact: String
    var value: FactJSON
    var reason, evidence, status, proposedBy: String
    var proposedAt: Date
    @Nullable var decidedBy: String?
    @Nullable var decidedAt: Date?
    @Nullable var decisionReason: String?
}

extension CorrectionJSON {
    init(_ c: Correction) {
        self.init(
            id: c.id, period: c.period, entity: c.entity.rawValue, key: c.key, fact: c.fact,
            value: FactJSON(value: CorrectionService.factCorrection(c).value), reason: c.reason, evidence: c.evidence,
            status: c.status.rawValue, proposedBy: c.proposedBy, proposedAt: c.proposedAt, decidedBy: c.decidedBy,
            decidedAt: c.decidedAt, decisionReason: c.decisionReason)
    }
}

/// An appeal as the API shows it (docs/openapi.yaml `Appeal`).
struct AppealJSON: Encodable, Sendable {
    var id: Int64
    var period, district, indicator, text, status, recordedBy: String
    var recordedAt: Date
    @Nullable var resolvedBy: String?
    @Nullable var resolvedAt: Date?
    @Nullable var resolution: String?
    var corrections: [Int64]
}

extension AppealJSON {
    init(_ a: Appeal) {
        self.init(
            id: a.id, period: a.period, district: a.district, indicator: a.indicator, text: a.text,
            status: a.status.rawValue, recordedBy: a.recordedBy, recordedAt: a.recordedAt, resolvedBy: a.resolvedBy,
            resolvedAt: a.resolvedAt, resolution: a.resolution, corrections: a.correctionIDs)
    }
}

/// A correction applied by the result, as explanations show it: the bureau's value, the corrected
/// one, who proposed and approved it, and why.
struct AppliedCorrectionJSON: Encodable, Sendable {
    var id: Int64
    var entity, key, fact: String
    var bureauValue, value: FactJSON
    var reason, evidence, proposedBy, approvedBy, approvalReason: String
}

extension AppliedCorrectionJSON {
    init(_ a: AppliedCorrection) {
        let c = a.correction
        self.init(
            id: c.id, entity: c.entity.rawValue, key: c.key, fact: c.fact, bureauValue: FactJSON(value: a.bureauValue),
            value: FactJSON(value: c.value), reason: c.reason, evidence: c.evidence, proposedBy: c.proposedBy,
            approvedBy: c.approvedBy, approvalReason: c.approvalReason)
    }
}

/// `{"corrections": [...]}` and `{"appeals": [...]}`.
struct CorrectionList: Encodable, Sendable {
    var corrections: [CorrectionJSON]
}

struct AppealList: Encodable, Sendable {
    var appeals: [AppealJSON]
}
