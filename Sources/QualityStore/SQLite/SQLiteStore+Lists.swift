import Foundation
import GRDB
import QualityCore

extension SQLiteStore {
    public func publishList(
        period: String, resultJSON: [UInt8], labelsJSON: [UInt8]?, noticeStart: Date, noticeEnd: Date, by: String,
        at: Date
    ) async throws(StoreError) -> SubsidyList {
        let published = try SubsidyList.published(
            period: period, resultJSON: resultJSON, noticeStart: noticeStart, noticeEnd: noticeEnd, by: by, at: at)
        return try await write { db in
            let current = try Self.listInForce(db, period: period)
            if let current {
                if current.status == .confirmed { throw StoreRules.alreadyConfirmed(current) }
                try db.execute(.supersedeList(id: current.id))
            }
            var list = published
            list.id = try db.insert(.insertList(list, resultJSON: resultJSON, labelsJSON: labelsJSON))
            try Self.insertAudit(
                db,
                .publication(
                    of: list, noticeStart: noticeStart, noticeEnd: noticeEnd, superseding: current?.id, at: at))
            return list
        }
    }

    public func confirmList(period: String, by: String, at: Date) async throws(StoreError) -> SubsidyList {
        try StoreRules.requireName(by, argument: "by")
        return try await write { db in
            guard var list = try Self.listInForce(db, period: period) else {
                throw StoreError.notPublished(period: period)
            }
            try list.confirm(by: by, at: at)
            // The frozen bytes were checked when published; reading them again yields the same payouts.
            let json = try db.row(.listJSON(id: list.id))
            let payouts = try StoreRules.payouts(ofFrozen: json?.bytes("result_json") ?? [], period: period)
            for payout in payouts { try db.execute(.insertPayout(payout, of: list)) }
            try db.execute(.updateList(list))
            try Self.insertAudit(db, .confirmation(of: list, payouts: payouts.count, by: by, at: at))
            return list
        }
    }

    public func revokeList(period: String, by: String, reason: String, at: Date) async throws(StoreError)
        -> SubsidyList
    {
        try StoreRules.requireName(by, argument: "by")
        let reason = try StoreRules.requireReason(reason, revoking: "list", of: period)
        return try await write { db in
            guard var list = try Self.listInForce(db, period: period) else {
                throw StoreError.notFound(what: "confirmed subsidy list", key: period)
            }
            try list.revoke(by: by, reason: reason, at: at)
            try db.execute(.updateList(list))
            try db.execute(.voidPayouts(of: list))
            let voided = db.changesCount
            try Self.insertAudit(db, .revocation(of: list, voided: voided, by: by, reason: reason, at: at))
            return list
        }
    }

    public func currentList(period: String) async throws(StoreError) -> FrozenList? {
        try await read { db in try db.row(.listInForce(period: period, json: true)).map(FrozenList.init(row:)) }
    }

    public func listHistory(period: String) async throws(StoreError) -> [SubsidyList] {
        try await read { db in try db.rows(.listHistory(period: period)).map(SubsidyList.init(row:)) }
    }

    public func payouts() async throws(StoreError) -> [Payout] {
        try await read { db in try db.rows(.payouts(bytewise: "")).map(Payout.init(row:)) }
    }

    private static func listInForce(_ db: Database, period: String) throws -> SubsidyList? {
        try db.row(.listInForce(period: period, json: false)).map(SubsidyList.init(row:))
    }
}
