import Foundation
import PostgresNIO
import QualityStore

extension PostgresStore {
    public func appendAudit(_ entry: AuditEntry) async throws(StoreError) -> AuditEntry {
        try StoreRules.requireName(entry.who, argument: "who")
        return entry.stored(id: try await transaction { transaction in try await Self.insertAudit(transaction, entry) })
    }

    public func auditLog(limit: Int, offset: Int) async throws(StoreError) -> [AuditEntry] {
        try await read(.auditLog(limit: limit, offset: offset)) { rows in try rows.map(AuditEntry.init(row:)) }
    }

    /// Appends an entry inside the caller's transaction, so an action and its audit line commit together.
    @discardableResult
    static func insertAudit(_ transaction: Transaction, _ entry: AuditEntry) async throws -> Int64 {
        try await transaction.insert(.insertAudit(entry))
    }
}
