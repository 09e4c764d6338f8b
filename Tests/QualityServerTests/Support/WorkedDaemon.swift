import Foundation
import NIOCore
import QualityConfig
import QualityCore
import QualityExport
import QualityStore
import Testing

@testable import QualityServer

/// A daemon serving the worked example (three districts, eight enterprises, period 2025) without any
/// source: its result, run and snapshot are put in place as a scoring run would, so routes can be
/// tested through the router without a socket.
struct WorkedDaemon {
    let world: TestWorld
    let daemon: Daemon
    let worked: PagesFixture.Worked

    /// With `tokens`, the worked config gets the demo tokens' `auth` section.
    static func make(tokens: Bool = true) async throws -> WorkedDaemon {
        let world = try TestWorld()
        let fixture = ExpositionGoldenTests.fixtures.appendingPathComponent("worked/config.yaml")
        try world.write(try String(contentsOf: fixture, encoding: .utf8) + (tokens ? "\n" + TestTokens.authYAML : ""))
        let daemon = try await buildDaemon(world.options(fetcher: StalledFetcher()))
        let loaded = await daemon.runtime.loaded
        let snapshot = try PagesFixture.worked().snapshot
        let result = loaded.model.assess(snapshot, configSHA256: loaded.sha256)
        let store = daemon.runtime.store
        let info = try await store.saveSnapshot(snapshot, createdAt: PagesFixture.now)
        let json = result.json(style: .compact)
        let run = try await store.recordRun(
            ScoringRun(
                period: result.period, configSHA256: loaded.sha256, snapshotSHA256: info.sha256,
                startedAt: PagesFixture.now, finishedAt: PagesFixture.now, durationSeconds: 0.01, status: .success),
            resultJSON: json)
        await daemon.runtime.install(
            ServedResult(
                period: result.period, json: ByteBuffer(bytes: json), run: run, result: result, snapshot: snapshot),
            domain: daemon.runtime.renderDomain(result, config: loaded.config))
        return WorkedDaemon(
            world: world, daemon: daemon,
            worked: PagesFixture.Worked(loaded: loaded, snapshot: snapshot, result: result))
    }

    var store: any Store { daemon.runtime.store }
    var result: AssessmentResult { worked.result }

    /// An enterprise with an award granted more than 0.
    var awardedUSCC: String { result.subsidies.awards.first { $0.grantedFen > 0 }?.uscc ?? "" }

    /// Brings the list of 2025 to `status` through the store (published, confirmed or none in force).
    func bringList(to status: ListStatus?) async throws {
        var current = try await store.currentList(period: "2025")?.list.status
        if current == .confirmed, status != .confirmed {
            _ = try await store.revokeList(period: "2025", by: "test", reason: "reset", at: PagesFixture.now)
            current = nil
        }
        guard let status else { return }
        if current == nil {
            _ = try await store.publishList(
                result, labelsJSON: ListNames(config: worked.config).json(), noticeStart: PagesFixture.now,
                noticeEnd: PagesFixture.now, by: "test", at: PagesFixture.now)
        }
        if status == .confirmed, current != .confirmed {
            _ = try await store.confirmList(period: "2025", by: "test", at: PagesFixture.now)
        }
    }
}
