import Foundation
import GRDB

extension SQLiteStore {
    public func recordAppeal(_ appeal: NewAppeal, by: String, at: Date) async throws(StoreError) -> Appeal {
        let text = try StoreRules.appealText(appeal, by: by)
        return try await write { db in
            var stored = Appeal.recorded(appeal, text: text, by: by, at: at)
            stored.id = try db.insert(.insertAppeal(stored))
            try Self.insertAudit(db, .record(of: stored, at: at))
            return stored
        }
    }

    public func resolveAppeal(
        id: Int64, accepted: Bool, reason: String, correctionIDs: [Int64], by: String, at: Date
    ) async throws(StoreError) -> Appeal {
        let reason = try StoreRules.resolutionReason(reason, accepted: accepted, by: by)
        return try await write { db in
            guard var current = try db.row(.appeal(id: id)).map(Appeal.init(row:)) else {
                throw StoreError.notFound(what: "appeal", key: "#\(id)")
            }
            let periods = try correctionIDs.map { id in try db.row(.correctionPeriod(id: id))?.text("period") }
            try current.resolve(
                accepted: accepted, reason: reason, correctionIDs: correctionIDs, periods: periods, by: by, at: at)
            try db.execute(.resolveAppeal(current))
            try Self.insertAudit(db, .resolution(of: current, accepted: accepted, by: by, reason: reason, at: at))
            return current
        }
    }

    public func appeals(period: String?, district: String?, status: Appeal.Status?) async throws(StoreError)
        -> [Appeal]
    {
        try await read { db in
            try db.rows(.appeals(period: period, district: district, status: status)).map(Appeal.init(row:))
        }
    }
}
