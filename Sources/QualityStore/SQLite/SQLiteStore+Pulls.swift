import Foundation
import GRDB
import QualityCore

extension SQLiteStore {
    public func recordPull(_ pull: PullRecord) async throws(StoreError) -> PullRecord {
        guard !pull.source.isEmpty else { throw .invalidArgument(name: "source", message: "a pull needs a source id") }
        return try await write { db in pull.stored(id: try db.insert(.insertPull(pull))) }
    }

    public func recentPulls(source: String?, limit: Int) async throws(StoreError) -> [PullRecord] {
        try await read { db in try db.rows(.recentPulls(source: source, limit: limit)).map(PullRecord.init(row:)) }
    }

    public func lastPulls(successfulOnly: Bool) async throws(StoreError) -> [PullRecord] {
        try await read { db in
            // The newest pull per source: walk the distinct sources, then one indexed lookup each.
            let filter = successfulOnly ? "AND p.status = 'success'" : ""
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(StoreStatement.pullColumns) FROM pulls WHERE id IN (
                        SELECT (SELECT p.id FROM pulls p WHERE p.source = s.source \(filter)
                                ORDER BY p.finished_at DESC, p.id DESC LIMIT 1)
                        FROM (SELECT DISTINCT source FROM pulls) s)
                    ORDER BY source
                    """)
            return try rows.map(PullRecord.init(row:))
        }
    }

    public func lastSuccessfulPull(source: String) async throws(StoreError) -> PullRecord? {
        try await read { db in try db.row(.lastSuccessfulPull(source: source)).map(PullRecord.init(row:)) }
    }
}
