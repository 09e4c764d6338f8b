import AsyncHTTPClient
import QualityCore

/// Pulls every source of a config once with a client of its own (`qualityd pull`).
public enum OneShotPull {
    /// Outcomes in config order; throws only when a source cannot be planned (a config error).
    public static func pullAll(
        config: Config, period: Period, progress: PullProgressHandler? = nil
    ) async throws(ConfigErrors) -> [SourcePullOutcome] {
        let client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: AsyncHTTPFetcher.recommendedConfiguration())
        let outcomes: [SourcePullOutcome]
        do {
            let puller = try Puller(config: config, fetcher: TransportFetcher(http: AsyncHTTPFetcher(client: client)))
            outcomes = await puller.pullAll(period: period, progress: progress)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try? await client.shutdown()
        return outcomes
    }
}
