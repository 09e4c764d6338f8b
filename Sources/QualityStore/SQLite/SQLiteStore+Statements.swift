import Foundation
import GRDB

/// How SQLite runs the statements both stores share and hands back their rows.
extension Database {
    /// Through GRDB's statement cache: a confirmation runs the payout INSERT once per payout.
    func execute(_ statement: StoreStatement) throws {
        try cachedStatement(sql: statement.sql).execute(arguments: statement.databaseArguments)
    }

    /// Runs an INSERT and returns the new row's id.
    func insert(_ statement: StoreStatement) throws -> Int64 {
        try execute(statement)
        return lastInsertedRowID
    }

    func rows(_ statement: StoreStatement) throws -> [Row] {
        try Row.fetchAll(self, sql: statement.sql, arguments: statement.databaseArguments)
    }

    func row(_ statement: StoreStatement) throws -> Row? {
        try Row.fetchOne(self, sql: statement.sql, arguments: statement.databaseArguments)
    }
}

extension StoreStatement {
    var databaseArguments: StatementArguments { StatementArguments(arguments.map(\.databaseValue)) }
}

extension StoreValue {
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let n): self = .integer(n)
        case .double(let x): self = .real(x)
        case .string(let s): self = .text(s)
        case .blob(let data): self = .blob([UInt8](data))
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let n): n.databaseValue
        case .real(let x): x.databaseValue
        case .text(let s): s.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        }
    }
}

extension Row: StoreRow {
    package func value(_ column: String) throws -> StoreValue {
        guard hasColumn(column) else {
            throw StoreError.invalidArgument(name: column, message: "the query selected no such column")
        }
        return StoreValue(self[column] as DatabaseValue)
    }

    /// A BLOB column as bytes, copied once out of SQLite's buffer with `memcpy`; NULL is empty.
    package func bytes(_ column: String) throws -> [UInt8] {
        try withUnsafeData(named: column) { data in
            guard let data, !data.isEmpty else { return [] }
            return [UInt8](unsafeUninitializedCapacity: data.count) { buffer, count in
                count = data.copyBytes(to: buffer)
            }
        }
    }
}
