import Foundation
import HTTPTypes
import Hummingbird

/// The CSRF rule for requests that change state (POST):
///
/// 1. An `Origin` header, when present, must name this server: its host and port equal `Host`, and
///    its scheme is the one browsers use for that host (`http`, or `https` for a name listed so in
///    `server.allowed_hosts`; `HostGuard` decides it). `https://127.0.0.1:9470` is another origin
///    than `http://127.0.0.1:9470`.
/// 2. A request signed in by the session cookie must also show where it comes from: `Origin`, or
///    failing that `Referer`, naming this server. Browsers send one of them on form posts (the pages
///    send `Referrer-Policy: same-origin`); a cross-site page cannot forge either.
///
/// Requests with a bearer token need no more: browsers never add that header by themselves. The
/// session cookie is `SameSite=Strict` as well; this check does not depend on it. A reverse proxy
/// in front of qualityd must pass the original `Host` on.
enum SameOrigin {
    static func check(_ request: Request, signedInByCookie: Bool, scheme expected: String) throws(APIError) {
        guard request.method != .get, request.method != .head else { return }
        let host = request.head.authority?.lowercased()
        func same(_ url: String) -> Bool {
            guard let host, scheme(of: url) == expected else { return false }
            return authority(of: url) == normalized(host, scheme: expected)
        }
        if let origin = request.headers[.origin] {
            guard same(origin) else {
                throw APIError(.forbidden, "cross-origin request refused: Origin \(origin) is not this server")
            }
            return
        }
        guard signedInByCookie else { return }
        guard let referer = request.headers[.referer] else {
            throw APIError(
                .forbidden,
                "a request signed in by cookie must carry Origin or Referer (or use Authorization: Bearer)")
        }
        guard same(referer) else {
            throw APIError(.forbidden, "cross-origin request refused: Referer is not this server")
        }
    }

    /// `host:port` of a URL such as `http://127.0.0.1:9470/path`, lower-cased, the scheme's default port left out.
    static func authority(of url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = String(rest[..<end]).lowercased()
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        return normalized(authority, scheme: scheme(of: url))
    }

    static func scheme(of url: String) -> String {
        url.range(of: "://").map { url[..<$0.lowerBound].lowercased() } ?? ""
    }

    /// `host:80` for http (`host:443` for https) is `host`.
    static func normalized(_ authority: String, scheme: String) -> String {
        let suffix = scheme == "https" ? ":443" : scheme == "http" ? ":80" : nil
        if let suffix, authority.hasSuffix(suffix) { return String(authority.dropLast(suffix.count)) }
        return authority
    }
}
