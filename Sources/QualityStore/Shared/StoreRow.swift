import Foundation

/// A row either store read, by column name, its values typed as `StoreValue`s: what the row mappings
/// both stores share (`StoreRow+Values.swift`) read. A column the query did not select, or a value
/// of another type than the column's, is an error naming the column.
package protocol StoreRow {
    func value(_ column: String) throws -> StoreValue

    /// A blob column as bytes, NULL as empty; apart from `value` so that a store copies a large JSON once.
    func bytes(_ column: String) throws -> [UInt8]
}

extension StoreRow {
    package func text(_ column: String) throws -> String { try required(column, "text", optionalText) }

    package func optionalText(_ column: String) throws -> String? {
        try optional(column, "text") { value in if case .text(let text) = value { text } else { nil } }
    }

    package func integer(_ column: String) throws -> Int64 { try required(column, "an integer", optionalInteger) }

    package func optionalInteger(_ column: String) throws -> Int64? {
        try optional(column, "an integer") { value in if case .integer(let n) = value { n } else { nil } }
    }

    package func int(_ column: String) throws -> Int { Int(try integer(column)) }

    package func optionalInt(_ column: String) throws -> Int? { try optionalInteger(column).map { Int($0) } }

    /// A real column; SQLite may hand back a whole real as an integer.
    package func real(_ column: String) throws -> Double {
        let real: Double? = try optional(column, "a real") { value in
            switch value {
            case .real(let x): x
            case .integer(let n): Double(n)
            default: nil
            }
        }
        guard let real else { throw Self.unexpected(.null, in: column, for: "a real") }
        return real
    }

    /// A time column (integer milliseconds) as a `Date`.
    package func date(_ column: String) throws -> Date { StoreTime.date(try integer(column)) }

    package func optionalDate(_ column: String) throws -> Date? { try optionalInteger(column).map(StoreTime.date) }

    /// A column holding one of `T`'s raw values; `table` names it in the error.
    package func enumValue<T: RawRepresentable<String>>(_ column: String, of table: String) throws -> T {
        let raw = try text(column)
        guard let value = T(rawValue: raw) else {
            throw StoreError.invalidArgument(name: "\(table).\(column)", message: "unknown \(column) \(raw)")
        }
        return value
    }

    /// The column's value as `match` reads it, nil for NULL; an error for a value `match` does not read.
    private func optional<T>(_ column: String, _ expected: String, _ match: (StoreValue) -> T?) throws -> T? {
        let value = try value(column)
        if case .null = value { return nil }
        guard let matched = match(value) else { throw Self.unexpected(value, in: column, for: expected) }
        return matched
    }

    /// What `read` reads, refusing NULL.
    private func required<T>(_ column: String, _ expected: String, _ read: (String) throws -> T?) throws -> T {
        guard let value = try read(column) else { throw Self.unexpected(.null, in: column, for: expected) }
        return value
    }

    private static func unexpected(_ value: StoreValue, in column: String, for expected: String) -> StoreError {
        .invalidArgument(name: column, message: "expected \(expected), found \(value)")
    }
}
