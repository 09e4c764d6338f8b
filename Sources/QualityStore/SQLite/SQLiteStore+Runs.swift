import Foundation
import GRDB
import QualityCore

extension SQLiteStore {
    private static let runColumns = """
        id, period, config_sha256, snapshot_sha256, started_at, finished_at, duration_seconds, status, error, \
        result_size
        """

    public func recordRun(_ run: ScoringRun, resultJSON: [UInt8]?) async throws(StoreError) -> ScoringRun {
        guard !run.period.isEmpty else { throw .invalidArgument(name: "period", message: "a run needs a period") }
        let json = try StoreRules.resultToKeep(run, resultJSON: resultJSON)
        let kept = options.resultsKeptPerPeriod
        return try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO scoring_runs (period, config_sha256, snapshot_sha256, started_at, finished_at,
                                              duration_seconds, status, error, result_size, result_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.period, run.configSHA256, run.snapshotSHA256, StoreTime.millis(run.startedAt),
                    StoreTime.millis(run.finishedAt), run.durationSeconds, run.status.rawValue, run.error,
                    json?.count ?? 0, json.map { Data($0) },
                ])
            var stored = run
            stored.id = db.lastInsertedRowID
            stored.startedAt = StoreTime.normalized(run.startedAt)
            stored.finishedAt = StoreTime.normalized(run.finishedAt)
            stored.resultSize = json?.count ?? 0
            if json != nil, kept > 0 {
                // Older results of the period give way; their runs stay listed with result_size 0.
                try db.execute(
                    sql: """
                        UPDATE scoring_runs SET result_json = NULL, result_size = 0
                        WHERE period = ? AND status = 'success' AND result_json IS NOT NULL AND id NOT IN (
                            SELECT id FROM scoring_runs
                            WHERE period = ? AND status = 'success' AND result_json IS NOT NULL
                            ORDER BY finished_at DESC, id DESC LIMIT ?)
                        """,
                    arguments: [run.period, run.period, kept])
            }
            return stored
        }
    }

    public func latestSuccessfulRun(period: String) async throws(StoreError) -> StoredResult? {
        try await read { db in
            // A cursor's row reads straight from the statement: the blob is copied once, not twice.
            let rows = try Row.fetchCursor(db, sql: Self.latestRunSQL, arguments: [period])
            guard let row = try rows.next() else { return nil }
            return StoredResult(run: Self.run(from: row), json: try row.bytes("result_json"))
        }
    }

    /// One lookup in the partial index `scoring_runs_with_result`, then the row with its blob.
    static let latestRunSQL = """
        SELECT \(runColumns), result_json FROM scoring_runs
        WHERE period = ? AND status = 'success' AND result_json IS NOT NULL
        ORDER BY finished_at DESC, id DESC LIMIT 1
        """

    public func runs(period: String?, limit: Int, offset: Int) async throws(StoreError) -> [ScoringRun] {
        try await read { db in
            let rows: [Row]
            if let period {
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Self.runColumns) FROM scoring_runs WHERE period = ?
                        ORDER BY finished_at DESC, id DESC LIMIT ? OFFSET ?
                        """,
                    arguments: [period, max(0, limit), max(0, offset)])
            } else {
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Self.runColumns) FROM scoring_runs
                        ORDER BY finished_at DESC, id DESC LIMIT ? OFFSET ?
                        """,
                    arguments: [max(0, limit), max(0, offset)])
            }
            return rows.map(Self.run(from:))
        }
    }

    /// The query plan of `latestSuccessfulRun`, one line per step, to check that it stays an index lookup.
    func latestRunQueryPlan() async throws(StoreError) -> [String] {
        try await read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Self.latestRunSQL, arguments: ["2025"])
                .map { $0["detail"] as String }
        }
    }

    private static func run(from row: Row) -> ScoringRun {
        ScoringRun(
            id: row["id"], period: row["period"], configSHA256: row["config_sha256"],
            snapshotSHA256: row["snapshot_sha256"], startedAt: StoreTime.date(row["started_at"]),
            finishedAt: StoreTime.date(row["finished_at"]), durationSeconds: row["duration_seconds"],
            status: RunStatus(rawValue: row["status"]) ?? .failure, error: row["error"], resultSize: row["result_size"])
    }
}
