import Hummingbird
import QualityConfig
import QualityCore

/// `POST /-/reload`: reloads the config like SIGHUP. Loopback requests only, until tokens with
/// roles guard it (SPEC 11).
struct ReloadRoutes {
    let reloader: Reloader

    func register(on router: Router<AppRequestContext>) {
        router.post("-/reload") { _, context in
            guard context.isLoopback else {
                throw APIError(.forbidden, "reload is accepted from loopback connections only")
            }
            switch await reloader.reload(who: "http \(context.remoteAddress?.ipAddress ?? "loopback")") {
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
                throw APIError(
                    .configInvalid, "config refused, the previous one stays in force",
                    details: errors.issues.map(\.description))
            }
        }
    }
}
