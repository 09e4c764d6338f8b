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
                var w = JSONWriter(style: .compact)
                w.beginObject()
                w.key("status")
                w.string("reloaded")
                w.key("config_sha256")
                w.string(loaded.sha256)
                w.key("warnings")
                w.strings(loaded.warnings.map(\.description))
                w.endObject()
                return Response.json(w.bytes)
            case .refused(let errors):
                throw errors
            }
        }
    }
}
