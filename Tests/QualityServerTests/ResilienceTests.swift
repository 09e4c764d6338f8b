import BureauSim
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import QualityCore
import QualityIngest
import QualityStore
import Testing

@testable import QualityServer

/// What the daemon keeps serving when things fail: a restart, a bureau down, a store that fails.
@Suite struct ResilienceTests {
    @Test func restartServesTheStoredResultBeforeAnyPull() async throws {
        let world = try TestWorld()
        let (period, domain) = try await SimServer.withServer(try TestWorld.simulator()) { port in
            try world.writeConfig(port: port)
            return try await withLiveDaemon(world) { daemon, client in
                try await waitReady(daemon)
                try await eventually("every source pulled", in: daemon) {
                    await daemon.runtime.ingest.statuses(now: Date()).allSatisfy { !$0.stale }
                }
                // Every run scores all sources' data (scoring waits for each source's first pull),
                // so the domain series are those of any run from here on.
                #expect(await daemon.scoring.score())
                return (await daemon.runtime.period.description, try await client.metrics(prefix: "quality_"))
            }
        }
        let stored = try await SQLiteStore(path: world.sqlitePath).latestSuccessfulRun(period: period)
        let scores = ByteBuffer(bytes: try #require(stored).json)
        #expect(domain.count > 100)

        // bureau-sim is stopped now. A daemon whose pulls never finish serves the stored result.
        try await withLiveDaemon(world, fetcher: StalledFetcher()) { daemon, client in
            #expect(try await client.get("/api/v1/scores").body == scores)
            try await waitReady(daemon)
            #expect(try await client.get("/readyz").status == .ok)
            #expect(try await client.metrics(prefix: "quality_") == domain)
            let pulls = try await client.metrics(prefix: "qualityd_source_pulls_total")
            #expect(pulls.values.allSatisfy { $0 == 0 })
            // The sources' state before the restart is restored, not invented.
            let up = try await client.metrics(prefix: "qualityd_source_up")
            #expect(up.count == 13 && up.values.allSatisfy { $0 == 1 })
        }

        // With real pulls failing against the stopped bureau, each source keeps its stored data:
        // the re-scored result has the same scores.
        try await withLiveDaemon(world) { daemon, client in
            try await waitReady(daemon, sourcesUp: false, client)
            #expect(await daemon.scoring.score())
            let run = await daemon.runtime.served?.run
            #expect(run?.status == .success)
            #expect(try await client.metrics(prefix: "quality_") == domain)
            #expect(try await client.get("/readyz").status == .ok)
        }
    }

    @Test func aFailingSourceKeepsItsLastGoodScores() async throws {
        let world = try TestWorld()
        let faulty = try TestWorld.simulator(faults: "500:1@/ciq/sampling")
        try await SimServer.withServer(try TestWorld.simulator()) { port in
            try await SimServer.withServer(faulty) { faultyPort in
                try world.writeConfig(port: port)
                try await withLiveDaemon(world) { daemon, client in
                    try await waitReady(daemon, sourcesUp: true, client)
                    #expect(await daemon.scoring.score())
                    let scores = try await client.metrics(prefix: "quality_district_score")
                    #expect(scores.count == 10)

                    // ciq_sampling now asks a bureau that answers 500 to every request.
                    try world.writeConfig(port: port, overrides: ["ciq_sampling": faultyPort])
                    #expect(
                        try await client.execute(uri: "/-/reload", method: .post, headers: TestTokens.admin).status
                            == .ok)
                    try await eventually("ciq_sampling down", in: daemon) {
                        try await client.metrics()[#"qualityd_source_up{source="ciq_sampling"}"#] == 0
                    }
                    #expect(await daemon.scoring.score())
                    let metrics = try await client.metrics()
                    #expect(metrics[#"qualityd_source_pulls_total{source="ciq_sampling",result="http_error"}"#] == 1)
                    let others = metrics.filter {
                        $0.key.hasPrefix("qualityd_source_up{") && !$0.key.contains("ciq_sampling")
                    }
                    #expect(others.count == 12 && others.values.allSatisfy { $0 == 1 })
                    #expect(try await client.metrics(prefix: "quality_district_score") == scores)

                    let sources = try JSONParser.parse(Array(buffer: try await client.get("/api/v1/sources").body))
                    let sampling = sources.value(atPath: "sources")?.arrayValue?.first {
                        $0.value(atPath: "id") == .string("ciq_sampling")
                    }
                    #expect(sampling?.value(atPath: "up") == .bool(false))
                    #expect(sampling?.value(atPath: "stale") == .bool(true))
                    #expect(sampling?.value(atPath: "last_pull.result") == .string("http_error"))
                    #expect(sampling?.value(atPath: "last_success")?.stringValue != nil)
                }
            }
        }
    }

    @Test func aFailedScoringRunIsCountedAndThePreviousResultStays() async throws {
        let world = try TestWorld()
        let store = try FailingStore(path: world.sqlitePath)
        try await SimServer.withServer(try TestWorld.simulator()) { port in
            try world.writeConfig(port: port)
            var options = world.options()
            options.store = store
            let daemon = try await buildDaemon(options)
            try await daemon.application.test(.live) { client in
                try await waitReady(daemon, sourcesUp: true, client)
                #expect(await daemon.scoring.score())
                let scores = try await client.get("/api/v1/scores").body
                let domain = try await client.metrics(prefix: "quality_")
                let failures = try await client.metrics()[#"qualityd_scoring_runs_total{result="failure"}"#]
                let before = failures ?? -1

                store.failSnapshots(true)
                #expect(await daemon.scoring.score() == false)
                let metrics = try await client.metrics()
                #expect(metrics[#"qualityd_scoring_runs_total{result="failure"}"#] == before + 1)
                #expect(try await client.get("/api/v1/scores").body == scores)
                #expect(try await client.metrics(prefix: "quality_") == domain)
                let runs = try await store.runs(period: nil, limit: 1, offset: 0)
                #expect(runs.first?.status == .failure)
                #expect(runs.first?.error?.contains("disk is full") == true)
                store.failSnapshots(false)
            }
        }
    }
}
