import BureauSim
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import QualityIngest
import Testing

@testable import QualityServer

/// Runs a daemon built from `world` on a live socket for the duration of `body`, then shuts it down
/// gracefully (as SIGTERM would).
func withLiveDaemon<T: Sendable>(
    _ world: TestWorld, fetcher: (any HTTPFetching)? = nil,
    _ body: @escaping @Sendable (Daemon, any TestClientProtocol) async throws -> T
) async throws -> T {
    let daemon = try await buildDaemon(world.options(fetcher: fetcher))
    return try await daemon.application.test(.live) { client in try await body(daemon, client) }
}

/// Waits until the daemon serves a result of this process or the store, parsed and rendered.
func waitReady(_ daemon: Daemon) async throws {
    try await eventually("a served result", in: daemon) { await daemon.runtime.isReady }
}

/// Waits until the daemon is ready and every source of the test world (13) has `qualityd_source_up`
/// 1 (`up`) or 0: each has been pulled since the start.
func waitReady(_ daemon: Daemon, sourcesUp up: Bool, _ client: some TestClientProtocol) async throws {
    try await waitReady(daemon)
    try await eventually(up ? "every source up" : "every pull failed", in: daemon) {
        let series = try await client.metrics(prefix: "qualityd_source_up")
        return series.count == 13 && series.values.allSatisfy { $0 == (up ? 1 : 0) }
    }
}

extension TestClientProtocol {
    /// A GET as the demo admin (every route allows it); pass other headers (or none) to be someone else.
    func get(_ uri: String, headers: HTTPFields = TestTokens.admin) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }

    func text(_ uri: String) async throws -> String {
        String(buffer: try await get(uri).body)
    }

    /// The `/metrics` samples, by series.
    func metrics(prefix: String = "") async throws -> [String: Double] {
        samples(try await text("/metrics"), prefix: prefix)
    }
}
