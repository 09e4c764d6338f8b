import Foundation
import GRDB

extension SQLiteStore: CopyableStore {
    public var location: String { path }

    public func rows(of table: StoreTable, after id: Int64, limit: Int) async throws(StoreError) -> [[StoreValue]] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(table.columnList) FROM \(table.name) WHERE id > ? ORDER BY id LIMIT ?",
                arguments: [id, max(0, limit)]
            ).map { row in
                (0..<row.count).map { column -> StoreValue in
                    switch (row[column] as DatabaseValue).storage {
                    case .null: .null
                    case .int64(let n): .integer(n)
                    case .double(let x): .real(x)
                    case .string(let s): .text(s)
                    case .blob(let data): .blob([UInt8](data))
                    }
                }
            }
        }
    }

    public func insert(_ rows: [[StoreValue]], into table: StoreTable) async throws(StoreError) {
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        try await write { db in
            let statement = try db.cachedStatement(
                sql: "INSERT INTO \(table.name) (\(table.columnList)) VALUES (\(placeholders))")
            for row in rows {
                try statement.execute(
                    arguments: StatementArguments(
                        row.map { value -> DatabaseValue in
                            switch value {
                            case .null: .null
                            case .integer(let n): n.databaseValue
                            case .real(let x): x.databaseValue
                            case .text(let s): s.databaseValue
                            case .blob(let bytes): Data(bytes).databaseValue
                            }
                        }))
            }
        }
    }

    public func count(of table: StoreTable) async throws(StoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)") ?? 0 }
    }

    /// SQLite's AUTOINCREMENT already continues after the highest id inserted.
    public func finishCopy() async throws(StoreError) {}
}
