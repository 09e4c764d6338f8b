import Foundation
import GRDB
import QualityCore

extension SQLiteStore {
    private static let planColumns = """
        id, period, status, seed, input_sha256, sha256, population, selected, drawn_by, drawn_at, revoked_by, \
        revoked_at, revoke_reason
        """

    public func freezeSamplingPlan(_ plan: NewSamplingPlan, by: String, at: Date) async throws(StoreError)
        -> SamplingFreeze
    {
        try StoreRules.requireName(by, argument: "by")
        let sha256 = SHA256.hex(plan.json)
        return try await write { db in
            if let current = try Self.planInForce(db, period: plan.period) { return .alreadyDrawn(current) }
            try db.execute(
                sql: """
                    INSERT INTO sampling_plans (period, status, seed, input_sha256, sha256, population, selected,
                                                drawn_by, drawn_at, plan_json)
                    VALUES (?, 'drawn', ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    plan.period, plan.seed, plan.inputSHA256, sha256, plan.population, plan.selected, by,
                    StoreTime.millis(at), Data(plan.json),
                ])
            let record = SamplingPlanRecord(
                id: db.lastInsertedRowID, period: plan.period, status: .drawn, seed: plan.seed,
                inputSHA256: plan.inputSHA256, sha256: sha256, population: plan.population, selected: plan.selected,
                drawnBy: by, drawnAt: StoreTime.normalized(at))
            try Self.insertAudit(
                db,
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
        return try await write { db in
            guard var current = try Self.planInForce(db, period: period) else { return nil }
            try db.execute(
                sql: """
                    UPDATE sampling_plans SET status = 'revoked', revoked_by = ?, revoked_at = ?, revoke_reason = ?
                    WHERE id = ?
                    """,
                arguments: [by, StoreTime.millis(at), reason, current.id])
            current.status = .revoked
            current.revokedBy = by
            current.revokedAt = StoreTime.normalized(at)
            current.revokeReason = reason
            try Self.insertAudit(
                db,
                AuditEntry(
                    at: at, who: by, action: .samplingRevoke, period: period,
                    detail: "plan #\(current.id) (seed \(current.seed)); reason: \(reason)", sha256: current.sha256,
                    rows: current.selected))
            return current
        }
    }

    public func samplingPlan(period: String) async throws(StoreError) -> FrozenSamplingPlan? {
        try await read { db in
            let row = try Row.fetchOne(
                db,
                sql: "SELECT \(Self.planColumns), plan_json FROM sampling_plans WHERE period = ? AND status = 'drawn'",
                arguments: [period])
            return try row.map { FrozenSamplingPlan(record: try Self.plan(from: $0), json: try $0.bytes("plan_json")) }
        }
    }

    public func latestSamplingPlan(period: String) async throws(StoreError) -> FrozenSamplingPlan? {
        try await read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT \(Self.planColumns), plan_json FROM sampling_plans WHERE period = ?
                    ORDER BY id DESC LIMIT 1
                    """,
                arguments: [period])
            return try row.map { FrozenSamplingPlan(record: try Self.plan(from: $0), json: try $0.bytes("plan_json")) }
        }
    }

    public func samplingPlanHistory(period: String) async throws(StoreError) -> [SamplingPlanRecord] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.planColumns) FROM sampling_plans WHERE period = ? ORDER BY id DESC",
                arguments: [period]
            ).map(Self.plan(from:))
        }
    }

    public func samplingPlansInForce() async throws(StoreError) -> [SamplingPlanRecord] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.planColumns) FROM sampling_plans WHERE status = 'drawn' ORDER BY period"
            ).map(Self.plan(from:))
        }
    }

    private static func planInForce(_ db: Database, period: String) throws -> SamplingPlanRecord? {
        try Row.fetchOne(
            db, sql: "SELECT \(planColumns) FROM sampling_plans WHERE period = ? AND status = 'drawn'",
            arguments: [period]
        ).map(plan(from:))
    }

    private static func plan(from row: Row) throws -> SamplingPlanRecord {
        let status: String = row["status"]
        guard let planStatus = SamplingPlanRecord.Status(rawValue: status) else {
            throw StoreError.invalidArgument(name: "sampling_plans.status", message: "unknown status \(status)")
        }
        return SamplingPlanRecord(
            id: row["id"], period: row["period"], status: planStatus, seed: row["seed"],
            inputSHA256: row["input_sha256"], sha256: row["sha256"], population: row["population"],
            selected: row["selected"], drawnBy: row["drawn_by"], drawnAt: StoreTime.date(row["drawn_at"]),
            revokedBy: row["revoked_by"], revokedAt: (row["revoked_at"] as Int64?).map(StoreTime.date),
            revokeReason: row["revoke_reason"])
    }
}
