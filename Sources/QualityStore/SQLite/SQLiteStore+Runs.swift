import Foundation
import GRDB
import QualityCore

extension SQLiteStore {
    public func recordRun(_ run: ScoringRun, resultJSON: [UInt8]?) async throws(StoreError) -> ScoringRun {
        guard !run.period.isEmpty else { throw .invalidArgument(name: "period", message: "a run needs a period") }
        let json = try StoreRules.resultToKeep(run, resultJSON: resultJSON)
        let kept = options.resultsKeptPerPeriod
        return try await write { db in
            let stored = run.stored(id: try db.insert(.insertRun(run, resultJSON: json)), resultJSON: json)
            if json != nil, kept > 0 { try db.execute(.pruneResults(period: run.period, kept: kept)) }
            return stored
        }
    }

    public func latestSuccessfulRun(period: String) async throws(StoreError) -> StoredResult? {
        try await read { db in
            // A cursor's row reads straight from the statement: the blob is copied once, not twice.
            let statement = StoreStatement.latestSuccessfulRun(period: period)
            let rows = try Row.fetchCursor(db, sql: statement.sql, arguments: statement.databaseArguments)
            return try rows.next().map(StoredResult.init(row:))
        }
    }

    public func runs(period: String?, limit: Int, offset: Int) async throws(StoreError) -> [ScoringRun] {
        try await read { db in
            try db.rows(.runs(period: period, limit: limit, offset: offset)).map(ScoringRun.init(row:))
        }
    }

    /// The query plan of `latestSuccessfulRun`, one line per step, to check that it stays an index lookup.
    func latestRunQueryPlan() async throws(StoreError) -> [String] {
        try await read { db in
            let statement = StoreStatement.latestSuccessfulRun(period: "2025")
            return try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + statement.sql, arguments: statement.databaseArguments
            ).map { $0["detail"] as String }
        }
    }
}
