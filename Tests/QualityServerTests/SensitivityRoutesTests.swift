import Foundation
import HummingbirdTesting
import NIOCore
import QualityConfig
import QualityCore
import Testing

@testable import QualityServer

/// The daemon's weight sensitivity run (docs/SEMANTICS.md §15): attached to the served result after
/// scoring, shown beside the rank on the district page and carried by the explanation JSON.
@Suite struct SensitivityRoutesTests {
    static let yaml = "\nserver:\n  sensitivity: { samples: 300, spread: 0.3, seed: 5 }\n"

    @Test func theRankIntervalIsShownAndExplainedAfterTheRun() async throws {
        let w = try await WorkedDaemon.make(yaml: Self.yaml)
        let runtime = w.daemon.runtime
        let loaded = await runtime.loaded
        #expect(loaded.config.server.sensitivity == SensitivityOptions(samples: 300, spread: 0.3, seed: 5))
        let run = try #require(await runtime.served?.run)
        #expect(await runtime.sensitivity(for: w.result) == nil)
        await ScoringService(runtime: runtime, triggers: CoalescingChannel())
            .analyseSensitivity(w.result, loaded: loaded, run: run)
        let expected = loaded.model.sensitivity(
            of: w.result, options: SensitivityOptions(samples: 300, spread: 0.3, seed: 5))
        #expect(await runtime.sensitivity(for: w.result) == expected)
        let d = try #require(expected.district(code: "330212"))
        let (p5, p95) = (try #require(d.rankP5), try #require(d.rankP95))
        #expect(d.baseRank == w.result.district(code: "330212")?.rank)

        try await w.daemon.application.test(.router) { client in
            let zh = String(buffer: try await client.get("/districts/330212").body)
            #expect(zh.contains(#"data-p5="\#(p5)" data-p95="\#(p95)""#))
            #expect(zh.contains(">排名区间 \(p5)–\(p95)</span>"))
            #expect(zh.contains("300 次随机调整各指标权重（±30.00%）"))
            let en = String(buffer: try await client.get("/districts/330212?lang=en").body)
            #expect(en.contains(">rank range \(p5)–\(p95)</span>"))

            let explain = try JSONParser.parse(
                Array(buffer: try await client.get("/api/v1/districts/330212/explain").body))
            #expect(explain.value(atPath: "rank_range.rank_p5")?.numberValue == Double(p5))
            #expect(explain.value(atPath: "rank_range.rank_p95")?.numberValue == Double(p95))
            #expect(explain.value(atPath: "rank_range.base_rank")?.numberValue == d.baseRank.map(Double.init))
            #expect(explain.value(atPath: "rank_range.samples")?.numberValue == 300)
        }
    }

    @Test func withoutARunThereIsNoInterval() async throws {
        let w = try await WorkedDaemon.make()
        #expect(await w.daemon.runtime.loaded.config.server.sensitivity == SensitivityOptions())
        try await w.daemon.application.test(.router) { client in
            let html = String(buffer: try await client.get("/districts/330212").body)
            #expect(!html.contains("rank-range"))
            let explain = try JSONParser.parse(
                Array(buffer: try await client.get("/api/v1/districts/330212/explain").body))
            #expect(explain.value(atPath: "rank_range") == .null)
        }
    }
}
