import BureauSim
import Foundation
import QualityConfig
import QualityCore
import QualityIngest
import QualityRecords
import Testing

/// Ingestion against a live bureau-sim (its library on a loopback port) with deterministic faults:
/// record faults are rejected exactly as the simulator predicts, request faults fail whole sources.
@Suite struct BureauSimEndToEndTests {
    static let period = Period(year: 2025)
    static let reasons: [FaultKind: RejectReason] = [
        .badUSCC: .invalidUSCC, .negative: .range, .passedGreaterThanSampled: .check, .duplicate: .duplicate,
        .badType: .type,
    ]

    /// The demo config bureau-sim prints for `world`, loaded as the daemon loads it.
    static func config(_ world: World, base: String) throws -> Config {
        let yaml = Array(DemoConfig(world: world).yaml.utf8)
        return try ConfigLoader.load(bytes: yaml, file: "demo.yaml", environment: ["BUREAU_BASE": base]).config
    }

    /// The endpoint path and query parameters of a source's URL for `period`.
    static func endpoint(_ source: SourceConfig, base: String) throws -> (path: String, query: [String: String]) {
        let url = source.url(for: period)
        let rest = try #require(url.hasPrefix(base) ? url.dropFirst(base.count) : nil)
        let parts = rest.split(separator: "?", maxSplits: 1)
        var query: [String: String] = [:]
        for pair in parts.dropFirst().first?.split(separator: "&") ?? [] {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { query[String(kv[0])] = String(kv[1]) }
        }
        return (String(parts[0]), query)
    }

    /// Pulls every source of the demo config from a live simulator.
    static func pull(
        _ simulator: Simulator, configure: @Sendable (inout SourceConfig) -> Void = { _ in }
    ) async throws -> (Config, String, [SourcePullOutcome], Snapshot) {
        try await SimServer.withServer(simulator) { port in
            let base = "http://127.0.0.1:\(port)"
            var config = try Self.config(simulator.world, base: base)
            for i in config.sources.indices { configure(&config.sources[i]) }
            let frozen = config
            return try await TestServer.withClient { client in
                let puller = try Puller(
                    config: frozen, fetcher: AsyncHTTPFetcher(client: client), retry: RetryPolicy(baseDelay: 0.01))
                let outcomes = await puller.pullAll(period: Self.period)
                let state = IngestState(sources: frozen.sources)
                await state.record(outcomes)
                return (frozen, base, outcomes, await state.snapshot(period: Self.period.description))
            }
        }
    }

    @Test func cleanWorldIngestsEveryEnterpriseAndDistrict() async throws {
        let simulator = Simulator(world: World(seed: 7, districts: 10, enterprises: 1200))
        let (config, _, outcomes, snapshot) = try await Self.pull(simulator)
        #expect(outcomes.count == config.sources.count)
        for outcome in outcomes {
            #expect(outcome.result == .success, "\(outcome.sourceID): \(outcome.error ?? "")")
            #expect(outcome.rejected.isEmpty, "\(outcome.sourceID): \(outcome.rejectedSummary)")
        }
        #expect(snapshot.enterprises.count == 1200)
        #expect(snapshot.districts.keys == config.districts.map(\.code).sorted())
        let registry = try #require(outcomes.first { $0.sourceID == "jxj_registry" })
        #expect(registry.accepted == 1200)
        #expect(registry.pages == 2)  // 1,000 per page: a full page, then a short one
    }

    /// Every record fault kind at once: each source's rejects equal the simulator's prediction, reason by reason.
    @Test func recordFaultsAreRejectedExactlyAsPredicted() async throws {
        let faults = try FaultPlan(
            parsing: "bad_uscc:0.01,negative:0.01,passed_gt_sampled:0.01,duplicate:0.01,bad_type:0.01")
        let simulator = Simulator(world: World(), faults: faults)
        let (config, base, outcomes, snapshot) = try await Self.pull(simulator)
        var total = 0
        for source in config.sources {
            let outcome = try #require(outcomes.first { $0.sourceID == source.id })
            #expect(outcome.result == .success, "\(source.id): \(outcome.error ?? "")")
            let (path, query) = try Self.endpoint(source, base: base)
            var expected: [RejectReason: Int] = [:]
            for (kind, n) in try simulator.recordFaults(path: path, query: query) {
                expected[try #require(Self.reasons[kind]), default: 0] += n
            }
            #expect(outcome.rejected == expected, "\(source.id)")
            let records = try simulator.recordCount(path: path, query: query)
            // A duplicate is an extra record; every other fault spoils one of the records.
            #expect(outcome.accepted + outcome.rejectedTotal == records + (expected[.duplicate] ?? 0), "\(source.id)")
            total += outcome.rejectedTotal
        }
        #expect(total == 1775)
        let badRegistry = try #require(outcomes.first { $0.sourceID == "jxj_registry" }).rejected[.invalidUSCC] ?? 0
        #expect(badRegistry > 0)
        #expect(snapshot.enterprises.count <= 3000)
    }

    /// One request fault on every request of one endpoint: that source fails with its result, all others succeed.
    @Test(arguments: [
        ("500:1@/ciq/returns", "ciq_returns", PullResult.httpError, 4),
        ("truncated:1@/jxj/enterprises", "jxj_registry", .decodeError, 4),
        ("malformed:1@/scj/awards.csv", "scj_awards", .decodeError, 4),
        ("content_type:1@/scj/districts", "scj_districts", .decodeError, 4),
        ("oversize:1@/cz/payouts", "cz_payouts", .tooLarge, 1),
        ("slow:1@/sw/exports", "sw_exports", .timeout, 2),
    ])
    func requestFaultFailsOneSource(spec: String, sourceID: String, result: PullResult, attempts: Int) async throws {
        let simulator = Simulator(
            world: World(seed: 3, districts: 10, enterprises: 300), faults: try FaultPlan(parsing: spec), slowSeconds: 3
        )
        let slow = result == .timeout
        let (_, _, outcomes, _) = try await Self.pull(simulator) { source in
            if slow, source.id == sourceID {
                source.timeout = 0.5
                source.retries = 1
            }
        }
        for outcome in outcomes where outcome.sourceID != sourceID {
            #expect(outcome.result == .success, "\(outcome.sourceID): \(outcome.error ?? "")")
        }
        let failed = try #require(outcomes.first { $0.sourceID == sourceID })
        #expect(failed.result == result, "\(failed.error ?? "")")
        #expect(failed.attempts == attempts)
        #expect(failed.data == nil)
    }

    /// Faults at a rate below 1 are new draws on each retry: with retries the pulls recover, and the data is whole.
    @Test func retriesOutlastPassingFaults() async throws {
        let world = World(seed: 11, districts: 10, enterprises: 2500)
        let simulator = Simulator(world: world, faults: try FaultPlan(parsing: "500:0.2,truncated:0.1,malformed:0.1"))
        let (_, _, outcomes, snapshot) = try await Self.pull(simulator) { $0.retries = 6 }
        for outcome in outcomes {
            #expect(outcome.result == .success, "\(outcome.sourceID): \(outcome.error ?? "")")
        }
        #expect(outcomes.contains { $0.attempts > $0.pages })
        #expect(snapshot.enterprises.count == 2500)
    }
}
