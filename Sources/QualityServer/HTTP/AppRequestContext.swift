import Hummingbird
import NIOCore

/// The request context of qualityd's routes: Hummingbird's core storage and the peer's address,
/// which loopback-only routes check.
package struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    package var coreContext: CoreRequestContextStorage
    /// Nil when there is no socket (router tests).
    package let remoteAddress: SocketAddress?
    /// Who sends the request; set by `IdentifyMiddleware` before routing.
    package var access: Access = .anonymous(presented: false)
    /// The scheme browsers use for the request's `Host` (`HostGuard`): `Origin` must have it.
    package var originScheme = "http"
    /// Bodies a route returns as a type are written as the whole API writes them.
    package var responseEncoder: APIJSON { APIJSON() }

    package init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The peer's IP address, the key of per-client limits; `local` without a socket.
    package var clientKey: String { remoteAddress?.ipAddress ?? "local" }

    /// Whether the request came over a loopback connection (127.0.0.0/8 or ::1).
    package var isLoopback: Bool {
        guard let ip = remoteAddress?.ipAddress else { return false }
        switch remoteAddress {
        case .v4?: return ip.hasPrefix("127.")
        case .v6?: return ip == "::1" || ip.hasPrefix("::ffff:127.")
        default: return false
        }
    }
}

/// A middleware of qualityd's router: each one works on `AppRequestContext`.
protocol AppMiddleware: RouterMiddleware where Context == AppRequestContext {}
