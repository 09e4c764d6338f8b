import QualityCore
import QualityIngest
import QualityRecords

@testable import BureauSim

/// QualityIngest's fetcher reading the simulator through `Simulator.handle` (no sockets): the real
/// ingestion over the simulated bureaus, as `qualityd pull` does it, without a server.
struct SimFetcher: HTTPFetching {
    let simulator: Simulator

    func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchedBody {
        // The demo's URLs start with `${BUREAU_BASE:-http://127.0.0.1:9471}` or a plain base.
        var url = Substring(request.url)
        if let brace = url.firstIndex(of: "}") {
            url = url[url.index(after: brace)...]
        } else if let scheme = url.firstRange(of: "://") {
            url = url[scheme.upperBound...].drop { $0 != "/" }
        }
        let parts = url.split(separator: "?", maxSplits: 1)
        // The config's headers are not substituted here (`${…}`): the simulator's own token is sent.
        let response = simulator.handle(
            SimRequest(
                path: String(parts.first ?? ""), query: parts.count > 1 ? String(parts[1]) : nil,
                authorization: "Bearer \(simulator.token)"))
        guard (200..<300).contains(response.status) else {
            throw FetchError(.httpError, "HTTP \(response.status)", status: response.status)
        }
        return FetchedBody(status: response.status, contentType: response.contentType, bytes: response.body.collect())
    }
}

/// Every source of `config` pulled once for `period` through the simulator, and the snapshot.
struct SimIngest {
    var outcomes: [SourcePullOutcome]
    var snapshot: Snapshot

    static func pull(_ simulator: Simulator, _ config: Config, period: Period, only source: String? = nil) async throws
        -> SimIngest
    {
        var config = config
        if let source { config.sources = config.sources.filter { $0.id == source } }
        let puller = try Puller(config: config, fetcher: SimFetcher(simulator: simulator))
        let outcomes = await puller.pullAll(period: period)
        return SimIngest(
            outcomes: outcomes,
            snapshot: SnapshotAssembler.assemble(period: period.description, sources: outcomes.compactMap(\.data)))
    }

    /// Rejects by source and reason (sources without any left out).
    var rejects: [String: [String: Int]] {
        var all: [String: [String: Int]] = [:]
        for outcome in outcomes where !outcome.rejected.isEmpty {
            all[outcome.sourceID] = Dictionary(
                uniqueKeysWithValues: outcome.rejected.map { ($0.key.rawValue, $0.value) })
        }
        return all
    }

    /// Accepted records by source.
    var accepted: [String: Int] {
        Dictionary(uniqueKeysWithValues: outcomes.map { ($0.sourceID, $0.accepted) })
    }
}
