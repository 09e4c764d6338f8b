import Foundation
import GRDB

extension SQLiteStore: CopyableStore {
    public var location: String { path }

    public func rows(of table: StoreTable, after id: Int64, limit: Int) async throws(StoreError) -> [[StoreValue]] {
        try await read { db in
            try db.rows(.page(of: table, after: id, limit: limit)).map { row in
                (0..<row.count).map { StoreValue(row[$0] as DatabaseValue) }
            }
        }
    }

    public func insert(_ rows: [[StoreValue]], into table: StoreTable) async throws(StoreError) {
        try await write { db in
            let statement = try db.cachedStatement(sql: StoreStatement.insert([], into: table).sql)
            for row in rows {
                try statement.execute(arguments: StatementArguments(row.map(\.databaseValue)))
            }
        }
    }

    public func count(of table: StoreTable) async throws(StoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)") ?? 0 }
    }

    /// SQLite's AUTOINCREMENT already continues after the highest id inserted.
    public func finishCopy() async throws(StoreError) {}
}
