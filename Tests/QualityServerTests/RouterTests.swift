import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import QualityCore
import QualityStore
import Testing

@testable import QualityServer

/// Routes without a socket: a daemon whose config has no sources, so it has no result.
@Suite struct RouterTests {
    static func daemon() async throws -> Daemon {
        let world = try TestWorld()
        let worked = ExpositionGoldenTests.fixtures.appendingPathComponent("worked/config.yaml")
        try world.write(try String(contentsOf: worked, encoding: .utf8))
        return try await buildDaemon(world.options(fetcher: StalledFetcher()))
    }

    @Test func notReadyWithoutAResult() async throws {
        let daemon = try await Self.daemon()
        try await daemon.application.test(.router) { client in
            #expect(try await client.get("/healthz").status == .ok)
            let ready = try await client.get("/readyz")
            #expect(ready.status == .serviceUnavailable)
            #expect(
                String(buffer: ready.body)
                    == #"{"error":{"code":"not_ready","message":"no result yet: waiting for the first scoring run"}}"#
                    + "\n")
            #expect(try await client.get("/api/v1/scores").status == .serviceUnavailable)
            let sources = try JSONParser.parse(Array(buffer: try await client.get("/api/v1/sources").body))
            #expect(sources.value(atPath: "sources") == .array([]))
        }
    }

    @Test func metricsBeforeAnyResultHoldTheOperationalFamilies() async throws {
        let daemon = try await Self.daemon()
        try await daemon.application.test(.router) { client in
            let text = try await client.text("/metrics")
            let families = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map {
                $0.split(separator: " ")[2]
            }
            // No sources configured: the per-source families have no series and are left out.
            #expect(
                families == [
                    "qualityd_scoring_runs_total",
                    "qualityd_scoring_duration_seconds", "qualityd_last_scoring_timestamp_seconds",
                    "qualityd_config_last_reload_successful", "qualityd_exports_total", "qualityd_build_info",
                    "qualityd_leader", "qualityd_leader_changes_total",
                    // Live: no request has been answered before this first one.
                    "qualityd_auth_failures_total",
                ])
            let helps = text.split(separator: "\n").filter { $0.hasPrefix("# HELP ") }
            #expect(helps.count == families.count)
            let s = samples(text)
            #expect(s[#"qualityd_scoring_runs_total{result="success"}"#] == 0)
            #expect(s[#"qualityd_scoring_runs_total{result="failure"}"#] == 0)
            #expect(s["qualityd_scoring_duration_seconds_count"] == 0)
            #expect(s["qualityd_config_last_reload_successful"] == 1)
        }
    }

    @Test func reloadRefusesRequestsNotFromLoopback() async throws {
        let daemon = try await Self.daemon()
        try await daemon.application.test(.router) { client in
            // The router test channel has no peer address: not provably loopback.
            let response = try await client.execute(uri: "/-/reload", method: .post)
            #expect(response.status == .forbidden)
            #expect(String(buffer: response.body).contains(#""code":"forbidden""#))
        }
        #expect(try await daemon.runtime.store.auditLog(limit: 10, offset: 0).isEmpty)
    }
}
