import HTTPTypes
import Hummingbird
import NIOCore
import QualityCore

/// What every HTML route shares: the page context of a request and the HTML response headers.
enum PageSupport {
    /// The stylesheet's URL; its query is the stylesheet's hash, so browsers may cache it for a day.
    static let stylesheet = StylesheetMode.link(
        "/static/app.css?v=" + String(SHA256.hex(Array(PageStyle.css.utf8)).prefix(12)))

    /// `?lang=en` shows English; anything else Chinese.
    static func language(_ request: Request) -> Language {
        request.uri.queryParameters.get("lang") == "en" ? .en : .zh
    }

    /// The request's path and query, for `next` after signing in.
    static func pathAndQuery(_ request: Request) -> String {
        let query = request.uri.query.map { "?" + $0 } ?? ""
        return request.uri.path + query
    }

    static func context(_ request: Request, _ context: AppRequestContext, runtime: Runtime) async -> PageContext {
        let query = request.uri.queryParameters.map { (name: String($0.key), value: String($0.value)) }
        let user = context.access.identity.map { PageUser(name: $0.name, role: $0.role) }
        return PageContext(
            language: language(request), path: request.uri.path, query: query, user: user,
            generatedAt: runtime.now(), timezone: await runtime.config.timezone, stylesheet: stylesheet)
    }

    /// The login page's URL that comes back to this request afterwards.
    static func loginURL(returningTo request: Request) -> String {
        var url = "/login?next=" + PageFormat.urlEncode(pathAndQuery(request))
        if language(request) == .en { url += "&lang=en" }
        return url
    }
}

extension Response {
    /// An HTML page. Pages hold finance data: not cached; no scripts at all; not framed.
    static func html(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy:
                    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                .xContentTypeOptions: "nosniff", HTTPField.Name("Referrer-Policy")!: "same-origin",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// 303 See Other to `location` (a path on this server).
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}
