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

    private func ready() async throws -> Readiness {
        guard let served = await runtime.served else { throw ServingError.noResultYet }
        guard served.result != nil else { throw ServingError.parsing(period: served.period) }
        let (leading, leader) = runtime.replica.standing
        return Readiness(
            period: served.period, configSHA256: await runtime.loaded.sha256, replica: runtime.replica.id,
            leader: leader, leading: leading)
    }

    /// `{"status": "ready", "period", "config_sha256", "replica", "leader", "leading"}`: with several
    /// replicas, this one's id, the leader's (null while nobody is known to lead), and whether it leads.
    struct Readiness: ResponseEncodable {
        var status = "ready"
        var period: String
        var configSHA256: String
        var replica: String
        @Nullable var leader: String?
        var leading: Bool
    }
}
