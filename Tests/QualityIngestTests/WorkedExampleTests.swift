import Foundation
import QualityCore
import QualityIngest
import QualityRecords
import Testing

/// docs/SEMANTICS.md §9's worked example end to end: five sources over real HTTP, the snapshot and rejects exact.
@Suite struct WorkedExampleTests {
    @Test func pullsTheExpectedSnapshotAndRejects() async throws {
        let log = RequestLog()
        let (snapshot, outcomes) = try await TestServer.run({ WorkedExample.serve($0, log: log) }) { base in
            try await TestServer.withClient { client in
                let config = try WorkedExample.config(base: base)
                #expect(config.sources.map(\.id) == WorkedExample.routes.map(\.source))
                let puller = try Puller(config: config, fetcher: AsyncHTTPFetcher(client: client))
                let outcomes = await puller.pullAll(period: WorkedExample.period)
                let state = IngestState(sources: config.sources)
                await state.record(outcomes)
                return (await state.snapshot(period: "2025"), outcomes)
            }
        }

        for outcome in outcomes {
            #expect(outcome.result == .success, "\(outcome.sourceID): \(outcome.error ?? "")")
        }
        let expectedRoot = try JSONParser.parse(try Fixture.bytes("ingest/expected-snapshot.json"))
        let expected = try Snapshot(json: try #require(expectedRoot.value(atPath: "snapshot")))
        let mine = String(decoding: snapshot.json(style: .pretty(indent: 1)), as: UTF8.self)
        let theirs = String(decoding: expected.json(style: .pretty(indent: 1)), as: UTF8.self)
        #expect(mine == theirs)
        #expect(snapshot.sha256 == expected.sha256)

        var expectedRejects: [String: [String: Int]] = [:]
        for (source, reasons) in try #require(expectedRoot.value(atPath: "rejected")?.objectValue).pairs {
            for (reason, count) in try #require(reasons.objectValue).pairs {
                expectedRejects[source, default: [:]][reason] = Int(try #require(count.numberValue))
            }
        }
        var rejects: [String: [String: Int]] = [:]
        for outcome in outcomes where !outcome.rejected.isEmpty {
            rejects[outcome.sourceID] = Dictionary(
                uniqueKeysWithValues: outcome.rejected.map { ($0.key.rawValue, $0.value) })
        }
        #expect(rejects == expectedRejects)

        let byID = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.sourceID, $0) })
        #expect(byID["jxj_registry"]?.pages == 3)
        #expect(byID["jxj_registry"]?.accepted == 5)
        #expect(byID["ciq_sampling"]?.accepted == 6)
        #expect(byID["scj_awards"]?.accepted == 6)
        #expect(byID["cz_payouts"]?.accepted == 2)
        // Pages 1–3 of three, one and no more: the third page is short.
        #expect(await log.count(path: "/jxj/enterprises") == 3)
        let requests = await log.requests
        #expect(requests.contains("/jxj/enterprises?period=2025&page=3&page_size=3"))
        #expect(requests.contains("/ciq/sampling?from=2025-01-01&to=2025-12-31"))
    }
}
