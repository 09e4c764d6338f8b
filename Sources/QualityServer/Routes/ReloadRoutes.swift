import Hummingbird
import QualityConfig
import QualityCore

/// `POST /-/reload`: reloads the config like SIGHUP. Admin only; while `auth.tokens` is empty,
/// loopback connections only (docs/SEMANTICS.md §11; `RequireRole` decides).
struct ReloadRoutes {
    let reloader: Reloader

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.post("-/reload") { _, context in
            switch await reloader.reload(who: context.who) {
            case .reloaded(let loaded):
                return Reloaded(configSHA256: loaded.sha256, warnings: loaded.warnings.map(\.description))
            case .refused(let errors):
                throw errors
            }
        }
    }

    /// `{"status": "reloaded", "config_sha256", "warnings"}`.
    struct Reloaded: ResponseEncodable {
        var status = "reloaded"
        var configSHA256: String
        var warnings: [String]
    }
}
