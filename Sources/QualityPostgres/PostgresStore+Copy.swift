import Foundation
import PostgresNIO
import QualityStore

extension PostgresStore {
    public func rows(of table: StoreTable, after id: Int64, limit: Int) async throws(StoreError) -> [[StoreValue]] {
        try await read(.page(of: table, after: id, limit: limit)) { rows in
            try rows.map { row in try row.map(Self.value(of:)) }
        }
    }

    public func insert(_ rows: [[StoreValue]], into table: StoreTable) async throws(StoreError) {
        try await transaction { transaction in
            for row in rows { try await transaction.execute(.insert(row, into: table)) }
        }
    }

    public func count(of table: StoreTable) async throws(StoreError) -> Int {
        try await read("SELECT count(*) AS n FROM \(unescaped: table.name)") { rows in
            try rows.first?.get("n", as: Int.self) ?? 0
        }
    }

    /// Moves each table's id sequence past the highest id copied in.
    public func finishCopy() async throws(StoreError) {
        for table in StoreTable.all {
            _ = try await rows(
                """
                SELECT setval(pg_get_serial_sequence(\(table.name), 'id'), COALESCE(max(id), 1), max(id) IS NOT NULL)
                FROM \(unescaped: table.name)
                """)
        }
    }

    /// One column of a query's rows as text, for diagnostics and tests (counts, a status).
    public func strings(_ sql: String) async throws(StoreError) -> [String] {
        try await read(PostgresQuery(unsafeSQL: sql)) { rows in
            try rows.map { row in try Self.value(of: row[0]).diagnosticText }
        }
    }

    /// A cell as the value SQLite would hold: integers, reals, text, bytes (booleans as 0 or 1).
    static func value(of cell: PostgresCell) throws -> StoreValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bytea:
            return .blob(Array(try cell.decode(ByteBuffer.self).readableBytesView))
        default: return .text(try cell.decode(String.self))
        }
    }
}
