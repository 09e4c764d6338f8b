import Foundation
import Hummingbird
import QualityCore
import QualityIngest
import QualityRecords

/// `GET /api/v1/sources`: every configured source, its health and its last pull.
struct SourcesRoutes {
    let runtime: Runtime

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("api/v1/sources") { _, _ in
            await body()
        }
    }

    private func body() async -> Sources {
        let config = await runtime.config
        let period = await runtime.period
        let now = runtime.now()
        let ingest = runtime.ingest
        var sources: [Sources.Source] = []
        for source in config.sources {
            let last = await ingest.lastOutcome(source: source.id)
            sources.append(
                Sources.Source(
                    id: source.id, entity: source.entity.rawValue, name: Localized(source.name),
                    intervalSeconds: source.interval, up: last?.succeeded ?? false,
                    stale: await ingest.isStale(source: source.id, now: now),
                    lastSuccess: await ingest.lastSuccess(source: source.id), lastPull: last.map(Sources.Pull.init)))
        }
        return Sources(period: period.description, sources: sources)
    }

    /// `{"period", "sources": […]}`: each source, its health and its last pull.
    struct Sources: ResponseEncodable {
        struct Source: Encodable {
            var id, entity: String
            var name: Localized
            var intervalSeconds: Double
            var up, stale: Bool
            @Nullable var lastSuccess: Date?
            @Nullable var lastPull: Pull?
        }

        struct Pull: Encodable {
            var period, result: String
            var startedAt, finishedAt: Date
            /// Records accepted.
            var records: Int
            /// Records rejected, by reason.
            var rejected: [String: Int]
            var durationSeconds: Double
            var bytes: Int
            @Nullable var error: String?
        }

        var period: String
        var sources: [Source]
    }
}

extension SourcesRoutes.Sources.Pull {
    init(_ o: SourcePullOutcome) {
        self.init(
            period: o.period, result: o.result.rawValue, startedAt: o.startedAt, finishedAt: o.finishedAt,
            records: o.accepted,
            rejected: Dictionary(uniqueKeysWithValues: o.rejected.map { ($0.key.rawValue, $0.value) }),
            durationSeconds: o.duration, bytes: o.bytes, error: o.error)
    }
}
