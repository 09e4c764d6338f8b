import BureauSim
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import QualityCore
import QualityStore
import Testing

@testable import QualityServer

/// The daemon against a live bureau-sim: pulls, scores, serves.
@Suite struct DaemonTests {
    static let domainFamilies = [
        "quality_assessment_period_info", "quality_district_info", "quality_district_score", "quality_district_rank",
        "quality_district_grade", "quality_district_vetoed", "quality_district_incomplete",
        "quality_district_dimension_score", "quality_district_indicator_value",
        "quality_district_indicator_score_ratio", "quality_district_enterprises", "quality_subsidy_requested_yuan",
        "quality_subsidy_granted_yuan", "quality_subsidy_enterprises", "quality_subsidy_budget_yuan",
        "quality_subsidy_program_budget_yuan",
    ]
    static let operationalFamilies = [
        "qualityd_source_up", "qualityd_source_last_success_timestamp_seconds",
        "qualityd_source_pull_duration_seconds", "qualityd_source_pulls_total", "qualityd_source_records",
        "qualityd_source_records_rejected_total", "qualityd_scoring_runs_total", "qualityd_scoring_duration_seconds",
        "qualityd_last_scoring_timestamp_seconds", "qualityd_config_last_reload_successful", "qualityd_exports_total",
        "qualityd_build_info", "qualityd_leader", "qualityd_leader_changes_total", "qualityd_auth_failures_total",
        "qualityd_http_requests_total",
        "qualityd_http_request_duration_seconds",
    ]

    @Test func pullsScoresAndServes() async throws {
        let world = try TestWorld()
        try await SimServer.withServer(try TestWorld.simulator()) { port in
            try world.writeConfig(port: port)
            try await withLiveDaemon(world) { daemon, client in
                try await waitReady(daemon)
                #expect(try await client.get("/readyz").status == .ok)
                #expect(try await client.get("/healthz").status == .ok)

                let scores = try JSONParser.parse(Array(buffer: try await client.get("/api/v1/scores").body))
                let districts = scores.value(atPath: "districts")?.arrayValue ?? []
                #expect(districts.count == 10)
                let period = try #require(scores.value(atPath: "period")?.stringValue)

                let body = try await client.text("/metrics")
                let families = body.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map {
                    String($0.split(separator: " ")[2])
                }
                #expect(
                    families == Self.domainFamilies + ["quality_sampling_enterprises", "qualityd_corrections"]
                        + Self.operationalFamilies)
                #expect(body.split(separator: "\n").filter { $0.hasPrefix("# HELP ") }.count == families.count)
                if let report = try promtoolCheckMetrics(body) {
                    #expect(report.status == 0 && report.output.isEmpty, "\(report.output)")
                }

                let metrics = samples(body)
                #expect(metrics[#"quality_assessment_period_info{period="\#(period)"}"#] == 1)
                #expect(metrics.keys.filter { $0.hasPrefix("quality_district_info{") }.count == 10)
                // Every district's enterprises are spread over the four risk classes of the demo.
                for code in districts.compactMap({ $0.value(atPath: "code")?.stringValue }) {
                    let classes = metrics.filter {
                        $0.key.hasPrefix(#"quality_sampling_enterprises{district="\#(code)","#)
                    }
                    #expect(classes.count == 4)
                    #expect(
                        classes.values.reduce(0, +) == metrics[#"quality_district_enterprises{district="\#(code)"}"#])
                }
                for source in await daemon.runtime.config.sources {
                    #expect(metrics[#"qualityd_source_up{source="\#(source.id)"}"#] == 1, "\(source.id)")
                    #expect(metrics[#"qualityd_source_pulls_total{source="\#(source.id)",result="success"}"#] == 1)
                    #expect(metrics[#"qualityd_source_pulls_total{source="\#(source.id)",result="timeout"}"#] == 0)
                }
                #expect(metrics[#"qualityd_scoring_runs_total{result="failure"}"#] == 0)
                #expect(metrics[#"qualityd_exports_total{format="xlsx"}"#] == 0)
                #expect(metrics["qualityd_config_last_reload_successful"] == 1)
                #expect(metrics[#"qualityd_build_info{version="\#(BuildInfo.version)"}"#] == 1)

                // The registry records equal what the last successful pull accepted.
                let sources = try JSONParser.parse(Array(buffer: try await client.get("/api/v1/sources").body))
                let list = sources.value(atPath: "sources")?.arrayValue ?? []
                #expect(list.count == 13)
                for entry in list {
                    let id = entry.value(atPath: "id")?.stringValue ?? ""
                    let records = entry.value(atPath: "last_pull.records")?.numberValue
                    #expect(entry.value(atPath: "up") == .bool(true))
                    #expect(entry.value(atPath: "stale") == .bool(false))
                    #expect(records == metrics[#"qualityd_source_records{source="\#(id)"}"#])
                }

                let runs = try JSONParser.parse(Array(buffer: try await client.get("/api/v1/runs").body))
                #expect(runs.value(atPath: "runs")?.arrayValue?.first?.value(atPath: "status") == .string("success"))

                let unknown = try await client.get("/api/v1/scores?period=1999")
                #expect(unknown.status == .notFound)
                #expect(String(buffer: unknown.body).hasPrefix(#"{"error":{"code":"not_found","message":"#))
                #expect(try await client.get("/api/v1/scores?period=2025Q9").status == .badRequest)
            }
        }
    }

    /// The exposition without the HTTP request series, which move with every request.
    static func cached(_ body: ByteBuffer) -> [Substring] {
        String(buffer: body).split(separator: "\n").filter { !$0.contains("qualityd_http_request") }
    }

    /// Returns once a second has passed without a publish (at most 30 s).
    static func settled(_ metrics: MetricsCache) async throws {
        for _ in 0..<30 {
            let before = metrics.publishCount
            try await Task.sleep(for: .seconds(1))
            if metrics.publishCount == before { return }
        }
        Issue.record("metrics kept being published for 30 s")
    }

    @Test func metricsAreRenderedOnChangeNotPerScrapeAndGzipped() async throws {
        let world = try TestWorld()
        try await SimServer.withServer(try TestWorld.simulator()) { port in
            try world.writeConfig(port: port)
            try await withLiveDaemon(world) { daemon, client in
                // Every source pulled and the result of that scoring installed: nothing moves after this.
                try await waitReady(daemon, sourcesUp: true, client)
                // Under load the last pull's and the scoring run's publishes can land after the
                // sources show up: wait until a second passes without one.
                try await Self.settled(daemon.metrics)
                let renders = daemon.metrics.renderCount
                let publishes = daemon.metrics.publishCount
                let first = try await client.get("/metrics")
                let second = try await client.get("/metrics")
                // Only the live request series move between two scrapes; the cached body is the same.
                #expect(Self.cached(first.body) == Self.cached(second.body))
                #expect(
                    String(buffer: second.body).contains(#"qualityd_http_requests_total{route="/metrics",code="200"}"#))
                #expect(first.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                #expect(first.headers[.contentEncoding] == nil)

                let zipped = try await client.get("/metrics", headers: [.acceptEncoding: "gzip, deflate"])
                #expect(zipped.headers[.contentEncoding] == "gzip")
                let unzipped = try Gzip.decompress(Array(buffer: zipped.body))
                #expect(Self.cached(ByteBuffer(bytes: unzipped)) == Self.cached(first.body))
                #expect(zipped.body.readableBytes < first.body.readableBytes / 3)
                // Three scrapes, no publish: any rendering since came from a change, not a scrape.
                #expect(daemon.metrics.publishCount - publishes < 3)
                #expect(daemon.metrics.renderCount - renders <= daemon.metrics.publishCount - publishes)

                // A reload is a change: one more rendering.
                await daemon.reloader.reload(who: "test")
                #expect(daemon.metrics.renderCount > renders)
            }
        }
    }

    @Test func reloadGoodAndBadConfigs() async throws {
        let world = try TestWorld()
        try await SimServer.withServer(try TestWorld.simulator()) { port in
            try world.writeConfig(port: port)
            let good = try String(contentsOfFile: world.configPath, encoding: .utf8)
            try await withLiveDaemon(world) { daemon, client in
                try await waitReady(daemon)
                let scores = try await client.get("/api/v1/scores").body
                let before = try await client.metrics(prefix: "quality_district_score")
                #expect(before.count == 10)

                // Through POST /-/reload (the test client connects over loopback).
                let reloaded = try await client.execute(uri: "/-/reload", method: .post, headers: TestTokens.admin)
                #expect(reloaded.status == .ok)
                #expect(try await client.metrics()["qualityd_config_last_reload_successful"] == 1)

                try world.write(good.replacingOccurrences(of: "timezone:", with: "time_zone:"))
                let refused = try await client.execute(uri: "/-/reload", method: .post, headers: TestTokens.admin)
                #expect(refused.status == .unprocessableContent)
                let error = try JSONParser.parse(Array(buffer: refused.body))
                #expect(error.value(atPath: "error.code") == .string("config_invalid"))
                let details = error.value(atPath: "error.details")?.arrayValue ?? []
                #expect(details.contains { $0.stringValue?.contains("time_zone") == true })
                #expect(try await client.metrics()["qualityd_config_last_reload_successful"] == 0)
                #expect(try await client.get("/api/v1/scores").body == scores)
                #expect(try await client.metrics(prefix: "quality_district_score") == before)
                #expect(try await client.get("/readyz").status == .ok)

                // Through the function SIGHUP calls.
                try world.write(good)
                guard case .reloaded = await daemon.reloader.reload(who: "SIGHUP") else {
                    Issue.record("the good config was refused")
                    return
                }
                #expect(try await client.metrics()["qualityd_config_last_reload_successful"] == 1)
                try world.write("version: 1\nno_such_key: [\n")
                guard case .refused = await daemon.reloader.reload(who: "SIGHUP") else {
                    Issue.record("the broken config was accepted")
                    return
                }
                #expect(try await client.metrics()["qualityd_config_last_reload_successful"] == 0)
                #expect(try await client.metrics(prefix: "quality_district_score") == before)

                let audit = try await daemon.runtime.store.auditLog(limit: 10, offset: 0)
                #expect(audit.filter { $0.action == .reload }.count == 4)
                #expect(audit.first?.who == "SIGHUP")
                #expect(audit.first?.detail?.hasPrefix("refused") == true)
            }
        }
    }
}
