import QualityConfig
import QualityCore
import QualityStore

/// What-if for the routes: the proposal checked, the period's snapshot found, both configs scored
/// by `WhatIf.compare`. Nothing is stored.
struct WhatIfService: Sendable {
    let runtime: Runtime
    let lists: ListService
    /// The environment the config is loaded with, so a proposal reads `${…}` as the config does.
    let environment: [String: String]
    /// The largest proposal taken, in bytes.
    static let maxBytes = 512 * 1024
    /// The name a proposal has in error locations.
    static let file = "proposal.yaml"

    struct Outcome: Sendable {
        var comparison: PolicyComparison
        var current: Config
        var proposal: Config
    }

    /// `period` as given (nil: the served one).
    func compare(proposal bytes: [UInt8], period text: String?) async throws -> Outcome {
        let proposal = try WhatIf.proposal(bytes, file: Self.file, environment: environment)
        let period = try await lists.period(text)
        let (snapshot, sha256) = try await snapshot(period: period)
        let current = await runtime.loaded
        let comparison = try WhatIf.compare(
            current: current, proposal: proposal, snapshot: snapshot, snapshotSHA256: sha256)
        return Outcome(
            comparison: comparison, current: try current.model(for: period).config,
            proposal: try proposal.model(for: period).config)
    }

    private func snapshot(period: String) async throws -> (Snapshot, String?) {
        if let served = await runtime.served, served.period == period,
            let (_, result, snapshot) = try await runtime.servedSnapshot()
        {
            return (snapshot, result.snapshotSHA256)
        }
        guard let stored = try await runtime.store.latestSnapshot(period: period) else {
            throw APIError(.notFound, "no snapshot of period \(period) to compare on")
        }
        do {
            return (try stored.snapshot(), stored.info.sha256)
        } catch {
            throw APIError(.internalError, "the stored snapshot of \(period) cannot be read: \(error)")
        }
    }
}
