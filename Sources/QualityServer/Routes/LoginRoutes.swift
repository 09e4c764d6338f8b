import Foundation
import Hummingbird
import Logging
import NIOCore
import QualityCore
import QualityStore

/// `GET/POST /login`, `POST /logout` and the stylesheet: open to anyone (docs/SEMANTICS.md §11).
///
/// Signing in posts a token; a valid one opens a session in the store (`SessionStore`) whose random
/// id goes into the `qualityd_session` cookie (`HttpOnly; SameSite=Strict; Path=/`), and the browser
/// goes on to `next` (a local path only). Successful sign-ins are audited as `login`.
struct LoginRoutes {
    let runtime: Runtime
    let authenticator: Authenticator

    func register(on open: some RouterMethods<AppRequestContext>) {
        open.get("login") { request, context in
            let page = LoginPage(
                next: request.uri.queryParameters.get("next"),
                context: await PageSupport.context(request, context, runtime: runtime))
            return Response.html(page.render())
        }
        open.post("login") { request, context in
            try await signIn(request, context)
        }
        open.post("logout") { request, context in
            try authenticator.guards.sameOrigin(request, context, signedInByCookie: false)
            if let id = request.cookies[SessionStore.cookieName]?.value { try await authenticator.sessions.remove(id) }
            var response = Response.seeOther("/login")
            response.setCookie(Self.cookie(value: "", maxAge: 0))
            return response
        }
        open.get("static/app.css") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=86400"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: PageStyle.css)))
        }
    }

    private func signIn(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let guards = authenticator.guards
        try guards.sameOrigin(request, context, signedInByCookie: false)
        if let wait = guards.logins.take(context.clientKey, now: runtime.now()) {
            guards.recordFailure(.throttled, client: context.clientKey, detail: "sign-in")
            let pageContext = await PageSupport.context(request, context, runtime: runtime)
            let page = LoginPage(
                error: pageContext.t(
                    "登录尝试过于频繁，请 \(wait) 秒后再试。", "Too many sign-in attempts; try again in \(wait) s."),
                context: pageContext)
            var response = Response.html(page.render(), status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        var request = request
        let body = try await request.collectBody(upTo: 16 * 1024)
        let form = Self.form(String(buffer: body))
        let next = LoginPage.safeNext(form["next"])
        guard !runtime.authTokens.isEmpty else {
            // No tokens configured: everything is open, there is nothing to sign in to.
            return .seeOther(next)
        }
        guard let (id, token) = try await authenticator.signIn(token: form["token"] ?? "") else {
            guards.recordFailure(.badLogin, client: context.clientKey)
            let pageContext = await PageSupport.context(request, context, runtime: runtime)
            let page = LoginPage(
                error: pageContext.t("令牌无效，请重新输入。", "That token is not valid; please try again."), next: next,
                context: pageContext)
            return .html(page.render(), status: .unauthorized)
        }
        let entry = AuditEntry(
            at: runtime.now(), who: token.name, action: .login,
            detail: "signed in as \(token.role.rawValue) from \(context.remoteAddress?.ipAddress ?? "?")")
        do {
            _ = try await runtime.store.appendAudit(entry)
        } catch {
            runtime.logger.error("sign-in of \(token.name) not audited: \(error)")
        }
        var response = Response.seeOther(next)
        response.setCookie(Self.cookie(value: id, maxAge: Int(authenticator.sessions.lifetime)))
        return response
    }

    static func cookie(value: String, maxAge: Int) -> Cookie {
        Cookie(
            name: SessionStore.cookieName, value: value, maxAge: maxAge, path: "/", httpOnly: true, sameSite: .strict)
    }

    /// An `application/x-www-form-urlencoded` body; the first value of each name.
    static func form(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }
}
