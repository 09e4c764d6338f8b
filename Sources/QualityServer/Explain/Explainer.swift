import Foundation
import QualityConfig
import QualityCore
import QualityStore

/// Why an enterprise got what it got: `AssessmentModel.explain(uscc:in:)` over the snapshot behind a
/// result — the served one, or with a period the latest stored result of that period and its snapshot.
struct Explainer: Sendable {
    let runtime: Runtime

    struct Found: Sendable {
        var explanation: EnterpriseExplanation
        /// The result the explanation belongs to.
        var result: AssessmentResult
        /// The config in force, whose model explained it (and whose names the pages print).
        var config: Config
        var configSHA256: String
    }

    func enterprise(_ text: String, period: String?) async throws -> Found {
        let uscc = text.trimmingCharacters(in: .whitespaces).uppercased()
        let (result, snapshot) = try await resultAndSnapshot(period: period)
        let loaded = await runtime.loaded
        let model = try loaded.model(for: result.period)
        guard let explanation = model.explain(uscc: uscc, in: snapshot) else {
            throw APIError(.notFound, "no enterprise \(uscc) in the snapshot of \(result.period)")
        }
        return Found(explanation: explanation, result: result, config: model.config, configSHA256: loaded.sha256)
    }

    private func resultAndSnapshot(period: String?) async throws -> (AssessmentResult, Snapshot) {
        let served = await runtime.served
        if period == nil || period == served?.period {
            guard let (_, result, snapshot) = try await runtime.servedSnapshot() else {
                throw APIError(.notReady, "no result yet: waiting for the first scoring run")
            }
            return (result, snapshot)
        }
        let period = period ?? ""
        let store = runtime.store
        let stored = try await store.latestSuccessfulRun(period: period)
        guard let stored else { throw APIError(.notFound, "no result for period \(period)") }
        let snapshot = try await store.latestSnapshot(period: period)
        guard let snapshot, snapshot.info.sha256 == stored.run.snapshotSHA256 else {
            throw APIError(.notReady, "the snapshot behind the result of \(period) is no longer stored")
        }
        do {
            let result = try stored.result()
            return (result, try snapshot.snapshot().applying(result.corrections.map(\.correction)).snapshot)
        } catch {
            throw APIError(.internalError, "the stored result or snapshot of \(period) cannot be read: \(error)")
        }
    }
}
