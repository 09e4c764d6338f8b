import Foundation
import PostgresNIO
import QualityStore

extension PostgresStore {
    public func saveSnapshot(period: String, json: [UInt8], sha256: String, createdAt: Date) async throws(StoreError)
        -> SnapshotInfo
    {
        guard !period.isEmpty else { throw .invalidArgument(name: "period", message: "a snapshot needs a period") }
        let kept = options.snapshotsKeptPerPeriod
        return try await transaction(locking: PeriodLock(kind: .snapshot, period: period)) { transaction in
            if let latest = try await transaction.row(.latestSnapshot(period: period, json: false))
                .map(SnapshotInfo.init(row:)), latest.sha256 == sha256
            {
                return latest
            }
            let id = try await transaction.insert(
                .insertSnapshot(period: period, json: json, sha256: sha256, createdAt: createdAt))
            if kept > 0 { try await transaction.execute(.pruneSnapshots(period: period, kept: kept)) }
            return SnapshotInfo(id: id, period: period, json: json, sha256: sha256, createdAt: createdAt)
        }
    }

    public func latestSnapshot(period: String) async throws(StoreError) -> StoredSnapshot? {
        try await read(.latestSnapshot(period: period, json: true)) { rows in
            try rows.first.map(StoredSnapshot.init(row:))
        }
    }

    public func snapshotPeriods() async throws(StoreError) -> [String] {
        let periods = try await read("SELECT DISTINCT period FROM snapshots") { rows in
            try rows.map { try $0.text("period") }
        }
        return StoreRules.sortedPeriods(periods)
    }
}
