import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import QualityCore
import QualityStore
import Synchronization
import Testing

@testable import QualityServer

/// The pieces behind the security fixes: host rule, budgets, per-token sessions, idle timeout, and
/// the HTTP request metrics.
@Suite struct HardeningTests {
    @Test func hostRule() {
        let open = HostRule()
        #expect(open.scheme(forAuthority: "127.0.0.1:9470") == "http")
        #expect(open.scheme(forAuthority: "10.1.2.3") == "http")
        #expect(open.scheme(forAuthority: "[::1]:9470") == "http")
        #expect(open.scheme(forAuthority: "LocalHost.:9470") == "http")
        #expect(open.scheme(forAuthority: "rebind.evil.example:9470") == nil)
        #expect(open.scheme(forAuthority: "127.0.0.1.evil.example") == nil)
        #expect(open.scheme(forAuthority: "300.1.2.3") == nil)
        #expect(open.scheme(forAuthority: "localhost:x") == nil)
        #expect(open.scheme(forAuthority: "[::1]x") == nil)
        #expect(open.scheme(forAuthority: "[evil.example]:9470") == nil)
        #expect(open.scheme(forAuthority: "[::ffff:127.0.0.1]") == "http")
        let listed = HostRule([AllowedHost(host: "q.example"), AllowedHost(host: "s.example", scheme: "https")])
        #expect(listed.scheme(forAuthority: "Q.example:8080") == "http")
        #expect(listed.scheme(forAuthority: "s.example") == "https")
        #expect(listed.scheme(forAuthority: "x.q.example") == nil)
    }

    @Test func allowedHostsEndToEnd() async throws {
        let yaml = "\nserver:\n  allowed_hosts: [q.example, \"https://s.example\"]\n"
        let w = try await WorkedDaemon.make(tokens: false, yaml: yaml)
        try await w.daemon.application.test(.live) { client in
            let port = try #require(client.port)
            func send(_ method: String, _ path: String, host: String, origin: String? = nil) async throws -> Int {
                let originLine = origin.map { "Origin: \($0)\r\n" } ?? ""
                return RawHTTP.status(
                    try await RawHTTP.exchange(
                        port: port,
                        "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\n\(originLine)Content-Length: 0\r\nConnection: close\r\n\r\n"
                    ))
            }
            #expect(try await send("GET", "/api/v1/scores", host: "q.example:\(port)") == 200)
            #expect(try await send("GET", "/api/v1/scores", host: "s.example") == 200)
            #expect(try await send("GET", "/api/v1/scores", host: "other.example") == 421)
            // Behind a TLS proxy the browser's origin is https; plain http is another origin.
            #expect(try await send("POST", "/logout", host: "s.example", origin: "https://s.example") == 303)
            #expect(try await send("POST", "/logout", host: "s.example", origin: "http://s.example") == 403)
            #expect(try await send("POST", "/logout", host: "q.example", origin: "https://q.example") == 403)
            #expect(try await send("POST", "/logout", host: "q.example", origin: "http://q.example") == 303)
            let metrics = samples(try await client.text("/metrics"), prefix: "qualityd_auth_failures_total")
            #expect(metrics[#"qualityd_auth_failures_total{kind="misdirected"}"#] == 1)
            #expect(metrics[#"qualityd_auth_failures_total{kind="cross_origin"}"#] == 2)
        }
    }

    @Test func sessionsPerTokenEndTheTokensOldest() async throws {
        let world = try TestWorld()
        let sessions = SessionStore(records: try SQLiteStore(path: world.sqlitePath), capacity: 1_000, perToken: 5)
        let now = PagesFixture.now
        let admin = try await sessions.create(tokenSHA256: "aa", now: now)
        var viewer: [String] = []
        for i in 0..<8 { viewer.append(try await sessions.create(tokenSHA256: "bb", now: now + Double(i))) }
        var alive: [Bool] = []
        for id in viewer { alive.append(try await sessions.session(id, now: now + 10) != nil) }
        #expect(alive == [false, false, false] + Array(repeating: true, count: 5))
        #expect(try await sessions.session(admin, now: now + 10) != nil)
        #expect(try await sessions.count() == 6)
    }

    @Test func throttleRefillsAtItsRate() {
        let throttle = ClientThrottle(.init(capacity: 3, perSecond: 0.5))
        let t0 = PagesFixture.now
        #expect((0..<4).map { _ in throttle.take("a", now: t0) } == [nil, nil, nil, 2])
        #expect(throttle.take("b", now: t0) == nil)
        #expect(throttle.check("a", now: t0 + 1) == 1)
        #expect(throttle.take("a", now: t0 + 2) == nil)
        #expect(throttle.take("a", now: t0 + 2) == 2)
        throttle.reset("a")
        #expect(throttle.take("a", now: t0 + 2) == nil)
    }

    @Test func failuresOfAnIntervalAreSummedUpWhenItIsOver() {
        let log = LogRecorder()
        let clock = Mutex(PagesFixture.now)
        let guards = AuthGuard(metrics: OperationalMetrics(), logger: log.logger, now: { clock.withLock { $0 } })
        for _ in 0..<5 { guards.recordFailure(.badToken, client: "192.0.2.7") }
        for _ in 0..<2 { guards.recordFailure(.badLogin, client: "192.0.2.7") }
        guards.recordFailure(.misdirected, client: "198.51.100.1")
        clock.withLock { $0 += 30 }
        #expect(guards.flushExpired() == [])
        clock.withLock { $0 += 31 }
        #expect(
            guards.flushExpired() == [
                "auth failures from 192.0.2.7 in the 60 s after the last line: 2 bad_login, 4 bad_token"
            ])
        #expect(guards.flushExpired() == [])
        let warnings = log.lines(at: .warning)
        #expect(warnings.count == 3)
        #expect(warnings.first?.hasPrefix("auth failure from 192.0.2.7: bad_token; further failures") == true)
        #expect(warnings.dropFirst().first?.hasPrefix("auth failure from 198.51.100.1: misdirected") == true)
    }

    @Test func idleAndHalfSentConnectionsAreClosed() async throws {
        let w = try await WorkedDaemon.make { $0.idleTimeout = .milliseconds(300) }
        try await w.daemon.application.test(.live) { client in
            let port = try #require(client.port)
            let idle = try await RawHTTP.secondsUntilClosed(port: port, sending: "", limit: 5)
            #expect(idle.map { $0 >= 0.2 && $0 < 3 } == true, "\(String(describing: idle))")
            let slow = try await RawHTTP.secondsUntilClosed(
                port: port, sending: "GET /metrics HTTP/1.1\r\nHost: localhost\r\nX-Slow: a", limit: 5)
            #expect(slow.map { $0 >= 0.2 && $0 < 3 } == true, "\(String(describing: slow))")
            // A request sent in time is answered (the test client's own idle connection is gone by now).
            let answer = try await RawHTTP.exchange(
                port: port, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            #expect(RawHTTP.status(answer) == 200)
        }
    }

    @Test func requestMetricsByRouteTemplate() async throws {
        let w = try await WorkedDaemon.make()
        try await w.daemon.application.test(.router) { client in
            for _ in 0..<3 { #expect(try await client.get("/api/v1/scores").status == .ok) }
            #expect(try await client.get("/districts/330203").status == .ok)
            #expect(try await client.get("/districts/330205").status == .ok)
            #expect(try await client.get("/districts/999999").status == .notFound)
            #expect(try await client.get("/api/v1/scores", headers: [:]).status == .unauthorized)
            #expect(try await client.get("/no/such/route/12345").status == .notFound)
            _ = try await client.get("/metrics")
            let text = try await client.text("/metrics")
            let m = samples(text, prefix: "qualityd_http_request")
            #expect(m[#"qualityd_http_requests_total{route="/api/v1/scores",code="200"}"#] == 3)
            #expect(m[#"qualityd_http_requests_total{route="/api/v1/scores",code="401"}"#] == 1)
            #expect(m[#"qualityd_http_requests_total{route="/districts/{code}",code="200"}"#] == 2)
            #expect(m[#"qualityd_http_requests_total{route="/districts/{code}",code="404"}"#] == 1)
            #expect(m[#"qualityd_http_requests_total{route="unmatched",code="404"}"#] == 1)
            #expect(m[#"qualityd_http_requests_total{route="/metrics",code="200"}"#] == 1)
            #expect(m[#"qualityd_http_request_duration_seconds_count{route="/api/v1/scores"}"#] == 4)
            #expect(m[#"qualityd_http_request_duration_seconds_bucket{route="/api/v1/scores",le="+Inf"}"#] == 4)
            // Raw paths never become labels.
            #expect(!text.contains("/districts/999999"))
            #expect(!text.contains("/no/such/route"))
            // The cached body is not rendered again for requests: only results and sources move it.
            let renders = w.daemon.metrics.renderCount
            _ = try await client.get("/api/v1/scores")
            _ = try await client.get("/metrics")
            #expect(w.daemon.metrics.renderCount == renders)
        }
    }
}
