import Hummingbird
import QualityCore
import QualityIngest

/// `GET /api/v1/sources`: every configured source, its health and its last pull.
struct SourcesRoutes {
    let runtime: Runtime

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("api/v1/sources") { _, _ in
            Response.json(await body())
        }
    }

    private func body() async -> [UInt8] {
        let config = await runtime.config
        let period = await runtime.period
        let now = runtime.now()
        let ingest = runtime.ingest
        var w = JSONWriter(style: .compact)
        w.beginObject()
        w.key("period")
        w.string(period.description)
        w.key("sources")
        w.beginArray()
        for source in config.sources {
            let last = await ingest.lastOutcome(source: source.id)
            w.beginObject()
            w.key("id")
            w.string(source.id)
            w.key("name")
            w.beginObject()
            w.key("zh")
            w.string(source.name.zh)
            w.key("en")
            w.string(source.name.en)
            w.endObject()
            w.key("entity")
            w.string(source.entity.rawValue)
            w.key("interval_seconds")
            w.number(source.interval)
            w.key("up")
            w.bool(last?.succeeded ?? false)
            w.key("stale")
            w.bool(await ingest.isStale(source: source.id, now: now))
            w.key("last_success")
            w.string(await ingest.lastSuccess(source: source.id)?.iso8601UTC)
            w.key("last_pull")
            if let last { Self.write(last, into: &w) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.bytes
    }

    private static func write(_ o: SourcePullOutcome, into w: inout JSONWriter) {
        w.beginObject()
        w.key("period")
        w.string(o.period)
        w.key("result")
        w.string(o.result.rawValue)
        w.key("started_at")
        w.string(o.startedAt.iso8601UTC)
        w.key("finished_at")
        w.string(o.finishedAt.iso8601UTC)
        w.key("records")
        w.integer(o.accepted)
        w.key("rejected")
        w.beginObject()
        for (reason, count) in o.rejected.sorted(by: { $0.key < $1.key }) {
            w.key(reason.rawValue)
            w.integer(count)
        }
        w.endObject()
        w.key("duration_seconds")
        w.number(o.duration)
        w.key("bytes")
        w.integer(o.bytes)
        w.key("error")
        w.string(o.error)
        w.endObject()
    }
}
