import Foundation
import PostgresNIO
import QualityCore
import QualityStore

extension PostgresStore {
    public func proposeCorrection(_ correction: NewCorrection, by: String, at: Date) async throws(StoreError)
        -> Correction
    {
        let reason = try StoreRules.correctionReason(correction, by: by)
        return try await transaction { transaction in
            var stored = Correction.proposed(correction, reason: reason, by: by, at: at)
            stored.id = try await transaction.insert(.insertCorrection(stored))
            try await Self.insertAudit(transaction, .proposal(of: stored, at: at))
            return stored
        }
    }

    public func decideCorrection(id: Int64, approve: Bool, by: String, reason: String, at: Date)
        async throws(StoreError) -> Correction
    {
        let reason = try StoreRules.decisionReason(reason, by: by)
        return try await transaction { transaction in
            // FOR UPDATE: two replicas deciding at once are queued, and the second sees the first's decision.
            guard
                var current = try await transaction.row(StoreStatement.correction(id: id).appending(" FOR UPDATE"))
                    .map(Correction.init(row:))
            else { throw StoreError.notFound(what: "correction", key: "#\(id)") }
            try current.decide(approve: approve, by: by, reason: reason, at: at)
            try await transaction.execute(.decideCorrection(current))
            try await Self.insertAudit(
                transaction, .decision(on: current, approve: approve, by: by, reason: reason, at: at))
            return current
        }
    }

    public func correction(id: Int64) async throws(StoreError) -> Correction? {
        try await read(.correction(id: id)) { rows in try rows.first.map(Correction.init(row:)) }
    }

    public func corrections(period: String?, status: Correction.Status?) async throws(StoreError) -> [Correction] {
        try await read(.corrections(period: period, status: status)) { rows in try rows.map(Correction.init(row:)) }
    }
}
