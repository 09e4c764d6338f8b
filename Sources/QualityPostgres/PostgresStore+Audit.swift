import Foundation
import PostgresNIO
import QualityStore

extension PostgresStore {
    public func appendAudit(_ entry: AuditEntry) async throws(StoreError) -> AuditEntry {
        try StoreRules.requireName(entry.who, argument: "who")
        var stored = entry
        stored.id = try await transaction { transaction in try await Self.insertAudit(transaction, entry) }
        stored.at = StoreTime.normalized(entry.at)
        return stored
    }

    public func auditLog(limit: Int, offset: Int) async throws(StoreError) -> [AuditEntry] {
        try await read(
            """
            SELECT id, at, who, action, period, detail, sha256, row_count FROM audit_log
            ORDER BY at DESC, id DESC LIMIT \(Int64(max(0, limit))) OFFSET \(Int64(max(0, offset)))
            """
        ) { rows in
            try rows.map { row in
                AuditEntry(
                    id: try row.get("id"), at: try row.date("at"), who: try row.get("who"),
                    action: AuditAction(rawValue: try row.get("action")), period: try row.get("period"),
                    detail: try row.get("detail"), sha256: try row.get("sha256"),
                    rows: try row.get("row_count", as: Int?.self))
            }
        }
    }

    /// Appends an entry inside the caller's transaction, so an action and its audit line commit together.
    @discardableResult
    static func insertAudit(_ transaction: Transaction, _ entry: AuditEntry) async throws -> Int64 {
        try id(
            await transaction.rows(
                """
                INSERT INTO audit_log (at, who, action, period, detail, sha256, row_count)
                VALUES (\(StoreTime.millis(entry.at)), \(entry.who), \(entry.action.rawValue), \(entry.period),
                        \(entry.detail), \(entry.sha256), \(entry.rows.map { Int64($0) }))
                RETURNING id
                """))
    }
}
