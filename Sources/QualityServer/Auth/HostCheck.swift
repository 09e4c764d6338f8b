import HTTPTypes
import Hummingbird
import NIOCore
import QualityCore

/// Which `Host` values the daemon answers, and the scheme browsers use for each (for `SameOrigin`).
///
/// A DNS-rebinding page reaches a daemon on loopback under the attacker's own name, so its requests
/// carry that name in `Host`. IP literals and `localhost` cannot be rebound and are always accepted
/// (as `http`); any other name must be listed in `server.allowed_hosts`, which also says whether
/// browsers reach it over `https` (a TLS proxy in front). The port is not compared: a proxy may
/// publish the daemon on another one.
struct HostRule: Sendable, Equatable {
    var allowed: [AllowedHost]

    init(_ allowed: [AllowedHost] = []) {
        self.allowed = allowed
    }

    /// The scheme of origins that may send requests with this `Host`; nil when the host is refused.
    func scheme(forAuthority authority: String) -> String? {
        guard let host = Self.host(of: authority) else { return nil }
        if let entry = allowed.first(where: { $0.host == host }) { return entry.scheme }
        if host == "localhost" || Self.isIPLiteral(host) { return "http" }
        return nil
    }

    /// The host of `host[:port]` or `[v6]:port`, lower-case, without a trailing dot; nil when malformed.
    static func host(of authority: String) -> String? {
        var text = Substring(authority.lowercased())
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let rest = text[text.index(after: close)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && rest.dropFirst().allSatisfy(\.isASCIIDigit)) else {
                return nil
            }
            return String(text[...close])
        }
        if let colon = text.lastIndex(of: ":") {
            guard text[text.index(after: colon)...].allSatisfy(\.isASCIIDigit) else { return nil }
            text = text[..<colon]
        }
        if text.hasSuffix(".") { text = text.dropLast() }
        return text.isEmpty ? nil : String(text)
    }

    /// A dotted-quad IPv4 address or a bracketed IPv6 address.
    static func isIPLiteral(_ host: String) -> Bool {
        if host.hasPrefix("["), host.hasSuffix("]") {
            let inside = host.dropFirst().dropLast()
            return inside.contains(":") && inside.allSatisfy { $0 == ":" || $0 == "." || $0.isHexDigit }
        }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { p in
                !p.isEmpty && p.count <= 3 && p.allSatisfy(\.isASCIIDigit) && (Int(p) ?? 256) <= 255
            }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Refuses requests whose `Host` is not one of this daemon's names (`HostRule`) with 421, before
/// anything else looks at them. `/healthz` and `/readyz` answer whatever the `Host`: they tell
/// nothing but up or ready, and load balancers probe them by whatever name they were given.
struct HostGuard: AppMiddleware {
    let runtime: Runtime
    let guards: AuthGuard

    static let anyHostPaths: Set<String> = ["/healthz", "/readyz"]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // A request without Host (HTTP/1.0) comes from no browser: nothing to check.
        guard let authority = request.head.authority else { return try await next(request, context) }
        guard let scheme = runtime.hostRule.scheme(forAuthority: authority) else {
            guard Self.anyHostPaths.contains(request.uri.path) else {
                guards.recordFailure(.misdirected, client: context.clientKey)
                throw MisdirectedRequest(host: authority)
            }
            return try await next(request, context)
        }
        var context = context
        context.originScheme = scheme
        return try await next(request, context)
    }
}
