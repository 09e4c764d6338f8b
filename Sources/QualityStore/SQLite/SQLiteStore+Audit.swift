import Foundation
import GRDB

extension SQLiteStore {
    public func appendAudit(_ entry: AuditEntry) async throws(StoreError) -> AuditEntry {
        try StoreRules.requireName(entry.who, argument: "who")
        return try await write { db in entry.stored(id: try Self.insertAudit(db, entry)) }
    }

    public func auditLog(limit: Int, offset: Int) async throws(StoreError) -> [AuditEntry] {
        try await read { db in try db.rows(.auditLog(limit: limit, offset: offset)).map(AuditEntry.init(row:)) }
    }

    /// Appends an entry inside the caller's transaction, so an action and its audit line commit together.
    @discardableResult
    static func insertAudit(_ db: Database, _ entry: AuditEntry) throws -> Int64 {
        try db.insert(.insertAudit(entry))
    }
}
