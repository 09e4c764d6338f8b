import Foundation
import PostgresNIO
import QualityCore
import QualityStore

extension PostgresStore {
    public func publishList(
        period: String, resultJSON: [UInt8], labelsJSON: [UInt8]?, noticeStart: Date, noticeEnd: Date, by: String,
        at: Date
    ) async throws(StoreError) -> SubsidyList {
        let published = try SubsidyList.published(
            period: period, resultJSON: resultJSON, noticeStart: noticeStart, noticeEnd: noticeEnd, by: by, at: at)
        return try await transaction(locking: PeriodLock(kind: .list, period: period)) { transaction in
            let current = try await Self.listInForce(transaction, period: period)
            if let current {
                if current.status == .confirmed { throw StoreRules.alreadyConfirmed(current) }
                try await transaction.execute(.supersedeList(id: current.id))
            }
            var list = published
            list.id = try await transaction.insert(.insertList(list, resultJSON: resultJSON, labelsJSON: labelsJSON))
            try await Self.insertAudit(
                transaction,
                .publication(
                    of: list, noticeStart: noticeStart, noticeEnd: noticeEnd, superseding: current?.id, at: at))
            return list
        }
    }

    public func confirmList(period: String, by: String, at: Date) async throws(StoreError) -> SubsidyList {
        try StoreRules.requireName(by, argument: "by")
        return try await transaction(locking: PeriodLock(kind: .list, period: period)) { transaction in
            guard var list = try await Self.listInForce(transaction, period: period) else {
                throw StoreError.notPublished(period: period)
            }
            try list.confirm(by: by, at: at)
            // The frozen bytes were checked when published; reading them again yields the same payouts.
            let json = try await transaction.row(.listJSON(id: list.id))
            let payouts = try StoreRules.payouts(ofFrozen: json?.bytes("result_json") ?? [], period: period)
            for payout in payouts { try await transaction.execute(.insertPayout(payout, of: list)) }
            try await transaction.execute(.updateList(list))
            try await Self.insertAudit(transaction, .confirmation(of: list, payouts: payouts.count, by: by, at: at))
            return list
        }
    }

    public func revokeList(period: String, by: String, reason: String, at: Date) async throws(StoreError)
        -> SubsidyList
    {
        try StoreRules.requireName(by, argument: "by")
        let reason = try StoreRules.requireReason(reason, revoking: "list", of: period)
        return try await transaction(locking: PeriodLock(kind: .list, period: period)) { transaction in
            guard var list = try await Self.listInForce(transaction, period: period) else {
                throw StoreError.notFound(what: "confirmed subsidy list", key: period)
            }
            try list.revoke(by: by, reason: reason, at: at)
            try await transaction.execute(.updateList(list))
            let voided = try await transaction.rows(StoreStatement.voidPayouts(of: list).appending(" RETURNING id"))
                .count
            try await Self.insertAudit(
                transaction, .revocation(of: list, voided: voided, by: by, reason: reason, at: at))
            return list
        }
    }

    public func currentList(period: String) async throws(StoreError) -> FrozenList? {
        try await read(.listInForce(period: period, json: true)) { rows in try rows.first.map(FrozenList.init(row:)) }
    }

    public func listHistory(period: String) async throws(StoreError) -> [SubsidyList] {
        try await read(.listHistory(period: period)) { rows in try rows.map(SubsidyList.init(row:)) }
    }

    public func payouts() async throws(StoreError) -> [Payout] {
        try await read(.payouts(bytewise: Self.bytewise)) { rows in try rows.map(Payout.init(row:)) }
    }

    private static func listInForce(_ transaction: Transaction, period: String) async throws -> SubsidyList? {
        try await transaction.row(.listInForce(period: period, json: false)).map(SubsidyList.init(row:))
    }
}
