import Foundation
import GRDB
import QualityCore

extension SQLiteStore {
    private static let correctionColumns = """
        id, period, entity, entity_key, fact, value_json, reason, evidence, status, proposed_by, proposed_at, \
        decided_by, decided_at, decision_reason
        """

    public func proposeCorrection(_ correction: NewCorrection, by: String, at: Date) async throws(StoreError)
        -> Correction
    {
        try StoreRules.requireName(by, argument: "by")
        let reason = try StoreRules.requireText(
            correction.reason, argument: "reason", "a correction needs a written reason")
        try StoreRules.requireText(correction.key, argument: "key", "a correction names the district or enterprise")
        try StoreRules.requireText(correction.fact, argument: "fact", "a correction names the fact it corrects")
        return try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO corrections (period, entity, entity_key, fact, value_json, reason, evidence, status,
                                             proposed_by, proposed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'proposed', ?, ?)
                    """,
                arguments: [
                    correction.period, correction.entity.rawValue, correction.key, correction.fact,
                    correction.valueJSON, reason, correction.evidence, by, StoreTime.millis(at),
                ])
            let stored = Correction(
                id: db.lastInsertedRowID, period: correction.period, entity: correction.entity, key: correction.key,
                fact: correction.fact, valueJSON: correction.valueJSON, reason: reason, evidence: correction.evidence,
                status: .proposed, proposedBy: by, proposedAt: StoreTime.normalized(at))
            try Self.insertAudit(
                db,
                AuditEntry(
                    at: at, who: by, action: .correctionPropose, period: correction.period,
                    detail: "correction #\(stored.id): \(StoreRules.describe(stored)); reason: \(reason)"))
            return stored
        }
    }

    public func decideCorrection(id: Int64, approve: Bool, by: String, reason: String, at: Date)
        async throws(StoreError) -> Correction
    {
        try StoreRules.requireName(by, argument: "by")
        let reason = try StoreRules.requireText(
            reason, argument: "reason", "a decision on a correction needs a written reason")
        return try await write { db in
            guard var current = try Self.correction(db, id: id) else {
                throw StoreError.notFound(what: "correction", key: "#\(id)")
            }
            guard current.status == .proposed else {
                throw StoreError.alreadyDecided(what: "correction", id: id, status: current.status.rawValue)
            }
            guard current.proposedBy != by else { throw StoreError.sameSigner(what: "correction", id: id, by: by) }
            current.status = approve ? .approved : .rejected
            current.decidedBy = by
            current.decidedAt = StoreTime.normalized(at)
            current.decisionReason = reason
            try db.execute(
                sql: """
                    UPDATE corrections SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?
                    WHERE id = ? AND status = 'proposed'
                    """,
                arguments: [current.status.rawValue, by, StoreTime.millis(at), reason, id])
            try Self.insertAudit(
                db,
                AuditEntry(
                    at: at, who: by, action: approve ? .correctionApprove : .correctionReject, period: current.period,
                    detail:
                        "correction #\(id): \(StoreRules.describe(current)), proposed by \(current.proposedBy); reason: \(reason)"
                ))
            return current
        }
    }

    public func correction(id: Int64) async throws(StoreError) -> Correction? {
        try await read { db in try Self.correction(db, id: id) }
    }

    public func corrections(period: String?, status: Correction.Status?) async throws(StoreError) -> [Correction] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.correctionColumns) FROM corrections
                    WHERE (? IS NULL OR period = ?) AND (? IS NULL OR status = ?) ORDER BY id
                    """,
                arguments: [period, period, status?.rawValue, status?.rawValue]
            ).map(Self.correction(from:))
        }
    }

    private static func correction(_ db: Database, id: Int64) throws -> Correction? {
        try Row.fetchOne(db, sql: "SELECT \(correctionColumns) FROM corrections WHERE id = ?", arguments: [id])
            .map(correction(from:))
    }

    private static func correction(from row: Row) throws -> Correction {
        let entity: String = row["entity"]
        let status: String = row["status"]
        guard let kind = CorrectionEntity(rawValue: entity), let state = Correction.Status(rawValue: status) else {
            throw StoreError.invalidArgument(
                name: "corrections.status", message: "unknown entity \(entity) or status \(status)")
        }
        return Correction(
            id: row["id"], period: row["period"], entity: kind, key: row["entity_key"], fact: row["fact"],
            valueJSON: row["value_json"], reason: row["reason"], evidence: row["evidence"], status: state,
            proposedBy: row["proposed_by"], proposedAt: StoreTime.date(row["proposed_at"]),
            decidedBy: row["decided_by"], decidedAt: (row["decided_at"] as Int64?).map(StoreTime.date),
            decisionReason: row["decision_reason"])
    }

}
