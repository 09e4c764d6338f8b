import Foundation
import QualityCore

// How a row of each table maps to its value, once for both stores. A query selects at least the
// columns its mapping reads (`StoreStatement`'s column lists).

extension PullRecord {
    package init(row: some StoreRow) throws {
        self.init(
            id: try row.integer("id"), source: try row.text("source"), startedAt: try row.date("started_at"),
            finishedAt: try row.date("finished_at"), status: PullStatus(rawValue: try row.text("status")),
            records: try row.int("records"), rejected: try StoreRules.decodeCounts(try row.text("rejected")),
            bytes: try row.integer("bytes"), durationSeconds: try row.real("duration_seconds"),
            error: try row.optionalText("error"))
    }
}

extension SnapshotInfo {
    package init(row: some StoreRow) throws {
        self.init(
            id: try row.integer("id"), period: try row.text("period"), sha256: try row.text("sha256"),
            createdAt: try row.date("created_at"), size: try row.int("size"))
    }
}

extension StoredSnapshot {
    package init(row: some StoreRow) throws {
        self.init(info: try SnapshotInfo(row: row), json: try row.bytes("json"))
    }
}

extension ScoringRun {
    package init(row: some StoreRow) throws {
        self.init(
            id: try row.integer("id"), period: try row.text("period"), configSHA256: try row.text("config_sha256"),
            snapshotSHA256: try row.optionalText("snapshot_sha256"), startedAt: try row.date("started_at"),
            finishedAt: try row.date("finished_at"), durationSeconds: try row.real("duration_seconds"),
            status: RunStatus(rawValue: try row.text("status")) ?? .failure, error: try row.optionalText("error"),
            resultSize: try row.int("result_size"))
    }
}

extension StoredResult {
    package init(row: some StoreRow) throws {
        self.init(run: try ScoringRun(row: row), json: try row.bytes("result_json"))
    }
}

extension SubsidyList {
    package init(row: some StoreRow) throws {
        self.init(
            id: try row.integer("id"), period: try row.text("period"),
            status: try row.enumValue("status", of: "subsidy_lists"), sha256: try row.text("sha256"),
            size: try row.int("size"), payoutCount: try row.int("payout_count"),
            grantedFen: try row.integer("granted_fen"), noticeStart: try row.date("notice_start"),
            noticeEnd: try row.date("notice_end"), publishedBy: try row.text("published_by"),
            publishedAt: try row.date("published_at"), confirmedBy: try row.optionalText("confirmed_by"),
            confirmedAt: try row.optionalDate("confirmed_at"), revokedBy: try row.optionalText("revoked_by"),
            revokedAt: try row.optionalDate("revoked_at"), revokeReason: try row.optionalText("revoke_reason"))
    }
}

extension FrozenList {
    package init(row: some StoreRow) throws {
        let labels = try row.bytes("labels_json")
        self.init(
            list: try SubsidyList(row: row), json: try row.bytes("result_json"),
            labelsJSON: labels.isEmpty ? nil : labels)
    }
}

extension Payout {
    package init(row: some StoreRow) throws {
        self.init(
            uscc: try row.text("uscc"), program: try row.text("program"), year: try row.int("year"),
            grantedFen: try row.integer("granted_fen"))
    }
}

extension AuditEntry {
    package init(row: some StoreRow) throws {
        self.init(
            id: try row.integer("id"), at: try row.date("at"), who: try row.text("who"),
            action: AuditAction(rawValue: try row.text("action")), period: try row.optionalText("period"),
            detail: try row.optionalText("detail"), sha256: try row.optionalText("sha256"),
            rows: try row.optionalInt("row_count"))
    }
}

extension SamplingPlanRecord {
    package init(row: some StoreRow) throws {
        self.init(
            id: try row.integer("id"), period: try row.text("period"),
            status: try row.enumValue("status", of: "sampling_plans"), seed: try row.text("seed"),
            inputSHA256: try row.text("input_sha256"), sha256: try row.text("sha256"),
            population: try row.int("population"), selected: try row.int("selected"),
            drawnBy: try row.text("drawn_by"), drawnAt: try row.date("drawn_at"),
            revokedBy: try row.optionalText("revoked_by"), revokedAt: try row.optionalDate("revoked_at"),
            revokeReason: try row.optionalText("revoke_reason"))
    }
}

extension FrozenSamplingPlan {
    package init(row: some StoreRow) throws {
        self.init(record: try SamplingPlanRecord(row: row), json: try row.bytes("plan_json"))
    }
}

extension Correction {
    package init(row: some StoreRow) throws {
        self.init(
            id: try row.integer("id"), period: try row.text("period"),
            entity: try row.enumValue("entity", of: "corrections"), key: try row.text("entity_key"),
            fact: try row.text("fact"), valueJSON: try row.text("value_json"), reason: try row.text("reason"),
            evidence: try row.text("evidence"), status: try row.enumValue("status", of: "corrections"),
            proposedBy: try row.text("proposed_by"), proposedAt: try row.date("proposed_at"),
            decidedBy: try row.optionalText("decided_by"), decidedAt: try row.optionalDate("decided_at"),
            decisionReason: try row.optionalText("decision_reason"))
    }
}

extension Appeal {
    package init(row: some StoreRow) throws {
        self.init(
            id: try row.integer("id"), period: try row.text("period"), district: try row.text("district"),
            indicator: try row.text("indicator"), text: try row.text("appeal_text"),
            status: try row.enumValue("status", of: "appeals"), recordedBy: try row.text("recorded_by"),
            recordedAt: try row.date("recorded_at"), resolvedBy: try row.optionalText("resolved_by"),
            resolvedAt: try row.optionalDate("resolved_at"), resolution: try row.optionalText("resolution"),
            correctionIDs: (try row.optionalText("correction_ids") ?? "").split(separator: ",").compactMap {
                Int64($0)
            })
    }
}

extension SessionRecord {
    package init(row: some StoreRow) throws {
        self.init(
            idSHA256: try row.text("id_sha256"), tokenSHA256: try row.text("token_sha256"),
            expires: try row.date("expires_at"))
    }
}
