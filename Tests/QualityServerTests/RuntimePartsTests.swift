import Foundation
import QualityCore
import QualityIngest
import QualityRecords
import QualityStore
import Testing

@testable import QualityServer

@Suite struct RuntimePartsTests {
    static func date(_ iso: String) -> Date {
        ISO8601DateFormatter().date(from: iso) ?? Date(timeIntervalSince1970: 0)
    }

    @Test func autoPeriodIsTheCivilDateInTheConfiguredZone() {
        var config = Config()
        config.timezone = "Asia/Shanghai"
        // 2024-12-31 17:00 UTC is already 2025-01-01 01:00 in Shanghai.
        let newYear = Self.date("2024-12-31T17:00:00Z")
        config.period = .year
        #expect(config.currentPeriod(at: newYear).description == "2025")
        config.period = .quarter
        #expect(config.currentPeriod(at: newYear).description == "2025Q1")
        config.period = .month
        #expect(config.currentPeriod(at: Self.date("2025-07-31T15:59:59Z")).description == "2025-07")
        #expect(config.currentPeriod(at: Self.date("2025-07-31T16:00:00Z")).description == "2025-08")
        config.timezone = "UTC"
        #expect(config.currentPeriod(at: newYear).description == "2024-12")
        config.currentPeriod = .fixed(Period(year: 2023))
        #expect(config.currentPeriod(at: newYear).description == "2023")
    }

    @Test func coalescingChannelKeepsOnlyTheNewest() async {
        let channel = CoalescingChannel<Int>()
        for i in 1...5 { channel.send(i) }
        channel.finish()
        var received: [Int] = []
        for await value in channel.stream { received.append(value) }
        #expect(received == [5])
    }

    @Test func seedGivesEachSourceItsOwnFacts() {
        var registry = SourceConfig(id: "registry", name: LocalizedText(zh: "名录"), url: "http://x", key: "uscc")
        registry.fields = [FieldSpec(fact: "name"), FieldSpec(fact: "district")]
        var sampling = SourceConfig(id: "sampling", name: LocalizedText(zh: "抽查"), url: "http://x", key: "uscc")
        sampling.fields = [FieldSpec(fact: "batches", combine: .sum)]
        var payouts = SourceConfig(id: "payouts", name: LocalizedText(zh: "拨付"), url: "http://x", key: "uscc")
        payouts.entity = .payout
        var config = Config()
        config.sources = [registry, sampling, payouts]
        let paid = Payout(uscc: "B", program: "p", year: 2024, grantedFen: 5)
        let snapshot = Snapshot(
            period: "2025", districts: FactTable(),
            enterprises: FactTable(rows: [
                "A": ["name": .string("甲"), "district": .string("330212"), "batches": .number(3)],
                "B": ["name": .string("乙"), "district": .string("330212")],
            ]),
            payouts: [paid])
        let t0 = Self.date("2025-03-01T00:00:00Z")
        let success = PullRecord(source: "sampling", startedAt: t0, finishedAt: t0, status: .success, records: 7)
        let failure = PullRecord(
            source: "sampling", startedAt: t0 + 60, finishedAt: t0 + 60, status: .httpError, error: "HTTP 500")
        let registryPull = PullRecord(source: "registry", startedAt: t0, finishedAt: t0, status: .success)
        let payoutPull = PullRecord(source: "payouts", startedAt: t0, finishedAt: t0, status: .success)
        let outcomes = IngestSeed.outcomes(
            config: config, period: "2025", snapshot: snapshot,
            lastSuccessful: [success, registryPull, payoutPull], lastPulls: [failure, registryPull, payoutPull])
        #expect(outcomes.map(\.sourceID) == ["registry", "sampling", "sampling", "payouts"])
        #expect(outcomes.map(\.result) == [.success, .success, .httpError, .success])
        #expect(outcomes[0].data?.keys == ["A", "B"])
        #expect(outcomes[0].data?.factNames == ["name", "district"])
        #expect(outcomes[1].data?.keys == ["A"])
        #expect(outcomes[1].data?.value(key: "A", fact: "batches") == .number(3))
        #expect(outcomes[1].accepted == 7)
        #expect(outcomes[1].finishedAt == t0)
        #expect(outcomes[2].data == nil)
        #expect(outcomes[3].data?.payouts == [paid])
        let merged = SnapshotAssembler.assemble(period: "2025", sources: outcomes.compactMap(\.data))
        #expect(merged.enterprises.keys == ["A", "B"])
        #expect(merged.payouts == [paid])
    }

    /// The stages a scoring run logs, in the form bench/targets.py reads.
    @Test func scoringStagesAreLoggedInSeconds() {
        let stages = ScoringService.Stages(
            assembling: .milliseconds(1_500), serialising: .seconds(3), writing: .milliseconds(4_250),
            assessing: .milliseconds(800))
        #expect(
            stages.description
                == "assembled 1.500 s, stored 7.250 s (serialised 3.000 s, written 4.250 s) while assessed 0.800 s")
    }
}
