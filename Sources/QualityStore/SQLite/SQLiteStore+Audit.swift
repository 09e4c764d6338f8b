import Foundation
import GRDB

extension SQLiteStore {
    public func appendAudit(_ entry: AuditEntry) async throws(StoreError) -> AuditEntry {
        try StoreRules.requireName(entry.who, argument: "who")
        return try await write { db in
            var stored = entry
            stored.id = try Self.insertAudit(db, entry)
            stored.at = StoreTime.normalized(entry.at)
            return stored
        }
    }

    public func auditLog(limit: Int, offset: Int) async throws(StoreError) -> [AuditEntry] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, at, who, action, period, detail, sha256, row_count FROM audit_log
                    ORDER BY at DESC, id DESC LIMIT ? OFFSET ?
                    """,
                arguments: [max(0, limit), max(0, offset)]
            )
            .map { row in
                AuditEntry(
                    id: row["id"], at: StoreTime.date(row["at"]), who: row["who"],
                    action: AuditAction(rawValue: row["action"]), period: row["period"], detail: row["detail"],
                    sha256: row["sha256"], rows: row["row_count"])
            }
        }
    }

    /// Appends an entry inside the caller's transaction, so an action and its audit line commit together.
    @discardableResult
    static func insertAudit(_ db: Database, _ entry: AuditEntry) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO audit_log (at, who, action, period, detail, sha256, row_count)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                StoreTime.millis(entry.at), entry.who, entry.action.rawValue, entry.period, entry.detail, entry.sha256,
                entry.rows,
            ])
        return db.lastInsertedRowID
    }
}
