import Foundation
import PostgresNIO
import QualityCore
import QualityStore

extension PostgresStore {
    public func freezeSamplingPlan(_ plan: NewSamplingPlan, by: String, at: Date) async throws(StoreError)
        -> SamplingFreeze
    {
        try StoreRules.requireName(by, argument: "by")
        let drawn = SamplingPlanRecord.drawn(plan, by: by, at: at)
        return try await transaction(locking: PeriodLock(kind: .samplingPlan, period: plan.period)) { transaction in
            if let current = try await Self.planInForce(transaction, period: plan.period) {
                return .alreadyDrawn(current)
            }
            var record = drawn
            record.id = try await transaction.insert(.insertPlan(record, json: plan.json))
            try await Self.insertAudit(transaction, .draw(of: record, at: at))
            return .frozen(record)
        }
    }

    public func revokeSamplingPlan(period: String, by: String, reason: String, at: Date) async throws(StoreError)
        -> SamplingPlanRecord?
    {
        try StoreRules.requireName(by, argument: "by")
        let reason = try StoreRules.requireReason(reason, revoking: "sampling plan", of: period)
        return try await transaction(locking: PeriodLock(kind: .samplingPlan, period: period)) { transaction in
            guard var current = try await Self.planInForce(transaction, period: period) else { return nil }
            current.revoke(by: by, reason: reason, at: at)
            try await transaction.execute(.revokePlan(current))
            try await Self.insertAudit(transaction, .revocation(of: current, by: by, reason: reason, at: at))
            return current
        }
    }

    public func samplingPlan(period: String) async throws(StoreError) -> FrozenSamplingPlan? {
        try await read(.planInForce(period: period, json: true)) { rows in
            try rows.first.map(FrozenSamplingPlan.init(row:))
        }
    }

    public func latestSamplingPlan(period: String) async throws(StoreError) -> FrozenSamplingPlan? {
        try await read(.latestPlan(period: period)) { rows in try rows.first.map(FrozenSamplingPlan.init(row:)) }
    }

    public func samplingPlanHistory(period: String) async throws(StoreError) -> [SamplingPlanRecord] {
        try await read(.planHistory(period: period)) { rows in try rows.map(SamplingPlanRecord.init(row:)) }
    }

    public func samplingPlansInForce() async throws(StoreError) -> [SamplingPlanRecord] {
        try await read(.plansInForce(bytewise: Self.bytewise)) { rows in try rows.map(SamplingPlanRecord.init(row:)) }
    }

    private static func planInForce(_ transaction: Transaction, period: String) async throws -> SamplingPlanRecord? {
        try await transaction.row(.planInForce(period: period, json: false)).map(SamplingPlanRecord.init(row:))
    }
}
