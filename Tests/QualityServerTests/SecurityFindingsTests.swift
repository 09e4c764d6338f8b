import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import QualityCore
import QualityStore
import Testing

@testable import QualityServer

/// The findings of the outside security probe (issue 15), one test each, through HTTP as the probe
/// saw them.
@Suite struct SecurityFindingsTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// A fixed clock: sign-in and wrong-token budgets do not refill while a test runs.
    static let frozen: @Sendable () -> Date = { PagesFixture.now }

    // MARK: DNS rebinding

    @Test func foreignHostIsMisdirectedEvenForLoopbackActions() async throws {
        let w = try await WorkedDaemon.make(tokens: false)
        try await w.daemon.application.test(.live) { client in
            let port = try #require(client.port)
            func send(_ method: String, _ path: String, host: String, origin: String? = nil) async throws -> String {
                let originLine = origin.map { "Origin: \($0)\r\n" } ?? ""
                return try await RawHTTP.exchange(
                    port: port,
                    "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\n\(originLine)Content-Length: 0\r\nConnection: close\r\n\r\n"
                )
            }
            let evil = "rebind.evil.example:\(port)"
            // The probe's requests: actions from loopback under a rebound name, and reads.
            for (method, path) in [
                ("POST", "/-/reload"), ("POST", "/api/v1/subsidies/2025/confirm"), ("GET", "/api/v1/scores"),
            ] {
                let response = try await send(method, path, host: evil, origin: "http://\(evil)")
                #expect(RawHTTP.status(response) == 421, "\(method) \(path): \(response.prefix(200))")
                #expect(response.contains(#""code":"misdirected_request""#))
            }
            #expect(RawHTTP.status(try await send("GET", "/", host: evil)) == 421)
            // Health checks answer whatever the name.
            #expect(RawHTTP.status(try await send("GET", "/healthz", host: evil)) == 200)
            // The names the daemon is reached by on this machine.
            for host in ["127.0.0.1:\(port)", "localhost:\(port)", "LOCALHOST", "[::1]:\(port)"] {
                let response = try await send("GET", "/api/v1/scores", host: host)
                #expect(RawHTTP.status(response) == 200, "\(host): \(response.prefix(200))")
            }
            let reload = try await send(
                "POST", "/-/reload", host: "127.0.0.1:\(port)", origin: "http://127.0.0.1:\(port)")
            #expect(RawHTTP.status(reload) == 200, "\(reload.prefix(300))")
        }
    }

    @Test func originMustHaveThisServersScheme() async throws {
        let w = try await WorkedDaemon.make()
        try await w.daemon.application.test(.router) { client in
            let other = try await client.execute(uri: "/logout", method: .post, headers: [.origin: "https://localhost"])
            #expect(other.status == .forbidden)
            var headers = TestTokens.bearer(.finance)
            headers[.origin] = "https://localhost:80"
            let publish = try await client.execute(
                uri: "/api/v1/subsidies/2025/publish", method: .post, headers: headers)
            #expect(publish.status == .forbidden)
            let same = try await client.execute(uri: "/logout", method: .post, headers: [.origin: "http://localhost"])
            #expect(same.status == .seeOther)
        }
    }

    // MARK: Sessions and sign-in

    @Test func signInsWithOneTokenCannotEndAnotherTokensSession() async throws {
        let world = try TestWorld()
        let sessions = SessionStore(records: try SQLiteStore(path: world.sqlitePath), capacity: 100)
        let now = PagesFixture.now
        let admin = try await sessions.create(tokenSHA256: "aa", now: now)
        for i in 0..<150 { _ = try await sessions.create(tokenSHA256: "bb", now: now + Double(i)) }
        #expect(try await sessions.session(admin, now: now + 200)?.tokenSHA256 == "aa")
        #expect(try await sessions.count() == 100)
    }

    @Test func signInIsThrottledPerClient() async throws {
        let w = try await WorkedDaemon.make { $0.now = Self.frozen }
        try await w.daemon.application.test(.router) { client in
            var statuses: [Int] = []
            var retryAfter: Set<String> = []
            for _ in 0..<30 {
                let response = try await client.execute(
                    uri: "/login", method: .post, headers: Self.form,
                    body: ByteBuffer(string: "token=\(TestTokens.viewer)&next=%2F"))
                statuses.append(Int(response.status.code))
                if let value = response.headers[.retryAfter] { retryAfter.insert(value) }
            }
            #expect(statuses == Array(repeating: 303, count: 20) + Array(repeating: 429, count: 10))
            #expect(retryAfter == ["3"])
        }
    }

    @Test func wrongTokensAreCountedLoggedInOneLineAndBackedOff() async throws {
        let log = LogRecorder()
        let w = try await WorkedDaemon.make {
            $0.now = Self.frozen
            $0.logger = log.logger
        }
        try await w.daemon.application.test(.router) { client in
            var statuses: [Int] = []
            for i in 0..<40 {
                let response = try await client.get("/api/v1/scores", headers: [.authorization: "Bearer wrong-\(i)"])
                statuses.append(Int(response.status.code))
                if i == 39 { #expect(response.headers[.retryAfter] == "1") }
            }
            #expect(statuses == Array(repeating: 401, count: 30) + Array(repeating: 429, count: 10))
            // Backed off: even the right token waits.
            #expect(try await client.get("/api/v1/scores").status == .tooManyRequests)
            for _ in 0..<5 {
                let wrong = try await client.execute(
                    uri: "/login", method: .post, headers: Self.form, body: ByteBuffer(string: "token=nope&next=%2F"))
                #expect(wrong.status == .unauthorized)
            }
            let scrape = try await client.get("/metrics", headers: [:])
            let metrics = samples(String(buffer: scrape.body), prefix: "qualityd_auth_failures_total")
            #expect(metrics[#"qualityd_auth_failures_total{kind="bad_token"}"#] == 30)
            #expect(metrics[#"qualityd_auth_failures_total{kind="throttled"}"#] == 11)
            #expect(metrics[#"qualityd_auth_failures_total{kind="bad_login"}"#] == 5)
            #expect(metrics[#"qualityd_auth_failures_total{kind="misdirected"}"#] == 0)
        }
        let warnings = log.lines(at: .warning).filter { $0.contains("auth failure") }
        #expect(warnings.count == 1, "\(warnings)")
        #expect(warnings.first?.hasPrefix("auth failure from local: bad_token") == true)
    }

    @Test func nextWithControlCharactersOrWhitespaceGoesHome() async throws {
        let w = try await WorkedDaemon.make()
        try await w.daemon.application.test(.router) { client in
            let cases: [(next: String, location: String)] = [
                ("%2F%09%2Fevil.example%2Fpath", "/"),
                ("%2F%0A%2Fevil.example", "/"),
                ("%2F%20%2Fevil.example", "/"),
                ("%2F%5Cevil.example", "/"),
                ("%2F%E2%80%AE%2Fevil", "/"),
                ("%2F%2Fevil.example", "/"),
                ("https%3A%2F%2Fevil.example", "/"),
                ("%2Fsubsidies%3Fpage%3D2", "/subsidies?page=2"),
            ]
            for c in cases {
                let response = try await client.execute(
                    uri: "/login", method: .post, headers: Self.form,
                    body: ByteBuffer(string: "token=\(TestTokens.viewer)&next=\(c.next)"))
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == c.location, "next=\(c.next)")
            }
            #expect(LoginPage.safeNext("/\t/evil") == "/")
        }
    }

    // MARK: Bureau text in pages

    @Test func bureauNamesAreIsolatedInPages() throws {
        let w = try PagesFixture.worked()
        var result = w.result
        result.subsidies.awards[0].name = "ACME\u{202E}oC"
        let list = AwardListPage(config: w.config, result: result, context: PagesFixture.context()).render()
        #expect(PagesFixture.text(list).contains("<td class=\"name\"><bdi>ACME\u{202E}oC</bdi></td>"))
    }

    // MARK: Headers

    @Test func apiAnswersAreNeitherCachedNorSniffed() async throws {
        let w = try await WorkedDaemon.make()
        try await w.daemon.application.test(.router) { client in
            for uri in ["/api/v1/scores", "/api/v1/districts/999999/explain", "/api/v1/audit"] {
                let response = try await client.get(uri, headers: TestTokens.bearer(.viewer))
                #expect(response.headers[.cacheControl] == "no-store", "\(uri)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
            }
        }
    }
}
