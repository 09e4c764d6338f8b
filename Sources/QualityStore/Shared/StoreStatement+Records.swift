import Foundation

/// The statements on pulls, snapshots, scoring runs, the audit log and sessions, the same in both stores.
extension StoreStatement {
    // MARK: Pulls

    /// What a pull's row holds besides `rejected_total`, which only an index reads.
    package static let pullColumns = StoreTable.pulls.columnList(excluding: ["rejected_total"])

    package static func insertPull(_ pull: PullRecord) -> StoreStatement {
        StoreStatement(
            """
            INSERT INTO pulls (source, started_at, finished_at, status, records, rejected_total, rejected, bytes,
                               duration_seconds, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                pull.source, pull.startedAt, pull.finishedAt, pull.status.rawValue, pull.records, pull.rejectedTotal,
                StoreRules.encodeCounts(pull.rejected), pull.bytes, pull.durationSeconds, pull.error,
            ])
    }

    /// Pulls newest first, of one source or of all.
    package static func recentPulls(source: String?, limit: Int) -> StoreStatement {
        let filter: [any StoreValueConvertible] = source.map { [$0] } ?? []
        return StoreStatement(
            "SELECT \(pullColumns) FROM pulls \(source == nil ? "" : "WHERE source = ? ")"
                + "ORDER BY finished_at DESC, id DESC LIMIT ?", filter + [max(0, limit)])
    }

    package static func lastSuccessfulPull(source: String) -> StoreStatement {
        StoreStatement(
            """
            SELECT \(pullColumns) FROM pulls WHERE source = ? AND status = 'success'
            ORDER BY finished_at DESC, id DESC LIMIT 1
            """, [source])
    }

    // MARK: Snapshots

    package static func insertSnapshot(period: String, json: [UInt8], sha256: String, createdAt: Date)
        -> StoreStatement
    {
        StoreStatement(
            "INSERT INTO snapshots (period, sha256, created_at, size, json) VALUES (?, ?, ?, ?, ?)",
            [period, sha256, createdAt, json.count, json])
    }

    /// Deletes the period's snapshots but the newest `kept`.
    package static func pruneSnapshots(period: String, kept: Int) -> StoreStatement {
        StoreStatement(
            """
            DELETE FROM snapshots WHERE period = ? AND id NOT IN (
                SELECT id FROM snapshots WHERE period = ? ORDER BY created_at DESC, id DESC LIMIT ?)
            """, [period, period, kept])
    }

    /// The period's newest snapshot, with its JSON or without.
    package static func latestSnapshot(period: String, json: Bool) -> StoreStatement {
        let columns = StoreTable.snapshots.columnList(excluding: json ? [] : ["json"])
        return StoreStatement(
            "SELECT \(columns) FROM snapshots WHERE period = ? ORDER BY created_at DESC, id DESC LIMIT 1", [period])
    }

    // MARK: Scoring runs

    package static let runColumns = StoreTable.scoringRuns.columnList(excluding: ["result_json"])

    package static func insertRun(_ run: ScoringRun, resultJSON json: [UInt8]?) -> StoreStatement {
        StoreStatement(
            """
            INSERT INTO scoring_runs (period, config_sha256, snapshot_sha256, started_at, finished_at,
                                      duration_seconds, status, error, result_size, result_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                run.period, run.configSHA256, run.snapshotSHA256, run.startedAt, run.finishedAt, run.durationSeconds,
                run.status.rawValue, run.error, json?.count ?? 0, json,
            ])
    }

    /// Drops the results of the period's successful runs but the newest `kept`; their runs stay
    /// listed with result_size 0.
    package static func pruneResults(period: String, kept: Int) -> StoreStatement {
        StoreStatement(
            """
            UPDATE scoring_runs SET result_json = NULL, result_size = 0
            WHERE period = ? AND status = 'success' AND result_json IS NOT NULL AND id NOT IN (
                SELECT id FROM scoring_runs
                WHERE period = ? AND status = 'success' AND result_json IS NOT NULL
                ORDER BY finished_at DESC, id DESC LIMIT ?)
            """, [period, period, kept])
    }

    /// One lookup in the partial index `scoring_runs_with_result`, then the row with its blob.
    package static func latestSuccessfulRun(period: String) -> StoreStatement {
        StoreStatement(
            """
            SELECT \(runColumns), result_json FROM scoring_runs
            WHERE period = ? AND status = 'success' AND result_json IS NOT NULL
            ORDER BY finished_at DESC, id DESC LIMIT 1
            """, [period])
    }

    /// Runs newest first without their results, of one period or of all.
    package static func runs(period: String?, limit: Int, offset: Int) -> StoreStatement {
        let filter: [any StoreValueConvertible] = period.map { [$0] } ?? []
        return StoreStatement(
            "SELECT \(runColumns) FROM scoring_runs \(period == nil ? "" : "WHERE period = ? ")"
                + "ORDER BY finished_at DESC, id DESC LIMIT ? OFFSET ?", filter + [max(0, limit), max(0, offset)])
    }

    // MARK: Audit log

    package static func insertAudit(_ entry: AuditEntry) -> StoreStatement {
        StoreStatement(
            "INSERT INTO audit_log (at, who, action, period, detail, sha256, row_count) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [entry.at, entry.who, entry.action.rawValue, entry.period, entry.detail, entry.sha256, entry.rows])
    }

    package static func auditLog(limit: Int, offset: Int) -> StoreStatement {
        StoreStatement(
            "SELECT \(StoreTable.auditLog.columnList) FROM audit_log ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
            [max(0, limit), max(0, offset)])
    }

    // MARK: Sessions

    package static func deleteExpiredSessions(now: Date) -> StoreStatement {
        StoreStatement("DELETE FROM sessions WHERE expires_at <= ?", [now])
    }

    /// Sessions in all, or of one token; the count as `n`.
    package static func countSessions(token: String? = nil) -> StoreStatement {
        token.map { StoreStatement("SELECT count(*) AS n FROM sessions WHERE token_sha256 = ?", [$0]) }
            ?? StoreStatement("SELECT count(*) AS n FROM sessions")
    }

    /// Ends the `count` oldest sessions of `token`.
    package static func endOldestSessions(token: String, count: Int) -> StoreStatement {
        StoreStatement(
            """
            DELETE FROM sessions WHERE id_sha256 IN (
                SELECT id_sha256 FROM sessions WHERE token_sha256 = ?
                ORDER BY expires_at, id_sha256 LIMIT ?)
            """, [token, count])
    }

    /// Ends the oldest session among the tokens holding the most, counting the one `token` signs in.
    package static func endCrowdedSession(signingIn token: String) -> StoreStatement {
        StoreStatement(
            """
            WITH counts AS (
                SELECT token_sha256, count(*) + CASE WHEN token_sha256 = ? THEN 1 ELSE 0 END AS n
                FROM sessions GROUP BY token_sha256)
            DELETE FROM sessions WHERE id_sha256 = (
                SELECT s.id_sha256 FROM sessions s JOIN counts c ON c.token_sha256 = s.token_sha256
                WHERE c.n = (SELECT max(n) FROM counts) ORDER BY s.expires_at, s.id_sha256 LIMIT 1)
            """, [token])
    }

    package static func insertSession(_ session: SessionRecord) -> StoreStatement {
        StoreStatement(
            "INSERT INTO sessions (id_sha256, token_sha256, expires_at) VALUES (?, ?, ?)",
            [session.idSHA256.lowercased(), session.tokenSHA256.lowercased(), session.expires])
    }

    package static func session(idSHA256: String) -> StoreStatement {
        StoreStatement("SELECT id_sha256, token_sha256, expires_at FROM sessions WHERE id_sha256 = ?", [idSHA256])
    }

    package static func removeSession(idSHA256: String) -> StoreStatement {
        StoreStatement("DELETE FROM sessions WHERE id_sha256 = ?", [idSHA256])
    }
}

/// The statements `qualityd store copy` runs on every table.
extension StoreStatement {
    /// Up to `limit` rows of `table` with an id above `id`, in id order.
    package static func page(of table: StoreTable, after id: Int64, limit: Int) -> StoreStatement {
        StoreStatement(
            "SELECT \(table.columnList) FROM \(table.name) WHERE id > ? ORDER BY id LIMIT ?", [id, max(0, limit)])
    }

    /// Inserts `row` into `table`, every column given, its id included.
    package static func insert(_ row: [StoreValue], into table: StoreTable) -> StoreStatement {
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        return StoreStatement("INSERT INTO \(table.name) (\(table.columnList)) VALUES (\(placeholders))", row)
    }
}
