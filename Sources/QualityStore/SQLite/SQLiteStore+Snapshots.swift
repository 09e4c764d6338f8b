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
            if let latest = try Self.latestSnapshotInfo(db, period: period), latest.sha256 == sha256 {
                return latest
            }
            try db.execute(
                sql: "INSERT INTO snapshots (period, sha256, created_at, size, json) VALUES (?, ?, ?, ?, ?)",
                arguments: [period, sha256, StoreTime.millis(createdAt), json.count, Data(json)])
            let id = db.lastInsertedRowID
            if kept > 0 {
                try db.execute(
                    sql: """
                        DELETE FROM snapshots WHERE period = ? AND id NOT IN (
                            SELECT id FROM snapshots WHERE period = ? ORDER BY created_at DESC, id DESC LIMIT ?)
                        """,
                    arguments: [period, period, kept])
            }
            return SnapshotInfo(
                id: id, period: period, sha256: sha256, createdAt: StoreTime.normalized(createdAt), size: json.count)
        }
    }

    public func latestSnapshot(period: String) async throws(StoreError) -> StoredSnapshot? {
        try await read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT id, period, sha256, created_at, size, json FROM snapshots WHERE period = ?
                    ORDER BY created_at DESC, id DESC LIMIT 1
                    """,
                arguments: [period])
            return try row.map { row in StoredSnapshot(info: Self.snapshotInfo(from: row), json: try row.bytes("json"))
            }
        }
    }

    public func snapshotPeriods() async throws(StoreError) -> [String] {
        let periods = try await read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT period FROM snapshots")
        }
        return StoreRules.sortedPeriods(periods)
    }

    private static func latestSnapshotInfo(_ db: Database, period: String) throws -> SnapshotInfo? {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT id, period, sha256, created_at, size FROM snapshots WHERE period = ?
                ORDER BY created_at DESC, id DESC LIMIT 1
                """,
            arguments: [period])
        return row.map(snapshotInfo(from:))
    }

    private static func snapshotInfo(from row: Row) -> SnapshotInfo {
        SnapshotInfo(
            id: row["id"], period: row["period"], sha256: row["sha256"], createdAt: StoreTime.date(row["created_at"]),
            size: row["size"])
    }
}

extension Row {
    /// A BLOB column as bytes, copied once out of SQLite's buffer with `memcpy`; NULL is empty.
    func bytes(_ column: String) throws -> [UInt8] {
        try withUnsafeData(named: column) { data in
            guard let data, !data.isEmpty else { return [] }
            return [UInt8](unsafeUninitializedCapacity: data.count) { buffer, count in
                count = data.copyBytes(to: buffer)
            }
        }
    }
}
