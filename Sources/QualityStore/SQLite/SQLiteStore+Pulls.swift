import Foundation
import GRDB
import QualityCore

extension SQLiteStore {
    private static let pullColumns =
        "id, source, started_at, finished_at, status, records, rejected, bytes, duration_seconds, error"

    public func recordPull(_ pull: PullRecord) async throws(StoreError) -> PullRecord {
        guard !pull.source.isEmpty else { throw .invalidArgument(name: "source", message: "a pull needs a source id") }
        return try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO pulls (source, started_at, finished_at, status, records, rejected_total, rejected,
                                       bytes, duration_seconds, error)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    pull.source, StoreTime.millis(pull.startedAt), StoreTime.millis(pull.finishedAt),
                    pull.status.rawValue, pull.records, pull.rejectedTotal, StoreRules.encodeCounts(pull.rejected),
                    pull.bytes, pull.durationSeconds, pull.error,
                ])
            var stored = pull
            stored.id = db.lastInsertedRowID
            stored.startedAt = StoreTime.normalized(pull.startedAt)
            stored.finishedAt = StoreTime.normalized(pull.finishedAt)
            return stored
        }
    }

    public func recentPulls(source: String?, limit: Int) async throws(StoreError) -> [PullRecord] {
        try await read { db in
            let rows: [Row]
            if let source {
                rows = try Row.fetchAll(
                    db,
                    sql:
                        "SELECT \(Self.pullColumns) FROM pulls WHERE source = ? ORDER BY finished_at DESC, id DESC LIMIT ?",
                    arguments: [source, max(0, limit)])
            } else {
                rows = try Row.fetchAll(
                    db, sql: "SELECT \(Self.pullColumns) FROM pulls ORDER BY finished_at DESC, id DESC LIMIT ?",
                    arguments: [max(0, limit)])
            }
            return try rows.map(Self.pull(from:))
        }
    }

    public func lastPulls(successfulOnly: Bool) async throws(StoreError) -> [PullRecord] {
        try await read { db in
            // The newest pull per source: walk the distinct sources, then one indexed lookup each.
            let filter = successfulOnly ? "AND p.status = 'success'" : ""
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.pullColumns) FROM pulls WHERE id IN (
                        SELECT (SELECT p.id FROM pulls p WHERE p.source = s.source \(filter)
                                ORDER BY p.finished_at DESC, p.id DESC LIMIT 1)
                        FROM (SELECT DISTINCT source FROM pulls) s)
                    ORDER BY source
                    """)
            return try rows.map(Self.pull(from:))
        }
    }

    public func lastSuccessfulPull(source: String) async throws(StoreError) -> PullRecord? {
        try await read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT \(Self.pullColumns) FROM pulls WHERE source = ? AND status = 'success'
                    ORDER BY finished_at DESC, id DESC LIMIT 1
                    """,
                arguments: [source])
            return try row.map(Self.pull(from:))
        }
    }

    private static func pull(from row: Row) throws -> PullRecord {
        PullRecord(
            id: row["id"], source: row["source"], startedAt: StoreTime.date(row["started_at"]),
            finishedAt: StoreTime.date(row["finished_at"]), status: PullStatus(rawValue: row["status"]),
            records: row["records"], rejected: try StoreRules.decodeCounts(row["rejected"]), bytes: row["bytes"],
            durationSeconds: row["duration_seconds"], error: row["error"])
    }
}
