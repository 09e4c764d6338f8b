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
    var period: String
    var entity: String
    var key: String
    var fact: String
    var value: FactJSON
    var reason: String
    var evidence: String
    var status: String
    var proposedBy: String
    var proposedAt: Date
    var decidedBy: String?
    var decidedAt: Date?
    var decisionReason: String?

    init(_ c: Correction) {
        id = c.id
        period = c.period
        entity = c.entity.rawValue
        key = c.key
        fact = c.fact
        value = FactJSON(value: CorrectionService.factCorrection(c).value)
        reason = c.reason
        evidence = c.evidence
        status = c.status.rawValue
        proposedBy = c.proposedBy
        proposedAt = c.proposedAt
        decidedBy = c.decidedBy
        decidedAt = c.decidedAt
        decisionReason = c.decisionReason
    }

    enum CodingKeys: String, CodingKey {
        case id, period, entity, key, fact, value, reason, evidence, status
        case proposedBy = "proposed_by", proposedAt = "proposed_at", decidedBy = "decided_by"
        case decidedAt = "decided_at", decisionReason = "decision_reason"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(period, forKey: .period)
        try c.encode(entity, forKey: .entity)
        try c.encode(key, forKey: .key)
        try c.encode(fact, forKey: .fact)
        try c.encode(value, forKey: .value)
        try c.encode(reason, forKey: .reason)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(status, forKey: .status)
        try c.encode(proposedBy, forKey: .proposedBy)
        try c.encode(proposedAt, forKey: .proposedAt)
        // Undecided fields are null rather than absent, so every correction has the same keys.
        try c.encode(decidedBy, forKey: .decidedBy)
        try c.encode(decidedAt, forKey: .decidedAt)
        try c.encode(decisionReason, forKey: .decisionReason)
    }
}

/// An appeal as the API shows it (docs/openapi.yaml `Appeal`).
struct AppealJSON: Encodable, Sendable {
    var id: Int64
    var period: String
    var district: String
    var indicator: String
    var text: String
    var status: String
    var recordedBy: String
    var recordedAt: Date
    var resolvedBy: String?
    var resolvedAt: Date?
    var resolution: String?
    var corrections: [Int64]

    init(_ a: Appeal) {
        id = a.id
        period = a.period
        district = a.district
        indicator = a.indicator
        text = a.text
        status = a.status.rawValue
        recordedBy = a.recordedBy
        recordedAt = a.recordedAt
        resolvedBy = a.resolvedBy
        resolvedAt = a.resolvedAt
        resolution = a.resolution
        corrections = a.correctionIDs
    }

    enum CodingKeys: String, CodingKey {
        case id, period, district, indicator, text, status, resolution, corrections
        case recordedBy = "recorded_by", recordedAt = "recorded_at", resolvedBy = "resolved_by"
        case resolvedAt = "resolved_at"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(period, forKey: .period)
        try c.encode(district, forKey: .district)
        try c.encode(indicator, forKey: .indicator)
        try c.encode(text, forKey: .text)
        try c.encode(status, forKey: .status)
        try c.encode(recordedBy, forKey: .recordedBy)
        try c.encode(recordedAt, forKey: .recordedAt)
        try c.encode(resolvedBy, forKey: .resolvedBy)
        try c.encode(resolvedAt, forKey: .resolvedAt)
        try c.encode(resolution, forKey: .resolution)
        try c.encode(corrections, forKey: .corrections)
    }
}

/// A correction applied by the result, as explanations show it: the bureau's value, the corrected
/// one, who proposed and approved it, and why.
struct AppliedCorrectionJSON: Encodable, Sendable {
    var id: Int64
    var entity: String
    var key: String
    var fact: String
    var bureauValue: FactJSON
    var value: FactJSON
    var reason: String
    var evidence: String
    var proposedBy: String
    var approvedBy: String
    var approvalReason: String

    init(_ a: AppliedCorrection) {
        let c = a.correction
        id = c.id
        entity = c.entity.rawValue
        key = c.key
        fact = c.fact
        bureauValue = FactJSON(value: a.bureauValue)
        value = FactJSON(value: c.value)
        reason = c.reason
        evidence = c.evidence
        proposedBy = c.proposedBy
        approvedBy = c.approvedBy
        approvalReason = c.approvalReason
    }

    enum CodingKeys: String, CodingKey {
        case id, entity, key, fact, value, reason, evidence
        case bureauValue = "bureau_value", proposedBy = "proposed_by", approvedBy = "approved_by"
        case approvalReason = "approval_reason"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(entity, forKey: .entity)
        try c.encode(key, forKey: .key)
        try c.encode(fact, forKey: .fact)
        try c.encode(bureauValue, forKey: .bureauValue)
        try c.encode(value, forKey: .value)
        try c.encode(reason, forKey: .reason)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(proposedBy, forKey: .proposedBy)
        try c.encode(approvedBy, forKey: .approvedBy)
        try c.encode(approvalReason, forKey: .approvalReason)
    }

    /// The array as a JSON value, for splicing into an explanation written with `JSONWriter`.
    static func value(_ applied: [AppliedCorrection]) -> JSONValue {
        (try? JSONParser.parse(CorrectionResponse.encode(applied.map(AppliedCorrectionJSON.init)))) ?? .array([])
    }
}

/// `{"corrections": [...]}` and `{"appeals": [...]}`.
struct CorrectionList: Encodable, Sendable {
    var corrections: [CorrectionJSON]
}

struct AppealList: Encodable, Sendable {
    var appeals: [AppealJSON]
}

enum CorrectionResponse {
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { [UInt8]($0) } ?? Array("null".utf8)
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        Response.json(encode(value), status: status)
    }
}
