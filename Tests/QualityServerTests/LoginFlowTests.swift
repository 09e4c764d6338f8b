import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import QualityCore
import QualityStore
import Testing

@testable import QualityServer

/// Signing in and out with the session cookie, `next`, CSRF, and the pieces behind them.
@Suite struct LoginFlowTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// Signs in through the form and returns the `Cookie` header value to send afterwards.
    static func signIn(_ client: some TestClientProtocol, token: String, next: String = "/") async throws -> String {
        let body = "token=\(token)&next=\(PageFormat.urlEncode(next))"
        let response = try await client.execute(
            uri: "/login", method: .post, headers: form, body: ByteBuffer(string: body))
        #expect(response.status == .seeOther)
        let setCookie = response.headers[.setCookie] ?? ""
        return String(setCookie.split(separator: ";").first ?? "")
    }

    @Test func signInVisitSignOut() async throws {
        let w = try await WorkedDaemon.make()
        try await w.daemon.application.test(.router) { client in
            // A browser without a session is sent to the login page, which comes back here.
            let browser: HTTPFields = [.accept: "text/html,application/xhtml+xml"]
            let page = try await client.get("/subsidies/2025/list?page=2", headers: browser)
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login?next=%2Fsubsidies%2F2025%2Flist%3Fpage%3D2")
            let english = try await client.get("/sources?lang=en", headers: browser)
            #expect(english.headers[.location] == "/login?next=%2Fsources%3Flang%3Den&lang=en")
            let login = try await client.get("/login?next=%2Fsubsidies", headers: browser)
            #expect(login.status == .ok)
            #expect(String(buffer: login.body).contains(#"name="next" value="/subsidies""#))

            // A wrong token: the form again, 401, no cookie.
            let wrong = try await client.execute(
                uri: "/login", method: .post, headers: Self.form, body: ByteBuffer(string: "token=nope&next=%2F"))
            #expect(wrong.status == .unauthorized)
            #expect(wrong.headers[.setCookie] == nil)
            #expect(String(buffer: wrong.body).contains("id=\"login-error\""))

            let response = try await client.execute(
                uri: "/login", method: .post, headers: Self.form,
                body: ByteBuffer(string: "token=demo-finance-token&next=%2Fsubsidies"))
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/subsidies")
            let setCookie = try #require(response.headers[.setCookie])
            let id = String(setCookie.split(separator: ";")[0].dropFirst("qualityd_session=".count))
            #expect(id.count == 64 && id.allSatisfy(\.isHexDigit))
            #expect(!setCookie.contains("demo-finance-token"))
            for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"] {
                #expect(setCookie.contains(attribute), "\(setCookie)")
            }
            let cookie = "qualityd_session=\(id)"
            let subsidies = try await client.get("/subsidies", headers: [.cookie: cookie, .accept: "text/html"])
            #expect(subsidies.status == .ok)
            #expect(String(buffer: subsidies.body).contains(#"id="signed-in">demo-finance"#))
            #expect(subsidies.headers[.cacheControl] == "no-store")
            #expect(subsidies.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)

            // Too low a role: the 403 page for a browser, JSON for the API.
            let viewer = try await Self.signIn(client, token: TestTokens.viewer)
            let denied = try await client.get("/subsidies", headers: [.cookie: viewer, .accept: "text/html"])
            #expect(denied.status == .forbidden)
            #expect(String(buffer: denied.body).contains(#"data-status="403""#))
            let api = try await client.get("/api/v1/subsidies", headers: [.cookie: viewer, .accept: "text/html"])
            #expect(api.status == .forbidden)
            #expect(String(buffer: api.body).hasPrefix(#"{"error":{"code":"forbidden""#))
            let missing = try await client.get("/districts/999999", headers: [.cookie: viewer, .accept: "text/html"])
            #expect(missing.status == .notFound)
            #expect(String(buffer: missing.body).contains("no district 999999"))

            let logout = try await client.execute(
                uri: "/logout", method: .post, headers: [.cookie: cookie, .origin: "http://localhost"])
            #expect(logout.status == .seeOther)
            #expect(logout.headers[.setCookie]?.hasPrefix("qualityd_session=;") == true)
            #expect(logout.headers[.setCookie]?.contains("Max-Age=0") == true)
            let after = try await client.get("/subsidies", headers: [.cookie: cookie, .accept: "text/html"])
            #expect(after.status == .seeOther)

            let audit = try await w.store.auditLog(limit: 10, offset: 0)
            #expect(audit.filter { $0.action == .login }.map(\.who) == ["demo-viewer", "demo-finance"])
        }
    }

    @Test func nextStaysOnThisServer() async throws {
        #expect(LoginPage.safeNext("//evil.com") == "/")
        #expect(LoginPage.safeNext("https://evil.com/") == "/")
        #expect(LoginPage.safeNext("/\\evil.com") == "/")
        #expect(LoginPage.safeNext("/districts/330212?lang=en") == "/districts/330212?lang=en")
        let w = try await WorkedDaemon.make()
        try await w.daemon.application.test(.router) { client in
            for next in ["//evil.com", "https://evil.com", "/\\evil.com"] {
                let response = try await client.execute(
                    uri: "/login", method: .post, headers: Self.form,
                    body: ByteBuffer(string: "token=demo-viewer-token&next=\(PageFormat.urlEncode(next))"))
                #expect(response.headers[.location] == "/", "\(next)")
            }
        }
    }

    @Test func cookiePostsMustComeFromThisServer() async throws {
        let w = try await WorkedDaemon.make()
        try await w.daemon.application.test(.router) { client in
            let cookie = try await Self.signIn(client, token: TestTokens.finance)
            let publish = "/api/v1/subsidies/2025/publish"
            // No Origin and no Referer: refused; another site: refused; this server: accepted.
            let bare = try await client.execute(uri: publish, method: .post, headers: [.cookie: cookie])
            #expect(bare.status == .forbidden)
            #expect(String(buffer: bare.body).contains("Origin or Referer"))
            let refused: [HTTPFields] = [
                [.cookie: cookie, .origin: "https://evil.example"],
                [.cookie: cookie, .referer: "http://evil.example/subsidies"],
            ]
            for headers in refused {
                #expect(try await client.execute(uri: publish, method: .post, headers: headers).status == .forbidden)
            }
            #expect(try await w.store.currentList(period: "2025") == nil)
            let accepted: [HTTPFields] = [
                [.cookie: cookie, .referer: "http://localhost/subsidies"],
                [.cookie: cookie, .origin: "http://localhost"],
            ]
            for headers in accepted {
                #expect(try await client.execute(uri: publish, method: .post, headers: headers).status == .ok)
            }
            // A bearer token needs no Origin, but a foreign Origin is refused whatever the credential.
            let bearer = try await client.execute(uri: publish, method: .post, headers: TestTokens.bearer(.finance))
            #expect(bearer.status == .ok)
            var foreign = TestTokens.bearer(.finance)
            foreign[.origin] = "http://localhost.evil.example"
            #expect(try await client.execute(uri: publish, method: .post, headers: foreign).status == .forbidden)
            // Signing in from another site's form is refused too.
            let crossLogin = try await client.execute(
                uri: "/login", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .origin: "http://evil.example"],
                body: ByteBuffer(string: "token=demo-admin-token"))
            #expect(crossLogin.status == .forbidden)
        }
    }

    @Test func tokensAreComparedInFullAndSessionsExpire() async throws {
        #expect(TokenCheck.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        #expect(!TokenCheck.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
        #expect(!TokenCheck.constantTimeEqual(Array("abc".utf8), Array("abcd".utf8)))
        #expect(!TokenCheck.constantTimeEqual([], [0]))
        #expect(TokenCheck.constantTimeEqual([], []))

        let tokens = DemoTokens.configs
        #expect(TokenCheck.match("demo-finance-token", in: tokens)?.name == "demo-finance")
        #expect(TokenCheck.match("demo-admin-token", in: tokens)?.role == .admin)
        #expect(TokenCheck.match("demo-finance-token ", in: tokens) == nil)
        #expect(TokenCheck.match("", in: tokens) == nil)
        // Digests written in upper case match too.
        var upper = tokens
        upper[1].sha256 = upper[1].sha256.uppercased()
        #expect(TokenCheck.match("demo-finance-token", in: upper)?.name == "demo-finance")

        #expect(Authenticator.bearer("Bearer abc") == "abc")
        #expect(Authenticator.bearer("bearer   abc ") == "abc")
        #expect(Authenticator.bearer("Basic abc") == nil)
        #expect(Authenticator.bearer("Bearer") == nil)

        let world = try TestWorld()
        let sessions = SessionStore(records: try SQLiteStore(path: world.sqlitePath), lifetime: 60, capacity: 2)
        let t0 = Date(timeIntervalSince1970: 1_750_000_000)
        let a = try await sessions.create(tokenSHA256: "AA", now: t0)
        #expect(try await sessions.session(a, now: t0 + 59)?.tokenSHA256 == "aa")
        #expect(try await sessions.session(a, now: t0 + 60) == nil)
        #expect(try await sessions.count() == 0)
        let b = try await sessions.create(tokenSHA256: "bb", now: t0)
        let c = try await sessions.create(tokenSHA256: "cc", now: t0 + 1)
        let d = try await sessions.create(tokenSHA256: "dd", now: t0 + 2)
        #expect(try await sessions.count() == 2)
        #expect(try await sessions.session(b, now: t0 + 3) == nil)  // the one expiring first made room
        #expect(try await sessions.session(c, now: t0 + 3) != nil)
        #expect(try await sessions.session(d, now: t0 + 3) != nil)
        #expect(b != c && c != d)

        #expect(SameOrigin.authority(of: "http://LocalHost:80/x?y") == "localhost")
        #expect(SameOrigin.authority(of: "https://a.example:443") == "a.example")
        #expect(SameOrigin.authority(of: "http://127.0.0.1:9470/subsidies") == "127.0.0.1:9470")
        #expect(SameOrigin.authority(of: "http://user@evil/") == nil)
        #expect(SameOrigin.authority(of: "null") == nil)
        #expect(LoginRoutes.form("token=a%2Bb+c&next=%2Fx&token=second") == ["token": "a+b c", "next": "/x"])
    }
}

/// The demo tokens as `auth.tokens` entries.
enum DemoTokens {
    static let configs = [
        TokenConfig(
            name: "demo-viewer", role: .viewer,
            sha256: "db2c460a3dd812a27b2a7f60d1320322c27ac3b28b3b90b11c05ecc7b4bcc856"),
        TokenConfig(
            name: "demo-finance", role: .finance,
            sha256: "def24dcaa2767d3713d3e4753dae47336790dedc1b248e065e66e29255466e1e"),
        TokenConfig(
            name: "demo-admin", role: .admin, sha256: "91c16f0d6cc1bec3c3603972182a07c66ff4fa71618a975e963d6dbe42b6dd37"
        ),
    ]
}
