import Foundation
import PostgresNIO
import QualityStore

extension PostgresStore {
    public func recordAppeal(_ appeal: NewAppeal, by: String, at: Date) async throws(StoreError) -> Appeal {
        let text = try StoreRules.appealText(appeal, by: by)
        return try await transaction { transaction in
            var stored = Appeal.recorded(appeal, text: text, by: by, at: at)
            stored.id = try await transaction.insert(.insertAppeal(stored))
            try await Self.insertAudit(transaction, .record(of: stored, at: at))
            return stored
        }
    }

    public func resolveAppeal(
        id: Int64, accepted: Bool, reason: String, correctionIDs: [Int64], by: String, at: Date
    ) async throws(StoreError) -> Appeal {
        let reason = try StoreRules.resolutionReason(reason, accepted: accepted, by: by)
        return try await transaction { transaction in
            guard
                var current = try await transaction.row(StoreStatement.appeal(id: id).appending(" FOR UPDATE"))
                    .map(Appeal.init(row:))
            else { throw StoreError.notFound(what: "appeal", key: "#\(id)") }
            var periods: [String?] = []
            for correction in correctionIDs {
                periods.append(try await transaction.row(.correctionPeriod(id: correction))?.text("period"))
            }
            try current.resolve(
                accepted: accepted, reason: reason, correctionIDs: correctionIDs, periods: periods, by: by, at: at)
            try await transaction.execute(.resolveAppeal(current))
            try await Self.insertAudit(
                transaction, .resolution(of: current, accepted: accepted, by: by, reason: reason, at: at))
            return current
        }
    }

    public func appeals(period: String?, district: String?, status: Appeal.Status?) async throws(StoreError)
        -> [Appeal]
    {
        try await read(.appeals(period: period, district: district, status: status)) { rows in
            try rows.map(Appeal.init(row:))
        }
    }
}
