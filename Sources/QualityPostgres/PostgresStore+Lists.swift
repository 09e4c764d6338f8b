import Foundation
import PostgresNIO
import QualityCore
import QualityStore

extension PostgresStore {
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
        return try await transaction(locking: PeriodLock(kind: .list, period: period)) { transaction in
            var supersedes = ""
            if let current = try await Self.listInForce(transaction, period: period) {
                if current.status == .confirmed { throw StoreRules.alreadyConfirmed(current) }
                try await transaction.execute("UPDATE subsidy_lists SET status = 'superseded' WHERE id = \(current.id)")
                supersedes = "; supersedes list #\(current.id)"
            }
            let id = try Self.id(
                await transaction.rows(
                    """
                    INSERT INTO subsidy_lists (period, status, sha256, size, payout_count, granted_fen, notice_start,
                                               notice_end, published_by, published_at, result_json, labels_json)
                    VALUES (\(period), 'published', \(sha256), \(Int64(resultJSON.count)), \(Int64(payouts.count)),
                            \(granted), \(StoreTime.millis(noticeStart)), \(StoreTime.millis(noticeEnd)), \(by),
                            \(StoreTime.millis(at)), \(resultJSON.bytea), \(labelsJSON?.bytea))
                    RETURNING id
                    """))
            let list = SubsidyList(
                id: id, period: period, status: .published, sha256: sha256, size: resultJSON.count,
                payoutCount: payouts.count, grantedFen: granted, noticeStart: StoreTime.normalized(noticeStart),
                noticeEnd: StoreTime.normalized(noticeEnd), publishedBy: by, publishedAt: StoreTime.normalized(at))
            let notice = "\(StoreTime.iso(noticeStart)) to \(StoreTime.iso(noticeEnd))"
            try await Self.insertAudit(
                transaction,
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
        return try await transaction(locking: PeriodLock(kind: .list, period: period)) { transaction in
            guard let current = try await Self.listInForce(transaction, period: period) else {
                throw StoreError.notPublished(period: period)
            }
            if current.status == .confirmed { throw StoreRules.alreadyConfirmed(current) }
            // The frozen bytes were checked when published; reading them again yields the same payouts.
            let json = try await transaction.row("SELECT result_json FROM subsidy_lists WHERE id = \(current.id)")
            let payouts = try StoreRules.payouts(ofFrozen: json?.bytes("result_json") ?? [], period: period)
            for payout in payouts {
                try await transaction.execute(
                    """
                    INSERT INTO payouts (list_id, period, uscc, program, year, granted_fen)
                    VALUES (\(current.id), \(period), \(payout.uscc), \(payout.program), \(Int64(payout.year)),
                            \(payout.grantedFen))
                    """)
            }
            try await transaction.execute(
                """
                UPDATE subsidy_lists SET status = 'confirmed', confirmed_by = \(by), confirmed_at = \(StoreTime.millis(at))
                WHERE id = \(current.id)
                """)
            var list = current
            list.status = .confirmed
            list.confirmedBy = by
            list.confirmedAt = StoreTime.normalized(at)
            try await Self.insertAudit(
                transaction,
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
        return try await transaction(locking: PeriodLock(kind: .list, period: period)) { transaction in
            guard let current = try await Self.listInForce(transaction, period: period) else {
                throw StoreError.notFound(what: "confirmed subsidy list", key: period)
            }
            guard current.status == .confirmed else {
                throw StoreError.notConfirmed(period: period, status: current.status)
            }
            let millis = StoreTime.millis(at)
            try await transaction.execute(
                """
                UPDATE subsidy_lists SET status = 'revoked', revoked_by = \(by), revoked_at = \(millis),
                                         revoke_reason = \(reason)
                WHERE id = \(current.id)
                """)
            let voided = try await transaction.rows(
                "UPDATE payouts SET voided_at = \(millis) WHERE list_id = \(current.id) AND voided_at IS NULL RETURNING id"
            ).count
            var list = current
            list.status = .revoked
            list.revokedBy = by
            list.revokedAt = StoreTime.normalized(at)
            list.revokeReason = reason
            try await Self.insertAudit(
                transaction,
                AuditEntry(
                    at: at, who: by, action: .revoke, period: period,
                    detail: "list #\(list.id): \(voided) payouts voided; reason: \(reason)", sha256: list.sha256,
                    rows: voided))
            return list
        }
    }

    public func currentList(period: String) async throws(StoreError) -> FrozenList? {
        try await read(
            """
            SELECT \(unescaped: Self.listColumns), result_json, labels_json FROM subsidy_lists
            WHERE period = \(period) AND status IN ('published', 'confirmed')
            """
        ) { rows in
            try rows.first.map { row in
                let labels = try row.bytes("labels_json")
                return FrozenList(
                    list: try Self.list(from: row), json: try row.bytes("result_json"),
                    labelsJSON: labels.isEmpty ? nil : labels)
            }
        }
    }

    public func listHistory(period: String) async throws(StoreError) -> [SubsidyList] {
        try await read(
            "SELECT \(unescaped: Self.listColumns) FROM subsidy_lists WHERE period = \(period) ORDER BY id DESC"
        ) { rows in try rows.map(Self.list(from:)) }
    }

    public func payouts() async throws(StoreError) -> [Payout] {
        try await read(
            """
            SELECT uscc, program, year, granted_fen FROM payouts WHERE voided_at IS NULL
            ORDER BY uscc COLLATE "C", program COLLATE "C", year, id
            """
        ) { rows in
            try rows.map { row in
                Payout(
                    uscc: try row.get("uscc"), program: try row.get("program"), year: try row.get("year"),
                    grantedFen: try row.get("granted_fen"))
            }
        }
    }

    private static func listInForce(_ transaction: Transaction, period: String) async throws -> SubsidyList? {
        try await transaction.row(
            """
            SELECT \(unescaped: listColumns) FROM subsidy_lists
            WHERE period = \(period) AND status IN ('published', 'confirmed')
            """
        ).map(list(from:))
    }

    private static func list(from row: PostgresRandomAccessRow) throws -> SubsidyList {
        let status: String = try row.get("status")
        guard let listStatus = ListStatus(rawValue: status) else {
            throw StoreError.invalidArgument(name: "subsidy_lists.status", message: "unknown status \(status)")
        }
        return SubsidyList(
            id: try row.get("id"), period: try row.get("period"), status: listStatus, sha256: try row.get("sha256"),
            size: try row.get("size"), payoutCount: try row.get("payout_count"), grantedFen: try row.get("granted_fen"),
            noticeStart: try row.date("notice_start"), noticeEnd: try row.date("notice_end"),
            publishedBy: try row.get("published_by"), publishedAt: try row.date("published_at"),
            confirmedBy: try row.get("confirmed_by"), confirmedAt: try row.optionalDate("confirmed_at"),
            revokedBy: try row.get("revoked_by"), revokedAt: try row.optionalDate("revoked_at"),
            revokeReason: try row.get("revoke_reason"))
    }
}
