import Foundation

/// One SQL statement both stores run: written once with SQLite's `?` placeholders, its arguments
/// apart as the values both stores keep. PostgreSQL runs `numberedSQL`.
package struct StoreStatement: Sendable, Equatable {
    package var sql: String
    package var arguments: [StoreValue]

    package init(_ sql: String, _ arguments: [any StoreValueConvertible] = []) {
        self.sql = sql
        self.arguments = arguments.map(\.storeValue)
    }

    /// The SQL with PostgreSQL's numbered placeholders (`$1`, `$2`, …) for the `?`s outside quotes.
    package var numberedSQL: String {
        var numbered = ""
        var count = 0
        var quoted = false
        for character in sql {
            if character == "'" { quoted.toggle() }
            if character == "?" && !quoted {
                count += 1
                numbered += "$\(count)"
            } else {
                numbered.append(character)
            }
        }
        return numbered
    }

    /// The statement with `clause` after it, such as PostgreSQL's ` FOR UPDATE` or ` RETURNING id`.
    package func appending(_ clause: String) -> StoreStatement {
        var statement = self
        statement.sql += clause
        return statement
    }
}

/// What a statement binds, as both stores keep it.
package protocol StoreValueConvertible: Sendable {
    var storeValue: StoreValue { get }
}

extension StoreValue: StoreValueConvertible {
    package var storeValue: StoreValue { self }
}

extension String: StoreValueConvertible {
    package var storeValue: StoreValue { .text(self) }
}

extension Int64: StoreValueConvertible {
    package var storeValue: StoreValue { .integer(self) }
}

extension Int: StoreValueConvertible {
    package var storeValue: StoreValue { .integer(Int64(self)) }
}

extension Double: StoreValueConvertible {
    package var storeValue: StoreValue { .real(self) }
}

extension Array: StoreValueConvertible where Element == UInt8 {
    package var storeValue: StoreValue { .blob(self) }
}

/// A time as integer milliseconds (`StoreTime`).
extension Date: StoreValueConvertible {
    package var storeValue: StoreValue { .integer(StoreTime.millis(self)) }
}

extension Optional: StoreValueConvertible where Wrapped: StoreValueConvertible {
    package var storeValue: StoreValue { map(\.storeValue) ?? .null }
}
