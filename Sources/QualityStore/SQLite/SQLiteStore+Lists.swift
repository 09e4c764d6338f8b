import Foundation
import GRDB
import QualityCore

extension SQLiteStore {
    private static let listColumns = """
        id, period, status, sha256, size, payout_count, granted_fen, notice_start, notice_end, published_by, \
        published_at, confirmed_by, confirmed_at, revoked_by, revoked_at, revoke_reason
        """

    public func publishList(
        period: String, resultJSON: [UInt8], labelsJSON: [UInt8]?, noticeStart: Date, noticeEnd: Date, by: String,
        at: Date
    ) async throws(StoreError) -> SubsidyList {
        try StoreRules.requireName(by, argument: "by")
        try StoreRules.requireNotice(start: noticeStart, end: noticeEnd)
        let payouts = try StoreRules.payouts(ofFrozen: resultJSON, period: period)
        let granted = payouts.reduce(Int64(0)) { $0 + $1.grantedFen }
        let sha256 = SHA256.hex(resultJSON)
        return try await write { db in
            var supersedes = ""
            if let current = try Self.listInForce(db, period: period) {
                if current.status == .confirmed { throw StoreRules.alreadyConfirmed(current) }
                try db.execute(
                    sql: "UPDATE subsidy_lists SET status = 'superseded' WHERE id = ?", arguments: [current.id])
                supersedes = "; supersedes list #\(current.id)"
            }
            try db.execute(
                sql: """
                    INSERT INTO subsidy_lists (period, status, sha256, size, payout_count, granted_fen, notice_start,
                                               notice_end, published_by, published_at, result_json, labels_json)
                    VALUES (?, 'published', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    period, sha256, resultJSON.count, payouts.count, granted, StoreTime.millis(noticeStart),
                    StoreTime.millis(noticeEnd), by, StoreTime.millis(at), Data(resultJSON),
                    labelsJSON.map { Data($0) },
                ])
            let list = SubsidyList(
                id: db.lastInsertedRowID, period: period, status: .published, sha256: sha256, size: resultJSON.count,
                payoutCount: payouts.count, grantedFen: granted, noticeStart: StoreTime.normalized(noticeStart),
                noticeEnd: StoreTime.normalized(noticeEnd), publishedBy: by, publishedAt: StoreTime.normalized(at))
            let notice = "\(StoreTime.iso(noticeStart)) to \(StoreTime.iso(noticeEnd))"
            try Self.insertAudit(
                db,
                AuditEntry(
                    at: at, who: by, action: .publish, period: period,
                    detail:
                        "list #\(list.id) on notice \(notice); \(payouts.count) payouts, \(granted) fen\(supersedes)",
                    sha256: sha256, rows: payouts.count))
            return list
        }
    }

    public func confirmList(period: String, by: String, at: Date) async throws(StoreError) -> SubsidyList {
        try StoreRules.requireName(by, argument: "by")
        return try await write { db in
            guard let current = try Self.listInForce(db, period: period) else {
                throw StoreError.notPublished(period: period)
            }
            if current.status == .confirmed { throw StoreRules.alreadyConfirmed(current) }
            // The frozen bytes were checked when published; reading them again yields the same payouts.
            let json = try Row.fetchOne(
                db, sql: "SELECT result_json FROM subsidy_lists WHERE id = ?", arguments: [current.id])
            let payouts = try StoreRules.payouts(ofFrozen: json?.bytes("result_json") ?? [], period: period)
            let statement = try db.cachedStatement(
                sql: "INSERT INTO payouts (list_id, period, uscc, program, year, granted_fen) VALUES (?, ?, ?, ?, ?, ?)"
            )
            for payout in payouts {
                try statement.execute(
                    arguments: [current.id, period, payout.uscc, payout.program, payout.year, payout.grantedFen])
            }
            try db.execute(
                sql: "UPDATE subsidy_lists SET status = 'confirmed', confirmed_by = ?, confirmed_at = ? WHERE id = ?",
                arguments: [by, StoreTime.millis(at), current.id])
            var list = current
            list.status = .confirmed
            list.confirmedBy = by
            list.confirmedAt = StoreTime.normalized(at)
            try Self.insertAudit(
                db,
                AuditEntry(
                    at: at, who: by, action: .confirm, period: period,
                    detail: "list #\(list.id): \(payouts.count) payouts recorded, \(list.grantedFen) fen",
                    sha256: list.sha256, rows: payouts.count))
            return list
        }
    }

    public func revokeList(period: String, by: String, reason: String, at: Date) async throws(StoreError)
        -> SubsidyList
    {
        try StoreRules.requireName(by, argument: "by")
        let reason = try StoreRules.requireReason(reason, revoking: "list", of: period)
        return try await write { db in
            guard let current = try Self.listInForce(db, period: period) else {
                throw StoreError.notFound(what: "confirmed subsidy list", key: period)
            }
            guard current.status == .confirmed else {
                throw StoreError.notConfirmed(period: period, status: current.status)
            }
            try db.execute(
                sql:
                    "UPDATE subsidy_lists SET status = 'revoked', revoked_by = ?, revoked_at = ?, revoke_reason = ? WHERE id = ?",
                arguments: [by, StoreTime.millis(at), reason, current.id])
            try db.execute(
                sql: "UPDATE payouts SET voided_at = ? WHERE list_id = ? AND voided_at IS NULL",
                arguments: [StoreTime.millis(at), current.id])
            let voided = db.changesCount
            var list = current
            list.status = .revoked
            list.revokedBy = by
            list.revokedAt = StoreTime.normalized(at)
            list.revokeReason = reason
            try Self.insertAudit(
                db,
                AuditEntry(
                    at: at, who: by, action: .revoke, period: period,
                    detail: "list #\(list.id): \(voided) payouts voided; reason: \(reason)", sha256: list.sha256,
                    rows: voided))
            return list
        }
    }

    public func currentList(period: String) async throws(StoreError) -> FrozenList? {
        try await read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT \(Self.listColumns), result_json, labels_json FROM subsidy_lists
                    WHERE period = ? AND status IN ('published', 'confirmed')
                    """,
                arguments: [period])
            return try row.map { row in
                let labels = try row.bytes("labels_json")
                return FrozenList(
                    list: try Self.list(from: row), json: try row.bytes("result_json"),
                    labelsJSON: labels.isEmpty ? nil : labels)
            }
        }
    }

    public func listHistory(period: String) async throws(StoreError) -> [SubsidyList] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.listColumns) FROM subsidy_lists WHERE period = ? ORDER BY id DESC",
                arguments: [period]
            )
            .map(Self.list(from:))
        }
    }

    public func payouts() async throws(StoreError) -> [Payout] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT uscc, program, year, granted_fen FROM payouts WHERE voided_at IS NULL
                    ORDER BY uscc, program, year, id
                    """
            )
            .map { row in
                Payout(uscc: row["uscc"], program: row["program"], year: row["year"], grantedFen: row["granted_fen"])
            }
        }
    }

    // MARK: Helpers

    private static func listInForce(_ db: Database, period: String) throws -> SubsidyList? {
        let row = try Row.fetchOne(
            db,
            sql: "SELECT \(listColumns) FROM subsidy_lists WHERE period = ? AND status IN ('published', 'confirmed')",
            arguments: [period])
        return try row.map(list(from:))
    }

    private static func list(from row: Row) throws -> SubsidyList {
        let status: String = row["status"]
        guard let listStatus = ListStatus(rawValue: status) else {
            throw StoreError.invalidArgument(name: "subsidy_lists.status", message: "unknown status \(status)")
        }
        return SubsidyList(
            id: row["id"], period: row["period"], status: listStatus, sha256: row["sha256"], size: row["size"],
            payoutCount: row["payout_count"], grantedFen: row["granted_fen"],
            noticeStart: StoreTime.date(row["notice_start"]), noticeEnd: StoreTime.date(row["notice_end"]),
            publishedBy: row["published_by"], publishedAt: StoreTime.date(row["published_at"]),
            confirmedBy: row["confirmed_by"], confirmedAt: (row["confirmed_at"] as Int64?).map(StoreTime.date),
            revokedBy: row["revoked_by"], revokedAt: (row["revoked_at"] as Int64?).map(StoreTime.date),
            revokeReason: row["revoke_reason"])
    }
}
