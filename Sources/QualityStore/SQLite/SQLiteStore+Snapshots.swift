import Foundation
import GRDB
import QualityCore

extension SQLiteStore {
    public func saveSnapshot(period: String, json: [UInt8], sha256: String, createdAt: Date) async throws(StoreError)
        -> SnapshotInfo
    {
        guard !period.isEmpty else { throw .invalidArgument(name: "period", message: "a snapshot needs a period") }
        let kept = options.snapshotsKeptPerPeriod
        return try await write { db in
            if let latest = try db.row(.latestSnapshot(period: period, json: false)).map(SnapshotInfo.init(row:)),
                latest.sha256 == sha256
            {
                return latest
            }
            let id = try db.insert(.insertSnapshot(period: period, json: json, sha256: sha256, createdAt: createdAt))
            if kept > 0 { try db.execute(.pruneSnapshots(period: period, kept: kept)) }
            return SnapshotInfo(id: id, period: period, json: json, sha256: sha256, createdAt: createdAt)
        }
    }

    public func latestSnapshot(period: String) async throws(StoreError) -> StoredSnapshot? {
        try await read { db in try db.row(.latestSnapshot(period: period, json: true)).map(StoredSnapshot.init(row:)) }
    }

    public func snapshotPeriods() async throws(StoreError) -> [String] {
        let periods = try await read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT period FROM snapshots")
        }
        return StoreRules.sortedPeriods(periods)
    }
}
