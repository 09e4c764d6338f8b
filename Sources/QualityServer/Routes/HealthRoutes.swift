import Hummingbird
import QualityConfig
import QualityCore

/// `GET /healthz` (the process answers) and `GET /readyz` (a config is loaded and a result served;
/// it names this replica and the leader).
struct HealthRoutes {
    let runtime: Runtime

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("healthz") { _, _ in
            Response.json(Array(#"{"status":"ok"}"#.utf8))
        }
        router.get("readyz") { _, _ in
            try await ready()
        }
    }

    private func ready() async throws -> Response {
        guard let served = await runtime.served else { throw ServingError.noResultYet }
        guard served.result != nil else { throw ServingError.parsing(period: served.period) }
        var w = JSONWriter(style: .compact)
        w.beginObject()
        w.key("status")
        w.string("ready")
        w.key("period")
        w.string(served.period)
        w.key("config_sha256")
        w.string(await runtime.loaded.sha256)
        // Replicas: this one's id, the leader's, and whether this one leads.
        runtime.replica.describe(into: &w)
        w.endObject()
        return Response.json(w.bytes)
    }
}
