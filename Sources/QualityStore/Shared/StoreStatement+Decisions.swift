import Foundation
import QualityCore

/// The statements on subsidy lists, sampling plans, corrections and appeals, the same in both stores.
/// An update writes what the value's own change (`StoredValues+Changes.swift`) decided.
extension StoreStatement {
    // MARK: Subsidy lists

    /// The period's list in force (published or confirmed), with its frozen JSON or without.
    package static func listInForce(period: String, json: Bool) -> StoreStatement {
        let columns = StoreTable.subsidyLists.columnList(excluding: json ? [] : ["result_json", "labels_json"])
        return StoreStatement(
            "SELECT \(columns) FROM subsidy_lists WHERE period = ? AND status IN ('published', 'confirmed')", [period])
    }

    package static func listHistory(period: String) -> StoreStatement {
        StoreStatement(
            """
            SELECT \(StoreTable.subsidyLists.columnList(excluding: ["result_json", "labels_json"])) FROM subsidy_lists
            WHERE period = ? ORDER BY id DESC
            """, [period])
    }

    /// The payouts of confirmed lists that are not void, by USCC, program and year. `bytewise` is what
    /// makes the store order text byte by byte, as SQLite does by default (PostgreSQL's `COLLATE "C"`).
    package static func payouts(bytewise: String) -> StoreStatement {
        StoreStatement(
            """
            SELECT uscc, program, year, granted_fen FROM payouts WHERE voided_at IS NULL
            ORDER BY uscc\(bytewise), program\(bytewise), year, id
            """)
    }

    package static func listJSON(id: Int64) -> StoreStatement {
        StoreStatement("SELECT result_json FROM subsidy_lists WHERE id = ?", [id])
    }

    package static func supersedeList(id: Int64) -> StoreStatement {
        StoreStatement("UPDATE subsidy_lists SET status = 'superseded' WHERE id = ?", [id])
    }

    package static func insertList(_ list: SubsidyList, resultJSON: [UInt8], labelsJSON: [UInt8]?) -> StoreStatement {
        StoreStatement(
            """
            INSERT INTO subsidy_lists (period, status, sha256, size, payout_count, granted_fen, notice_start,
                                       notice_end, published_by, published_at, result_json, labels_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                list.period, list.status.rawValue, list.sha256, list.size, list.payoutCount, list.grantedFen,
                list.noticeStart, list.noticeEnd, list.publishedBy, list.publishedAt, resultJSON, labelsJSON,
            ])
    }

    package static func insertPayout(_ payout: Payout, of list: SubsidyList) -> StoreStatement {
        StoreStatement(
            "INSERT INTO payouts (list_id, period, uscc, program, year, granted_fen) VALUES (?, ?, ?, ?, ?, ?)",
            [list.id, list.period, payout.uscc, payout.program, payout.year, payout.grantedFen])
    }

    /// Writes a list's confirmation or revocation.
    package static func updateList(_ list: SubsidyList) -> StoreStatement {
        StoreStatement(
            """
            UPDATE subsidy_lists SET status = ?, confirmed_by = ?, confirmed_at = ?, revoked_by = ?, revoked_at = ?,
                                     revoke_reason = ?
            WHERE id = ?
            """,
            [
                list.status.rawValue, list.confirmedBy, list.confirmedAt, list.revokedBy, list.revokedAt,
                list.revokeReason, list.id,
            ])
    }

    /// Voids a revoked list's payouts.
    package static func voidPayouts(of list: SubsidyList) -> StoreStatement {
        StoreStatement(
            "UPDATE payouts SET voided_at = ? WHERE list_id = ? AND voided_at IS NULL", [list.revokedAt, list.id])
    }

    // MARK: Sampling plans

    static let planColumns = StoreTable.samplingPlans.columnList(excluding: ["plan_json"])

    /// The period's plan in force, with its JSON or without.
    package static func planInForce(period: String, json: Bool) -> StoreStatement {
        StoreStatement(
            "SELECT \(planColumns)\(json ? ", plan_json" : "") FROM sampling_plans WHERE period = ? AND status = 'drawn'",
            [period])
    }

    package static func latestPlan(period: String) -> StoreStatement {
        StoreStatement(
            "SELECT \(planColumns), plan_json FROM sampling_plans WHERE period = ? ORDER BY id DESC LIMIT 1", [period])
    }

    package static func planHistory(period: String) -> StoreStatement {
        StoreStatement("SELECT \(planColumns) FROM sampling_plans WHERE period = ? ORDER BY id DESC", [period])
    }

    /// The plans in force in period order (`bytewise` as for `payouts`), without their JSON.
    package static func plansInForce(bytewise: String) -> StoreStatement {
        StoreStatement("SELECT \(planColumns) FROM sampling_plans WHERE status = 'drawn' ORDER BY period\(bytewise)")
    }

    package static func insertPlan(_ record: SamplingPlanRecord, json: [UInt8]) -> StoreStatement {
        StoreStatement(
            """
            INSERT INTO sampling_plans (period, status, seed, input_sha256, sha256, population, selected,
                                        drawn_by, drawn_at, plan_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                record.period, record.status.rawValue, record.seed, record.inputSHA256, record.sha256,
                record.population, record.selected, record.drawnBy, record.drawnAt, json,
            ])
    }

    package static func revokePlan(_ record: SamplingPlanRecord) -> StoreStatement {
        StoreStatement(
            "UPDATE sampling_plans SET status = ?, revoked_by = ?, revoked_at = ?, revoke_reason = ? WHERE id = ?",
            [record.status.rawValue, record.revokedBy, record.revokedAt, record.revokeReason, record.id])
    }

    // MARK: Corrections

    package static func insertCorrection(_ c: Correction) -> StoreStatement {
        StoreStatement(
            """
            INSERT INTO corrections (period, entity, entity_key, fact, value_json, reason, evidence, status,
                                     proposed_by, proposed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                c.period, c.entity.rawValue, c.key, c.fact, c.valueJSON, c.reason, c.evidence, c.status.rawValue,
                c.proposedBy, c.proposedAt,
            ])
    }

    package static func correction(id: Int64) -> StoreStatement {
        StoreStatement("SELECT \(StoreTable.corrections.columnList) FROM corrections WHERE id = ?", [id])
    }

    package static func correctionPeriod(id: Int64) -> StoreStatement {
        StoreStatement("SELECT period FROM corrections WHERE id = ?", [id])
    }

    /// Corrections in id order, of one period and one status or of all when nil.
    package static func corrections(period: String?, status: Correction.Status?) -> StoreStatement {
        StoreStatement(
            """
            SELECT \(StoreTable.corrections.columnList) FROM corrections
            WHERE (CAST(? AS TEXT) IS NULL OR period = ?) AND (CAST(? AS TEXT) IS NULL OR status = ?) ORDER BY id
            """, [period, period, status?.rawValue, status?.rawValue])
    }

    /// Writes the decision on a correction that was still proposed.
    package static func decideCorrection(_ c: Correction) -> StoreStatement {
        StoreStatement(
            """
            UPDATE corrections SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?
            WHERE id = ? AND status = 'proposed'
            """, [c.status.rawValue, c.decidedBy, c.decidedAt, c.decisionReason, c.id])
    }

    // MARK: Appeals

    package static func insertAppeal(_ appeal: Appeal) -> StoreStatement {
        StoreStatement(
            """
            INSERT INTO appeals (period, district, indicator, appeal_text, status, recorded_by, recorded_at,
                                 correction_ids)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                appeal.period, appeal.district, appeal.indicator, appeal.text, appeal.status.rawValue,
                appeal.recordedBy, appeal.recordedAt, correctionIDs(appeal),
            ])
    }

    package static func appeal(id: Int64) -> StoreStatement {
        StoreStatement("SELECT \(StoreTable.appeals.columnList) FROM appeals WHERE id = ?", [id])
    }

    /// Appeals in id order, filtered by period, district and status when given.
    package static func appeals(period: String?, district: String?, status: Appeal.Status?) -> StoreStatement {
        StoreStatement(
            """
            SELECT \(StoreTable.appeals.columnList) FROM appeals
            WHERE (CAST(? AS TEXT) IS NULL OR period = ?) AND (CAST(? AS TEXT) IS NULL OR district = ?)
              AND (CAST(? AS TEXT) IS NULL OR status = ?)
            ORDER BY id
            """, [period, period, district, district, status?.rawValue, status?.rawValue])
    }

    /// Writes the resolution of an appeal that was still open.
    package static func resolveAppeal(_ appeal: Appeal) -> StoreStatement {
        StoreStatement(
            """
            UPDATE appeals SET status = ?, resolved_by = ?, resolved_at = ?, resolution = ?, correction_ids = ?
            WHERE id = ? AND status = 'open'
            """,
            [
                appeal.status.rawValue, appeal.resolvedBy, appeal.resolvedAt, appeal.resolution,
                correctionIDs(appeal), appeal.id,
            ])
    }

    /// The corrections an appeal led to as the `correction_ids` column keeps them: ids joined by commas.
    private static func correctionIDs(_ appeal: Appeal) -> String {
        appeal.correctionIDs.map(String.init).joined(separator: ",")
    }
}
