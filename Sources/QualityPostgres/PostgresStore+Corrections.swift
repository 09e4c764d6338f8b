import Foundation
import PostgresNIO
import QualityCore
import QualityStore

extension PostgresStore {
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
        return try await transaction { transaction in
            let id = try Self.id(
                await transaction.rows(
                    """
                    INSERT INTO corrections (period, entity, entity_key, fact, value_json, reason, evidence, status,
                                             proposed_by, proposed_at)
                    VALUES (\(correction.period), \(correction.entity.rawValue), \(correction.key), \(correction.fact),
                            \(correction.valueJSON), \(reason), \(correction.evidence), 'proposed', \(by),
                            \(StoreTime.millis(at)))
                    RETURNING id
                    """))
            let stored = Correction(
                id: id, period: correction.period, entity: correction.entity, key: correction.key,
                fact: correction.fact, valueJSON: correction.valueJSON, reason: reason, evidence: correction.evidence,
                status: .proposed, proposedBy: by, proposedAt: StoreTime.normalized(at))
            try await Self.insertAudit(
                transaction,
                AuditEntry(
                    at: at, who: by, action: .correctionPropose, period: correction.period,
                    detail: "correction #\(id): \(StoreRules.describe(stored)); reason: \(reason)"))
            return stored
        }
    }

    public func decideCorrection(id: Int64, approve: Bool, by: String, reason: String, at: Date)
        async throws(StoreError) -> Correction
    {
        try StoreRules.requireName(by, argument: "by")
        let reason = try StoreRules.requireText(
            reason, argument: "reason", "a decision on a correction needs a written reason")
        return try await transaction { transaction in
            // FOR UPDATE: two replicas deciding at once are queued, and the second sees the first's decision.
            guard
                var current = try await transaction.row(
                    "SELECT \(unescaped: Self.correctionColumns) FROM corrections WHERE id = \(id) FOR UPDATE"
                ).map(Self.correction(from:))
            else { throw StoreError.notFound(what: "correction", key: "#\(id)") }
            guard current.status == .proposed else {
                throw StoreError.alreadyDecided(what: "correction", id: id, status: current.status.rawValue)
            }
            guard current.proposedBy != by else { throw StoreError.sameSigner(what: "correction", id: id, by: by) }
            current.status = approve ? .approved : .rejected
            current.decidedBy = by
            current.decidedAt = StoreTime.normalized(at)
            current.decisionReason = reason
            try await transaction.execute(
                """
                UPDATE corrections SET status = \(current.status.rawValue), decided_by = \(by),
                                       decided_at = \(StoreTime.millis(at)), decision_reason = \(reason)
                WHERE id = \(id) AND status = 'proposed'
                """)
            try await Self.insertAudit(
                transaction,
                AuditEntry(
                    at: at, who: by, action: approve ? .correctionApprove : .correctionReject, period: current.period,
                    detail:
                        "correction #\(id): \(StoreRules.describe(current)), proposed by \(current.proposedBy); "
                        + "reason: \(reason)"))
            return current
        }
    }

    public func correction(id: Int64) async throws(StoreError) -> Correction? {
        try await read("SELECT \(unescaped: Self.correctionColumns) FROM corrections WHERE id = \(id)") { rows in
            try rows.first.map(Self.correction(from:))
        }
    }

    public func corrections(period: String?, status: Correction.Status?) async throws(StoreError) -> [Correction] {
        try await read(
            """
            SELECT \(unescaped: Self.correctionColumns) FROM corrections
            WHERE (\(period)::text IS NULL OR period = \(period)) AND (\(status?.rawValue)::text IS NULL OR status = \(status?.rawValue))
            ORDER BY id
            """
        ) { rows in try rows.map(Self.correction(from:)) }
    }

    private static func correction(from row: PostgresRandomAccessRow) throws -> Correction {
        let entity: String = try row.get("entity")
        let status: String = try row.get("status")
        guard let kind = CorrectionEntity(rawValue: entity), let state = Correction.Status(rawValue: status) else {
            throw StoreError.invalidArgument(
                name: "corrections.status", message: "unknown entity \(entity) or status \(status)")
        }
        return Correction(
            id: try row.get("id"), period: try row.get("period"), entity: kind, key: try row.get("entity_key"),
            fact: try row.get("fact"), valueJSON: try row.get("value_json"), reason: try row.get("reason"),
            evidence: try row.get("evidence"), status: state, proposedBy: try row.get("proposed_by"),
            proposedAt: try row.date("proposed_at"), decidedBy: try row.get("decided_by", as: String?.self),
            decidedAt: try row.optionalDate("decided_at"),
            decisionReason: try row.get("decision_reason", as: String?.self))
    }
}
