import Foundation
import GRDB
import QualityCore

extension SQLiteStore {
    public func freezeSamplingPlan(_ plan: NewSamplingPlan, by: String, at: Date) async throws(StoreError)
        -> SamplingFreeze
    {
        try StoreRules.requireName(by, argument: "by")
        let drawn = SamplingPlanRecord.drawn(plan, by: by, at: at)
        return try await write { db in
            if let current = try Self.planInForce(db, period: plan.period) { return .alreadyDrawn(current) }
            var record = drawn
            record.id = try db.insert(.insertPlan(record, json: plan.json))
            try Self.insertAudit(db, .draw(of: record, at: at))
            return .frozen(record)
        }
    }

    public func revokeSamplingPlan(period: String, by: String, reason: String, at: Date) async throws(StoreError)
        -> SamplingPlanRecord?
    {
        try StoreRules.requireName(by, argument: "by")
        let reason = try StoreRules.requireReason(reason, revoking: "sampling plan", of: period)
        return try await write { db in
            guard var current = try Self.planInForce(db, period: period) else { return nil }
            current.revoke(by: by, reason: reason, at: at)
            try db.execute(.revokePlan(current))
            try Self.insertAudit(db, .revocation(of: current, by: by, reason: reason, at: at))
            return current
        }
    }

    public func samplingPlan(period: String) async throws(StoreError) -> FrozenSamplingPlan? {
        try await read { db in
            try db.row(.planInForce(period: period, json: true)).map(FrozenSamplingPlan.init(row:))
        }
    }

    public func latestSamplingPlan(period: String) async throws(StoreError) -> FrozenSamplingPlan? {
        try await read { db in try db.row(.latestPlan(period: period)).map(FrozenSamplingPlan.init(row:)) }
    }

    public func samplingPlanHistory(period: String) async throws(StoreError) -> [SamplingPlanRecord] {
        try await read { db in try db.rows(.planHistory(period: period)).map(SamplingPlanRecord.init(row:)) }
    }

    public func samplingPlansInForce() async throws(StoreError) -> [SamplingPlanRecord] {
        try await read { db in try db.rows(.plansInForce(bytewise: "")).map(SamplingPlanRecord.init(row:)) }
    }

    private static func planInForce(_ db: Database, period: String) throws -> SamplingPlanRecord? {
        try db.row(.planInForce(period: period, json: false)).map(SamplingPlanRecord.init(row:))
    }
}
