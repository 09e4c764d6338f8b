import Foundation
import QualityCore

/// Copies every table of one store into another and checks the copy: row counts and a SHA-256 per
/// table over a canonical encoding of its rows that every store produces identically.
public enum StoreCopy {
    /// Rows per page read from the source; pages bound the memory a store of large results needs.
    static let pageSize = 64

    /// One table's row count and digest.
    public struct TableDigest: Sendable, Equatable {
        public var table: String
        public var rows: Int
        /// SHA-256 (hex) of the table's rows in id order (see `StoreCopy.encode`).
        public var sha256: String
    }

    /// Refuses a target that holds any row: a copy never merges two histories.
    public static func requireEmpty(_ target: some CopyableStore) async throws(StoreError) {
        for table in StoreTable.all {
            let rows = try await target.count(of: table)
            if rows > 0 {
                throw .invalidArgument(
                    name: "to",
                    message: "\(target.location) is not empty (\(table.name) has \(rows) rows); copy into a new store")
            }
        }
    }

    /// Copies every table from `source` into the empty `target`, in id order, a page per transaction.
    public static func copy(from source: some CopyableStore, to target: some CopyableStore) async throws(StoreError) {
        try await requireEmpty(target)
        for table in StoreTable.all {
            var last: Int64 = 0
            while true {
                let page = try await source.rows(of: table, after: last, limit: pageSize)
                guard !page.isEmpty else { break }
                try await target.insert(page, into: table)
                guard case .integer(let id) = page[page.count - 1].first else {
                    throw .invalidArgument(name: table.name, message: "a row without an integer id")
                }
                last = id
            }
        }
        try await target.finishCopy()
    }

    /// Every table's row count and digest, in `StoreTable.all` order.
    public static func digests(of store: some CopyableStore) async throws(StoreError) -> [TableDigest] {
        var digests: [TableDigest] = []
        for table in StoreTable.all {
            var hasher = SHA256()
            var rows = 0
            var last: Int64 = 0
            while true {
                let page = try await store.rows(of: table, after: last, limit: pageSize)
                guard !page.isEmpty else { break }
                for row in page { encode(row, into: &hasher) }
                rows += page.count
                guard case .integer(let id) = page[page.count - 1].first else {
                    throw .invalidArgument(name: table.name, message: "a row without an integer id")
                }
                last = id
            }
            digests.append(TableDigest(table: table.name, rows: rows, sha256: SHA256.hexString(hasher.finalize())))
        }
        return digests
    }

    /// The canonical encoding of a row: per value a tag byte, then an integer or a real's bits as
    /// 8 bytes big-endian, or a text's UTF-8 or a blob's bytes after their length as 8 bytes big-endian.
    public static func encode(_ row: [StoreValue], into hasher: inout SHA256) {
        for value in row {
            switch value {
            case .null:
                hasher.update([UInt8(ascii: "N")])
            case .integer(let n):
                hasher.update([UInt8(ascii: "I")] + bigEndian(UInt64(bitPattern: n)))
            case .real(let x):
                hasher.update([UInt8(ascii: "R")] + bigEndian(x.bitPattern))
            case .text(let text):
                let bytes = Array(text.utf8)
                hasher.update([UInt8(ascii: "T")] + bigEndian(UInt64(bytes.count)))
                hasher.update(bytes)
            case .blob(let bytes):
                hasher.update([UInt8(ascii: "B")] + bigEndian(UInt64(bytes.count)))
                hasher.update(bytes)
            }
        }
    }

    private static func bigEndian(_ n: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: n >> (56 - 8 * $0)) }
    }
}
