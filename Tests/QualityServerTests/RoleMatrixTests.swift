import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import QualityCore
import QualityStore
import Testing

@testable import QualityServer

/// Every route × no token, viewer, finance, admin (docs/SEMANTICS.md §11): exactly the status each gets.
@Suite struct RoleMatrixTests {
    /// A route, the lowest role it admits (nil: anyone), the status of a request that gets through,
    /// and the list state it needs before each request (list actions change it).
    struct Route: Sendable, CustomStringConvertible {
        var method: HTTPRequest.Method
        var path: String
        var role: Role?
        var success: HTTPResponse.Status = .ok
        var body: String?
        var headers: HTTPFields = [:]
        var list: ListStatus?? = .none

        var description: String { "\(method) \(path)" }
    }

    static func routes(uscc: String) -> [Route] {
        let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        return [
            Route(method: .get, path: "/metrics", role: nil),
            Route(method: .get, path: "/healthz", role: nil),
            Route(method: .get, path: "/readyz", role: nil),
            Route(method: .get, path: "/login", role: nil),
            Route(
                method: .post, path: "/login", role: nil, success: .seeOther,
                body: "token=demo-viewer-token&next=%2Fsources", headers: form),
            Route(method: .post, path: "/logout", role: nil, success: .seeOther),
            Route(method: .get, path: "/static/app.css", role: nil),
            Route(method: .get, path: "/", role: .viewer),
            Route(method: .get, path: "/?lang=en", role: .viewer),
            Route(method: .get, path: "/districts/330212", role: .viewer),
            Route(method: .get, path: "/sources", role: .viewer),
            Route(method: .get, path: "/api/v1/scores", role: .viewer),
            Route(method: .get, path: "/api/v1/scores?period=2025", role: .viewer),
            Route(method: .get, path: "/api/v1/runs", role: .viewer),
            Route(method: .get, path: "/api/v1/sources", role: .viewer),
            Route(method: .get, path: "/api/v1/districts/330212/explain", role: .viewer),
            Route(method: .get, path: "/subsidies", role: .finance),
            Route(method: .get, path: "/subsidies/2025/list?page=1&page_size=5", role: .finance),
            Route(method: .get, path: "/subsidies/2025/notice", role: .finance),
            Route(method: .get, path: "/enterprises/\(uscc)", role: .finance),
            Route(method: .get, path: "/api/v1/subsidies", role: .finance),
            Route(method: .get, path: "/api/v1/subsidies?period=2025", role: .finance),
            Route(method: .get, path: "/api/v1/enterprises/\(uscc)/explain", role: .finance),
            Route(method: .get, path: "/export/subsidies.csv?period=2025", role: .finance),
            Route(method: .get, path: "/export/subsidies.xlsx?period=2025&lang=en", role: .finance),
            Route(method: .get, path: "/export/subsidies.json", role: .finance),
            Route(
                method: .post, path: "/api/v1/subsidies/2025/publish", role: .finance,
                body: #"{"notice_start": "2025-07-01"}"#, list: .some(nil)),
            Route(method: .post, path: "/api/v1/subsidies/2025/confirm", role: .finance, list: .some(.published)),
            Route(
                method: .post, path: "/api/v1/subsidies/2025/revoke", role: .admin, body: #"{"reason": "test"}"#,
                list: .some(.confirmed)),
            Route(method: .get, path: "/api/v1/audit?limit=5", role: .admin),
            Route(method: .post, path: "/-/reload", role: .admin),
            // A sampling plan of 2025 is in force when these start; revoking it lets the draw after succeed.
            Route(method: .get, path: "/sampling", role: .viewer),
            Route(method: .get, path: "/sampling?period=2025&lang=en", role: .viewer),
            Route(method: .get, path: "/sampling/2025/notice", role: .viewer),
            Route(method: .get, path: "/api/v1/sampling/2025", role: .viewer),
            Route(method: .get, path: "/export/sampling.csv?period=2025", role: .finance),
            Route(method: .get, path: "/export/sampling.xlsx?period=2025&lang=en", role: .finance),
            Route(method: .post, path: "/api/v1/sampling/2025/revoke", role: .admin, body: #"{"reason": "test"}"#),
            Route(
                method: .post, path: "/api/v1/sampling/2025/draw", role: .admin, success: .created,
                body: #"{"seed": "matrix-2"}"#),
            Route(method: .get, path: "/reports/industry/textile?period=2025", role: .viewer),
            Route(method: .get, path: "/reports/industry/textile?lang=en", role: .viewer),
            Route(method: .get, path: "/api/v1/reports/industry/textile?period=2025", role: .viewer),
        ] + correctionRoutes
    }

    /// Corrections and appeals (docs/SEMANTICS.md §14). Corrections #1 to #3, proposed by `someone`,
    /// are stored before the run. The worked config has no sources, so a proposal gets past the role
    /// check and is then refused: no source provides the fact (400). The appeals come last: an open
    /// appeal blocks publishing.
    static var correctionRoutes: [Route] {
        let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        return [
            Route(method: .get, path: "/corrections", role: .finance),
            Route(method: .get, path: "/corrections?period=2025&lang=en", role: .finance),
            Route(method: .get, path: "/api/v1/corrections?period=2025&status=proposed", role: .finance),
            Route(method: .get, path: "/api/v1/appeals?district=330212", role: .finance),
            Route(
                method: .post, path: "/api/v1/corrections", role: .finance, success: .badRequest,
                body: #"{"entity": "district", "key": "330212", "fact": "x", "value": 0, "reason": "r"}"#),
            Route(method: .post, path: "/api/v1/corrections/1/approve", role: .admin, body: #"{"reason": "ok"}"#),
            Route(method: .post, path: "/api/v1/corrections/2/reject", role: .admin, body: #"{"reason": "no"}"#),
            Route(
                method: .post, path: "/corrections", role: .finance, success: .badRequest,
                body: "entity=district&key=330212&fact=x&value=0&reason=r", headers: form),
            Route(
                method: .post, path: "/corrections/3/approve", role: .admin, body: "reason=ok", headers: form),
            Route(method: .post, path: "/corrections/3/reject?lang=en", role: .admin, body: "reason=no", headers: form),
            Route(method: .post, path: "/subsidies/2025/publish", role: .finance, headers: form, list: .some(nil)),
            Route(
                method: .post, path: "/subsidies/2025/confirm", role: .finance, headers: form,
                list: .some(.published)),
            Route(
                method: .post, path: "/subsidies/2025/revoke", role: .admin, body: "reason=test", headers: form,
                list: .some(.confirmed)),
            Route(
                method: .post, path: "/districts/330212/appeals", role: .finance, body: "indicator=x&text=t",
                headers: form),
            Route(
                method: .post, path: "/api/v1/appeals", role: .finance, success: .created,
                body: #"{"district": "330212", "indicator": "x", "text": "t"}"#),
            Route(method: .post, path: "/appeals/1/accept", role: .admin, body: "corrections=1", headers: form),
            Route(method: .post, path: "/api/v1/appeals/1/reject", role: .admin, body: #"{"reason": "no"}"#),
            Route(method: .post, path: "/api/v1/appeals/2/accept", role: .admin, body: #"{"corrections": [1]}"#),
        ]
    }

    @Test func everyRouteAnswersEachRoleExactly() async throws {
        let w = try await WorkedDaemon.make(yaml: SamplingFixture.yaml)
        _ = try await SamplingService(runtime: w.daemon.runtime).draw(period: "2025", seed: "matrix-1", by: "test")
        for fact in ["major_incidents", "complaints", "cnas_labs"] {
            _ = try await w.store.proposeCorrection(
                NewCorrection(
                    period: "2025", entity: .district, key: "330212", fact: fact, valueJSON: "0", reason: "matrix",
                    evidence: ""),
                by: "someone", at: PagesFixture.now)
        }
        let routes = Self.routes(uscc: w.awardedUSCC)
        try await w.daemon.application.test(.router) { client in
            for route in routes {
                for caller in [nil] + Role.allCases {
                    if case .some(let status) = route.list { try await w.bringList(to: status) }
                    var headers = route.headers
                    for field in TestTokens.bearer(caller) { headers.append(field) }
                    let response = try await client.execute(
                        uri: route.path, method: route.method, headers: headers,
                        body: route.body.map { ByteBuffer(string: $0) })
                    let expected: HTTPResponse.Status
                    if let needed = route.role {
                        expected = caller == nil ? .unauthorized : caller! >= needed ? route.success : .forbidden
                    } else {
                        expected = route.success
                    }
                    #expect(
                        response.status == expected,
                        "\(route) as \(caller?.rawValue ?? "nobody"): \(String(buffer: response.body).prefix(300))")
                    if response.status == .unauthorized {
                        #expect(response.headers[.wwwAuthenticate] == #"Bearer realm="qualityd""#)
                    }
                }
            }
            // A route that is not there is 404 for everyone, before and after signing in.
            #expect(try await client.get("/nowhere", headers: [:]).status == .notFound)
            #expect(try await client.get("/districts/999999").status == .notFound)
        }
    }

    @Test func aWrongTokenIs401AndTheSessionCookieCarriesTheRole() async throws {
        let w = try await WorkedDaemon.make()
        try await w.daemon.application.test(.router) { client in
            let wrong = try await client.get("/api/v1/scores", headers: [.authorization: "Bearer not-a-token"])
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("not valid"))
            #expect(
                try await client.get("/api/v1/scores", headers: [.authorization: "Basic abc"]).status == .unauthorized)

            let cookie = try await LoginFlowTests.signIn(client, token: TestTokens.finance)
            #expect(try await client.get("/subsidies", headers: [.cookie: cookie]).status == .ok)
            #expect(try await client.get("/", headers: [.cookie: cookie]).status == .ok)
            #expect(try await client.get("/api/v1/audit", headers: [.cookie: cookie]).status == .forbidden)
            // A wrong bearer header is not rescued by a good cookie.
            let both: HTTPFields = [.cookie: cookie, .authorization: "Bearer wrong"]
            #expect(try await client.get("/subsidies", headers: both).status == .unauthorized)
        }
    }

    @Test func withoutTokensPagesAreOpenAndActionsLoopbackOnly() async throws {
        let w = try await WorkedDaemon.make(tokens: false)
        try await w.daemon.application.test(.router) { client in
            for path in ["/", "/subsidies", "/api/v1/audit", "/export/subsidies.csv", "/api/v1/subsidies"] {
                #expect(try await client.get(path, headers: [:]).status == .ok, "\(path)")
            }
            // The router test has no peer address: not loopback.
            for path in ["/api/v1/subsidies/2025/publish", "/api/v1/subsidies/2025/confirm", "/-/reload"] {
                let response = try await client.execute(uri: path, method: .post)
                #expect(response.status == .forbidden, "\(path)")
                #expect(String(buffer: response.body).contains("loopback"))
            }
            let audit = try await w.store.auditLog(limit: 10, offset: 0)
            #expect(audit.map(\.action) == [.export])
            #expect(audit.first?.who == "anonymous local")
        }
    }
}
