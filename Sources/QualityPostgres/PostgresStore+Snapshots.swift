import Foundation
import PostgresNIO
import QualityStore

extension PostgresStore {
    public func saveSnapshot(period: String, json: [UInt8], sha256: String, createdAt: Date) async throws(StoreError)
        -> SnapshotInfo
    {
        guard !period.isEmpty else { throw .invalidArgument(name: "period", message: "a snapshot needs a period") }
        let kept = Int64(options.snapshotsKeptPerPeriod)
        return try await transaction(locking: PeriodLock(kind: .snapshot, period: period)) { transaction in
            if let latest = try await transaction.row(
                """
                SELECT id, period, sha256, created_at, size FROM snapshots WHERE period = \(period)
                ORDER BY created_at DESC, id DESC LIMIT 1
                """
            ).map(Self.snapshotInfo(from:)), latest.sha256 == sha256 {
                return latest
            }
            let id = try Self.id(
                await transaction.rows(
                    """
                    INSERT INTO snapshots (period, sha256, created_at, size, json)
                    VALUES (\(period), \(sha256), \(StoreTime.millis(createdAt)), \(Int64(json.count)), \(json.bytea))
                    RETURNING id
                    """))
            if kept > 0 {
                try await transaction.execute(
                    """
                    DELETE FROM snapshots WHERE period = \(period) AND id NOT IN (
                        SELECT id FROM snapshots WHERE period = \(period) ORDER BY created_at DESC, id DESC LIMIT \(kept))
                    """)
            }
            return SnapshotInfo(
                id: id, period: period, sha256: sha256, createdAt: StoreTime.normalized(createdAt), size: json.count)
        }
    }

    public func latestSnapshot(period: String) async throws(StoreError) -> StoredSnapshot? {
        try await read(
            """
            SELECT id, period, sha256, created_at, size, json FROM snapshots WHERE period = \(period)
            ORDER BY created_at DESC, id DESC LIMIT 1
            """
        ) { rows in
            try rows.first.map { row in
                StoredSnapshot(info: try Self.snapshotInfo(from: row), json: try row.bytes("json"))
            }
        }
    }

    public func snapshotPeriods() async throws(StoreError) -> [String] {
        let periods = try await read("SELECT DISTINCT period FROM snapshots") { rows in
            try rows.map { try $0.get("period", as: String.self) }
        }
        return StoreRules.sortedPeriods(periods)
    }

    private static func snapshotInfo(from row: PostgresRandomAccessRow) throws -> SnapshotInfo {
        SnapshotInfo(
            id: try row.get("id"), period: try row.get("period"), sha256: try row.get("sha256"),
            createdAt: try row.date("created_at"), size: try row.get("size"))
    }
}
