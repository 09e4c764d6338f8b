import Foundation
import PostgresNIO
import QualityCore
import QualityStore

extension PostgresStore {
    private static let planColumns = """
        id, period, status, seed, input_sha256, sha256, population, selected, drawn_by, drawn_at, revoked_by, \
        revoked_at, revoke_reason
        """

    public func freezeSamplingPlan(_ plan: NewSamplingPlan, by: String, at: Date) async throws(StoreError)
        -> SamplingFreeze
    {
        try StoreRules.requireName(by, argument: "by")
        let sha256 = SHA256.hex(plan.json)
        return try await transaction(locking: PeriodLock(kind: .samplingPlan, period: plan.period)) { transaction in
            if let current = try await Self.planInForce(transaction, period: plan.period) {
                return .alreadyDrawn(current)
            }
            let id = try Self.id(
                await transaction.rows(
                    """
                    INSERT INTO sampling_plans (period, status, seed, input_sha256, sha256, population, selected,
                                                drawn_by, drawn_at, plan_json)
                    VALUES (\(plan.period), 'drawn', \(plan.seed), \(plan.inputSHA256), \(sha256),
                            \(Int64(plan.population)), \(Int64(plan.selected)), \(by), \(StoreTime.millis(at)),
                            \(plan.json.bytea))
                    RETURNING id
                    """))
            let record = SamplingPlanRecord(
                id: id, period: plan.period, status: .drawn, seed: plan.seed, inputSHA256: plan.inputSHA256,
                sha256: sha256, population: plan.population, selected: plan.selected, drawnBy: by,
                drawnAt: StoreTime.normalized(at))
            try await Self.insertAudit(
                transaction,
                AuditEntry(
                    at: at, who: by, action: .samplingDraw, period: plan.period,
                    detail:
                        "plan #\(record.id): seed \(plan.seed), \(plan.selected) of \(plan.population) enterprises, "
                        + "input_sha256 \(plan.inputSHA256)",
                    sha256: sha256, rows: plan.selected))
            return .frozen(record)
        }
    }

    public func revokeSamplingPlan(period: String, by: String, reason: String, at: Date) async throws(StoreError)
        -> SamplingPlanRecord?
    {
        try StoreRules.requireName(by, argument: "by")
        let reason = try StoreRules.requireReason(reason, revoking: "sampling plan", of: period)
        return try await transaction(locking: PeriodLock(kind: .samplingPlan, period: period)) { transaction in
            guard var current = try await Self.planInForce(transaction, period: period) else { return nil }
            try await transaction.execute(
                """
                UPDATE sampling_plans SET status = 'revoked', revoked_by = \(by), revoked_at = \(StoreTime.millis(at)),
                                          revoke_reason = \(reason)
                WHERE id = \(current.id)
                """)
            current.status = .revoked
            current.revokedBy = by
            current.revokedAt = StoreTime.normalized(at)
            current.revokeReason = reason
            try await Self.insertAudit(
                transaction,
                AuditEntry(
                    at: at, who: by, action: .samplingRevoke, period: period,
                    detail: "plan #\(current.id) (seed \(current.seed)); reason: \(reason)", sha256: current.sha256,
                    rows: current.selected))
            return current
        }
    }

    public func samplingPlan(period: String) async throws(StoreError) -> FrozenSamplingPlan? {
        try await read(
            """
            SELECT \(unescaped: Self.planColumns), plan_json FROM sampling_plans
            WHERE period = \(period) AND status = 'drawn'
            """
        ) { rows in try rows.first.map(Self.frozenPlan(from:)) }
    }

    public func latestSamplingPlan(period: String) async throws(StoreError) -> FrozenSamplingPlan? {
        try await read(
            """
            SELECT \(unescaped: Self.planColumns), plan_json FROM sampling_plans WHERE period = \(period)
            ORDER BY id DESC LIMIT 1
            """
        ) { rows in try rows.first.map(Self.frozenPlan(from:)) }
    }

    public func samplingPlanHistory(period: String) async throws(StoreError) -> [SamplingPlanRecord] {
        try await read(
            "SELECT \(unescaped: Self.planColumns) FROM sampling_plans WHERE period = \(period) ORDER BY id DESC"
        ) { rows in try rows.map(Self.plan(from:)) }
    }

    public func samplingPlansInForce() async throws(StoreError) -> [SamplingPlanRecord] {
        try await read(
            """
            SELECT \(unescaped: Self.planColumns) FROM sampling_plans WHERE status = 'drawn'
            ORDER BY period COLLATE "C"
            """
        ) { rows in try rows.map(Self.plan(from:)) }
    }

    private static func planInForce(_ transaction: Transaction, period: String) async throws -> SamplingPlanRecord? {
        try await transaction.row(
            "SELECT \(unescaped: planColumns) FROM sampling_plans WHERE period = \(period) AND status = 'drawn'"
        ).map(plan(from:))
    }

    private static func frozenPlan(from row: PostgresRandomAccessRow) throws -> FrozenSamplingPlan {
        FrozenSamplingPlan(record: try plan(from: row), json: try row.bytes("plan_json"))
    }

    private static func plan(from row: PostgresRandomAccessRow) throws -> SamplingPlanRecord {
        let status: String = try row.get("status")
        guard let planStatus = SamplingPlanRecord.Status(rawValue: status) else {
            throw StoreError.invalidArgument(name: "sampling_plans.status", message: "unknown status \(status)")
        }
        return SamplingPlanRecord(
            id: try row.get("id"), period: try row.get("period"), status: planStatus, seed: try row.get("seed"),
            inputSHA256: try row.get("input_sha256"), sha256: try row.get("sha256"),
            population: try row.get("population"), selected: try row.get("selected"),
            drawnBy: try row.get("drawn_by"), drawnAt: try row.date("drawn_at"), revokedBy: try row.get("revoked_by"),
            revokedAt: try row.optionalDate("revoked_at"), revokeReason: try row.get("revoke_reason"))
    }
}
