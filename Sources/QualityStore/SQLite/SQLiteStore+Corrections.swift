import Foundation
import GRDB
import QualityCore

extension SQLiteStore {
    public func proposeCorrection(_ correction: NewCorrection, by: String, at: Date) async throws(StoreError)
        -> Correction
    {
        let reason = try StoreRules.correctionReason(correction, by: by)
        return try await write { db in
            var stored = Correction.proposed(correction, reason: reason, by: by, at: at)
            stored.id = try db.insert(.insertCorrection(stored))
            try Self.insertAudit(db, .proposal(of: stored, at: at))
            return stored
        }
    }

    public func decideCorrection(id: Int64, approve: Bool, by: String, reason: String, at: Date)
        async throws(StoreError) -> Correction
    {
        let reason = try StoreRules.decisionReason(reason, by: by)
        return try await write { db in
            guard var current = try db.row(.correction(id: id)).map(Correction.init(row:)) else {
                throw StoreError.notFound(what: "correction", key: "#\(id)")
            }
            try current.decide(approve: approve, by: by, reason: reason, at: at)
            try db.execute(.decideCorrection(current))
            try Self.insertAudit(db, .decision(on: current, approve: approve, by: by, reason: reason, at: at))
            return current
        }
    }

    public func correction(id: Int64) async throws(StoreError) -> Correction? {
        try await read { db in try db.row(.correction(id: id)).map(Correction.init(row:)) }
    }

    public func corrections(period: String?, status: Correction.Status?) async throws(StoreError) -> [Correction] {
        try await read { db in try db.rows(.corrections(period: period, status: status)).map(Correction.init(row:)) }
    }
}
