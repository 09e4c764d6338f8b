import Foundation
import Logging
import NIOCore
import QualityConfig
import QualityCore
import QualityStore

extension Runtime {
    /// Serves the newest result in the store when it is not the one served: what a follower does
    /// when the leader has recorded a run. Returns whether a result was installed.
    @discardableResult
    package nonisolated func adoptStoredResult() async throws -> Bool {
        let period = await currentPeriod().description
        guard let stored = try await Self.storedResult(store, period: period), let id = stored.run.id else {
            return false
        }
        guard await isNewer(run: id, period: stored.run.period) else { return false }
        // The explanation is not stored with the result: rebuilt from its values by the model.
        let result = await loaded.model.explained(try AssessmentResult.parse(json: stored.json))
        let domain = renderDomain(result, config: await config)
        let served = ServedResult(
            period: stored.run.period, json: ByteBuffer(bytes: stored.json), run: stored.run, result: result)
        guard await installIfNewer(served) else { return false }
        metrics.operational.restoreLastScoring(at: stored.run.finishedAt.timeIntervalSince1970)
        metrics.publish(domain: domain)
        await publishSamplingMetrics()
        logger.info("serving run \(id) of \(stored.run.period), recorded by the leader")
        return true
    }

    /// The id of the newest run in the store, whatever its period and status: a cheap look for a
    /// change before reading a result.
    package nonisolated func newestStoredRunID() async throws(StoreError) -> Int64? {
        try await store.runs(period: nil, limit: 1, offset: 0).first?.id
    }

    /// The run behind the served result, if any.
    package var servedRunID: Int64? { served?.run?.id }

    private func isNewer(run id: Int64, period: String) -> Bool {
        guard let served, let current = served.run?.id else { return true }
        return served.period != period || current < id
    }

    /// Installs `result` unless a newer run of its period was installed meanwhile (a poll and a
    /// notification racing, or this replica's own run).
    private func installIfNewer(_ result: ServedResult) -> Bool {
        guard let id = result.run?.id, isNewer(run: id, period: result.period) else { return false }
        setServed(result)
        return true
    }
}
