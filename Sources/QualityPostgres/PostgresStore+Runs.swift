import Foundation
import PostgresNIO
import QualityStore

extension PostgresStore {
    private static let runColumns = """
        id, period, config_sha256, snapshot_sha256, started_at, finished_at, duration_seconds, status, error, \
        result_size
        """

    public func recordRun(_ run: ScoringRun, resultJSON: [UInt8]?) async throws(StoreError) -> ScoringRun {
        guard !run.period.isEmpty else { throw .invalidArgument(name: "period", message: "a run needs a period") }
        let json = try StoreRules.resultToKeep(run, resultJSON: resultJSON)
        let kept = Int64(options.resultsKeptPerPeriod)
        let id = try await transaction { transaction in
            let id = try Self.id(
                await transaction.rows(
                    """
                    INSERT INTO scoring_runs (period, config_sha256, snapshot_sha256, started_at, finished_at,
                                              duration_seconds, status, error, result_size, result_json)
                    VALUES (\(run.period), \(run.configSHA256), \(run.snapshotSHA256), \(StoreTime.millis(run.startedAt)),
                            \(StoreTime.millis(run.finishedAt)), \(run.durationSeconds), \(run.status.rawValue),
                            \(run.error), \(Int64(json?.count ?? 0)), \(json?.bytea))
                    RETURNING id
                    """))
            if json != nil, kept > 0 {
                // Older results of the period give way; their runs stay listed with result_size 0.
                try await transaction.execute(
                    """
                    UPDATE scoring_runs SET result_json = NULL, result_size = 0
                    WHERE period = \(run.period) AND status = 'success' AND result_json IS NOT NULL AND id NOT IN (
                        SELECT id FROM scoring_runs
                        WHERE period = \(run.period) AND status = 'success' AND result_json IS NOT NULL
                        ORDER BY finished_at DESC, id DESC LIMIT \(kept))
                    """)
            }
            return id
        }
        var stored = run
        stored.id = id
        stored.startedAt = StoreTime.normalized(run.startedAt)
        stored.finishedAt = StoreTime.normalized(run.finishedAt)
        stored.resultSize = json?.count ?? 0
        return stored
    }

    public func latestSuccessfulRun(period: String) async throws(StoreError) -> StoredResult? {
        try await read(
            """
            SELECT \(unescaped: Self.runColumns), result_json FROM scoring_runs
            WHERE period = \(period) AND status = 'success' AND result_json IS NOT NULL
            ORDER BY finished_at DESC, id DESC LIMIT 1
            """
        ) { rows in
            try rows.first.map { row in StoredResult(run: try Self.run(from: row), json: try row.bytes("result_json")) }
        }
    }

    public func runs(period: String?, limit: Int, offset: Int) async throws(StoreError) -> [ScoringRun] {
        let limit = Int64(max(0, limit))
        let offset = Int64(max(0, offset))
        let query: PostgresQuery
        if let period {
            query = """
                SELECT \(unescaped: Self.runColumns) FROM scoring_runs WHERE period = \(period)
                ORDER BY finished_at DESC, id DESC LIMIT \(limit) OFFSET \(offset)
                """
        } else {
            query = """
                SELECT \(unescaped: Self.runColumns) FROM scoring_runs
                ORDER BY finished_at DESC, id DESC LIMIT \(limit) OFFSET \(offset)
                """
        }
        return try await read(query) { rows in try rows.map(Self.run(from:)) }
    }

    private static func run(from row: PostgresRandomAccessRow) throws -> ScoringRun {
        ScoringRun(
            id: try row.get("id"), period: try row.get("period"), configSHA256: try row.get("config_sha256"),
            snapshotSHA256: try row.get("snapshot_sha256"), startedAt: try row.date("started_at"),
            finishedAt: try row.date("finished_at"), durationSeconds: try row.get("duration_seconds"),
            status: RunStatus(rawValue: try row.get("status")) ?? .failure, error: try row.get("error"),
            resultSize: try row.get("result_size"))
    }
}
