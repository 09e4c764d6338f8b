import QualityCore
import QualityIngest
import QualityStore

extension Runtime {
    /// Every configured source as the pages show it: up, stale, last success, last pull.
    nonisolated func sourceViews() async -> [SourceView] {
        let config = await config
        let now = now()
        var views: [SourceView] = []
        for source in config.sources {
            let last = await ingest.lastOutcome(source: source.id)
            views.append(
                SourceView(
                    source: source, lastPull: last.map(PullRecord.init),
                    lastSuccess: await ingest.lastSuccess(
                        source: source.id), stale: await ingest.isStale(source: source.id, now: now)))
        }
        return views
    }

    /// The served result, parsed; `ServingError` while there is none.
    nonisolated func servedResult() async throws -> AssessmentResult {
        guard let served = await served else { throw ServingError.noResultYet }
        guard let result = served.result else { throw ServingError.parsing(period: served.period) }
        return result
    }
}
