import Foundation
import PostgresNIO
import QualityStore

extension PostgresStore {
    private static let pullColumns =
        "id, source, started_at, finished_at, status, records, rejected, bytes, duration_seconds, error"

    public func recordPull(_ pull: PullRecord) async throws(StoreError) -> PullRecord {
        guard !pull.source.isEmpty else { throw .invalidArgument(name: "source", message: "a pull needs a source id") }
        let rejected = StoreRules.encodeCounts(pull.rejected)
        let id = try await read(
            """
            INSERT INTO pulls (source, started_at, finished_at, status, records, rejected_total, rejected, bytes,
                               duration_seconds, error)
            VALUES (\(pull.source), \(StoreTime.millis(pull.startedAt)), \(StoreTime.millis(pull.finishedAt)),
                    \(pull.status.rawValue), \(Int64(pull.records)), \(Int64(pull.rejectedTotal)), \(rejected),
                    \(pull.bytes), \(pull.durationSeconds), \(pull.error))
            RETURNING id
            """
        ) { rows in try Self.id(rows) }
        var stored = pull
        stored.id = id
        stored.startedAt = StoreTime.normalized(pull.startedAt)
        stored.finishedAt = StoreTime.normalized(pull.finishedAt)
        return stored
    }

    public func recentPulls(source: String?, limit: Int) async throws(StoreError) -> [PullRecord] {
        let limit = Int64(max(0, limit))
        let query: PostgresQuery
        if let source {
            query = """
                SELECT \(unescaped: Self.pullColumns) FROM pulls WHERE source = \(source)
                ORDER BY finished_at DESC, id DESC LIMIT \(limit)
                """
        } else {
            query = "SELECT \(unescaped: Self.pullColumns) FROM pulls ORDER BY finished_at DESC, id DESC LIMIT \(limit)"
        }
        return try await read(query) { rows in try rows.map(Self.pull(from:)) }
    }

    public func lastPulls(successfulOnly: Bool) async throws(StoreError) -> [PullRecord] {
        let filter = successfulOnly ? "WHERE status = 'success'" : ""
        // Sources in byte order, as SQLite sorts text, whatever the database's collation.
        return try await read(
            """
            SELECT * FROM (
                SELECT DISTINCT ON (source) \(unescaped: Self.pullColumns) FROM pulls \(unescaped: filter)
                ORDER BY source, finished_at DESC, id DESC) newest
            ORDER BY source COLLATE "C"
            """
        ) { rows in try rows.map(Self.pull(from:)) }
    }

    public func lastSuccessfulPull(source: String) async throws(StoreError) -> PullRecord? {
        try await read(
            """
            SELECT \(unescaped: Self.pullColumns) FROM pulls WHERE source = \(source) AND status = 'success'
            ORDER BY finished_at DESC, id DESC LIMIT 1
            """
        ) { rows in try rows.first.map(Self.pull(from:)) }
    }

    private static func pull(from row: PostgresRandomAccessRow) throws -> PullRecord {
        PullRecord(
            id: try row.get("id"), source: try row.get("source"), startedAt: try row.date("started_at"),
            finishedAt: try row.date("finished_at"), status: PullStatus(rawValue: try row.get("status")),
            records: try row.get("records"), rejected: try StoreRules.decodeCounts(try row.get("rejected")),
            bytes: try row.get("bytes"), durationSeconds: try row.get("duration_seconds"), error: try row.get("error"))
    }

    /// The `id` a `RETURNING id` gave.
    static func id(_ rows: [PostgresRandomAccessRow]) throws -> Int64 {
        guard let row = rows.first else {
            throw StoreError.invalidArgument(name: "id", message: "the insert returned no id")
        }
        return try row.get("id")
    }
}
