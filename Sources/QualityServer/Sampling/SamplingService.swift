import Foundation
import QualityConfig
import QualityCore
import QualityExport
import QualityStore

/// Draws, freezes, revokes and reads the periods' sampling plans (docs/SAMPLING.md). A period's
/// plan is drawn over its latest stored snapshot and frozen in the store; a second draw is refused
/// until the first is revoked with a reason.
struct SamplingService: Sendable {
    let runtime: Runtime

    /// A frozen plan with its record.
    struct Frozen: Sendable {
        var record: SamplingPlanRecord
        var document: SamplingPlanDocument
        var json: [UInt8]
    }

    func draw(period: String, seed: String, by: String) async throws -> Frozen {
        guard SamplingPlan.isValidSeed(seed) else { throw SamplingError.invalidSeed(seed) }
        let loaded = await runtime.loaded
        guard let model = try loaded.model(for: period).sampling else { throw SamplingError.notConfigured }
        let stored = try await runtime.store.latestSnapshot(period: period)
        guard let stored else { throw SamplingError.noSnapshot(period: period) }
        let snapshot: Snapshot
        do {
            snapshot = try stored.snapshot()
        } catch {
            throw APIError(.internalError, "the stored snapshot of \(period) cannot be read: \(error)")
        }
        let population = model.population(of: snapshot, districts: loaded.config.districts)
        let plan = SamplingDraw(config: model.config).draw(population: population, seed: seed)
        let document = SamplingPlanDocument(plan: plan, period: period)
        let json = try document.jsonBytes()
        let new = NewSamplingPlan(
            period: period, seed: seed, inputSHA256: plan.inputSHA256, population: plan.population.count,
            selected: plan.selections.count, json: json)
        let outcome = try await runtime.store.freezeSamplingPlan(new, by: by, at: runtime.now())
        switch outcome {
        case .frozen(let record):
            await publishMetrics()
            return Frozen(record: record, document: document, json: json)
        case .alreadyDrawn(let record):
            throw SamplingError.alreadyDrawn(
                period: period, seed: record.seed, by: record.drawnBy,
                at: ISO8601DateFormatter().string(from: record.drawnAt))
        }
    }

    func revoke(period: String, by: String, reason: String) async throws -> SamplingPlanRecord {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw SamplingError.invalidBody(#"revoking needs a written reason: a JSON body {"reason": "…"}"#)
        }
        let revoked = try await runtime.store.revokeSamplingPlan(
            period: period, by: by, reason: reason, at: runtime.now())
        guard let revoked else { throw SamplingError.noPlan(period: period) }
        await publishMetrics()
        return revoked
    }

    /// The period's plan in force; with `orRevoked`, else its newest revoked plan.
    func frozen(period: String, orRevoked: Bool = false) async throws -> Frozen {
        let stored =
            try await orRevoked
            ? runtime.store.latestSamplingPlan(period: period) : runtime.store.samplingPlan(period: period)
        guard let stored else { throw SamplingError.noPlan(period: period) }
        do {
            return Frozen(
                record: stored.record, document: try SamplingPlanDocument.parse(json: stored.json), json: stored.json)
        } catch {
            throw APIError(.internalError, "the frozen sampling plan of \(period) cannot be read: \(error)")
        }
    }

    /// The plans in force, newest period first.
    func inForce() async throws -> [SamplingPlanRecord] {
        try await runtime.store.samplingPlansInForce().reversed()
    }

    /// Refreshes the sampling series of /metrics: classes per district from the served snapshot,
    /// and the size of the frozen plans; the other replicas refresh theirs.
    func publishMetrics() async {
        await runtime.publishSamplingMetrics()
        await runtime.replica.announce(.plans)
    }
}
