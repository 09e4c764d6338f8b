import Foundation
import Hummingbird
import QualityConfig
import QualityCore

/// `Fixtures/ingest`: the five sources of docs/SEMANTICS.md §9's worked example, and a bureau serving their bodies.
enum WorkedExample {
    static let period = Period(year: 2025)

    /// Route path → source id; bodies are `bodies/SOURCE.PAGE.json|csv`.
    static let routes: [(path: String, source: String, ext: String, contentType: String)] = [
        ("/jxj/enterprises", "jxj_registry", "json", "application/json; charset=utf-8"),
        ("/ciq/sampling", "ciq_sampling", "json", "application/json"),
        ("/scj/awards.csv", "scj_awards", "csv", "text/csv; charset=gb18030"),
        ("/scj/districts", "scj_districts", "json", "application/json"),
        ("/cz/payouts", "cz_payouts", "json", "application/json"),
    ]

    static func serve(_ router: Router<BasicRequestContext>, log: RequestLog) {
        for route in routes {
            router.get(RouterPath(route.path)) { request, _ -> Response in
                await log.append(request.uri.description)
                let page = request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 1
                guard let body = try? Fixture.bytes("ingest/bodies/\(route.source).\(page).\(route.ext)") else {
                    return Response(status: .notFound)
                }
                return TestServer.response(body, contentType: route.contentType)
            }
        }
    }

    /// `Fixtures/ingest/config.yaml` loaded as the daemon loads it, with `BUREAU_BASE` = `base`.
    static func config(base: String) throws -> Config {
        try ConfigLoader.load(path: Fixture.url("ingest/config.yaml").path, environment: ["BUREAU_BASE": base]).config
    }
}
