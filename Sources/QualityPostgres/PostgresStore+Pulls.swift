import Foundation
import PostgresNIO
import QualityStore

extension PostgresStore {
    public func recordPull(_ pull: PullRecord) async throws(StoreError) -> PullRecord {
        guard !pull.source.isEmpty else { throw .invalidArgument(name: "source", message: "a pull needs a source id") }
        let id = try await read(StoreStatement.insertPull(pull).appending(" RETURNING id"), Self.id)
        return pull.stored(id: id)
    }

    public func recentPulls(source: String?, limit: Int) async throws(StoreError) -> [PullRecord] {
        try await read(.recentPulls(source: source, limit: limit)) { rows in try rows.map(PullRecord.init(row:)) }
    }

    public func lastPulls(successfulOnly: Bool) async throws(StoreError) -> [PullRecord] {
        let filter = successfulOnly ? "WHERE status = 'success'" : ""
        // Sources in byte order, as SQLite sorts text, whatever the database's collation.
        return try await read(
            """
            SELECT * FROM (
                SELECT DISTINCT ON (source) \(unescaped: StoreStatement.pullColumns) FROM pulls \(unescaped: filter)
                ORDER BY source, finished_at DESC, id DESC) newest
            ORDER BY source COLLATE "C"
            """
        ) { rows in try rows.map(PullRecord.init(row:)) }
    }

    public func lastSuccessfulPull(source: String) async throws(StoreError) -> PullRecord? {
        try await read(.lastSuccessfulPull(source: source)) { rows in try rows.first.map(PullRecord.init(row:)) }
    }

    /// The `id` a `RETURNING id` gave.
    static func id(_ rows: [PostgresRandomAccessRow]) throws -> Int64 {
        guard let row = rows.first else {
            throw StoreError.invalidArgument(name: "id", message: "the insert returned no id")
        }
        return try row.integer("id")
    }
}
