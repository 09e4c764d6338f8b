import Foundation
import PostgresNIO
import QualityStore

extension PostgresStore {
    public func recordRun(_ run: ScoringRun, resultJSON: [UInt8]?) async throws(StoreError) -> ScoringRun {
        guard !run.period.isEmpty else { throw .invalidArgument(name: "period", message: "a run needs a period") }
        let json = try StoreRules.resultToKeep(run, resultJSON: resultJSON)
        let kept = options.resultsKeptPerPeriod
        let id = try await transaction { transaction in
            let id = try await transaction.insert(.insertRun(run, resultJSON: json))
            if json != nil, kept > 0 { try await transaction.execute(.pruneResults(period: run.period, kept: kept)) }
            return id
        }
        return run.stored(id: id, resultJSON: json)
    }

    public func latestSuccessfulRun(period: String) async throws(StoreError) -> StoredResult? {
        try await read(.latestSuccessfulRun(period: period)) { rows in try rows.first.map(StoredResult.init(row:)) }
    }

    public func runs(period: String?, limit: Int, offset: Int) async throws(StoreError) -> [ScoringRun] {
        try await read(.runs(period: period, limit: limit, offset: offset)) { rows in
            try rows.map(ScoringRun.init(row:))
        }
    }
}
