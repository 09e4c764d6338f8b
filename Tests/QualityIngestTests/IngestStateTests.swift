import Foundation
import QualityCore
import QualityIngest
import QualityRecords
import Testing

@Suite struct IngestStateTests {
    static let t0 = Date(timeIntervalSince1970: 1_751_356_800)  // 2025-07-01T08:00:00Z

    static func source(_ id: String, interval: Double = 900) -> SourceConfig {
        var source = Make.source(id, url: "http://x")
        source.interval = interval
        return source
    }

    static func outcome(_ id: String, at time: Date, data: SourceData?, result: PullResult = .success)
        -> SourcePullOutcome
    {
        SourcePullOutcome(
            sourceID: id, period: "2025", startedAt: time, finishedAt: time, duration: 0, result: result,
            error: result == .success ? nil : "boom", data: data)
    }

    static func enterprises(_ id: String, _ rows: [(String, [(String, Value)])], period: String = "2025") -> SourceData
    {
        let facts = Array(Set(rows.flatMap { $0.1.map(\.0) })).sorted()
        let columns = facts.map { fact in rows.map { row in row.1.first { $0.0 == fact }?.1 ?? .missing } }
        return SourceData(
            sourceID: id, period: period, entity: .enterprise, unsortedKeys: rows.map(\.0), factNames: facts,
            columns: columns)
    }

    @Test func staleness() async {
        let state = IngestState(sources: [Self.source("a"), Self.source("b"), Self.source("c")])
        await state.record(Self.outcome("a", at: Self.t0, data: Self.enterprises("a", [])))
        await state.record(Self.outcome("b", at: Self.t0, data: Self.enterprises("b", [])))
        await state.record(Self.outcome("b", at: Self.t0 + 60, data: nil, result: .timeout))
        let now = Self.t0 + 1800
        #expect(
            await state.statuses(now: now) == [
                SourceStatus(id: "a", lastSuccess: "2025-07-01T08:00:00Z", stale: false),
                SourceStatus(id: "b", lastSuccess: "2025-07-01T08:00:00Z", stale: true),
                SourceStatus(id: "c", lastSuccess: nil, stale: true),
            ])
        // Older than twice the interval: stale even though the last pull succeeded.
        #expect(await state.isStale(source: "a", now: Self.t0 + 1801))
        #expect(await state.lastOutcome(source: "b")?.result == .timeout)
        #expect(await state.data(source: "b") != nil)
    }

    @Test func failedPullKeepsLastGoodDataAndSuccessReplacesIt() async {
        let state = IngestState(sources: [Self.source("a")])
        let key = "91330203MA000001XP"
        await state.record(Self.outcome("a", at: Self.t0, data: Self.enterprises("a", [(key, [("x", .number(1))])])))
        await state.record(Self.outcome("a", at: Self.t0 + 1, data: nil, result: .httpError))
        #expect(await state.snapshot(period: "2025").enterprises.value(row: 0, fact: "x") == .number(1))
        await state.record(
            Self.outcome("a", at: Self.t0 + 2, data: Self.enterprises("a", [(key, [("x", .number(2))])])))
        #expect(await state.snapshot(period: "2025").enterprises.value(row: 0, fact: "x") == .number(2))
        // Data pulled for another period is not part of this period's snapshot.
        #expect(await state.snapshot(period: "2026").enterprises.count == 0)
    }

    @Test func reconfigureKeepsSurvivingSources() async {
        let state = IngestState(sources: [Self.source("a"), Self.source("b")])
        await state.record(Self.outcome("a", at: Self.t0, data: Self.enterprises("a", [])))
        await state.configure(sources: [Self.source("c"), Self.source("a", interval: 60)])
        #expect(await state.sourceIDs == ["c", "a"])
        #expect(await state.statuses(now: Self.t0 + 100).map(\.stale) == [true, false])
        #expect(await state.statuses(now: Self.t0 + 121).map(\.stale) == [true, true])
    }

    @Test func iso8601() {
        #expect(Date(timeIntervalSince1970: 0).iso8601UTC == "1970-01-01T00:00:00Z")
        #expect(Date(timeIntervalSince1970: 951_782_400).iso8601UTC == "2000-02-29T00:00:00Z")
        #expect(Date(timeIntervalSince1970: 1_767_225_599.9).iso8601UTC == "2025-12-31T23:59:59Z")
    }
}

@Suite struct SnapshotAssemblerTests {
    @Test func mergesFactsOfAnEntityFromSeveralSources() {
        let a = "91330203MA000001XP", b = "91330205MA000003XN", c = "91330212MA000005XW"
        let registry = IngestStateTests.enterprises(
            "r", [(c, [("name", .string("丙"))]), (a, [("name", .string("甲"))])])
        let sampling = IngestStateTests.enterprises(
            "s", [(b, [("batches", .number(3))]), (a, [("batches", .number(2))])])
        let awards = IngestStateTests.enterprises("w", [(a, [("awards", .set(StringSet(["x"])))])])
        let districts = SourceData(
            sourceID: "d", period: "2025", entity: .district, keys: ["330203"], factNames: ["major_incidents"],
            columns: [[.number(0)]])
        let payouts = SourceData(
            sourceID: "p", period: "2025", entity: .payout,
            payouts: [
                Payout(uscc: c, program: "lab", year: 2023, grantedFen: 5),
                Payout(uscc: a, program: "lab", year: 2024, grantedFen: 7),
            ])
        let snapshot = SnapshotAssembler.assemble(
            period: "2025", sources: [registry, sampling, districts, awards, payouts])
        #expect(snapshot.enterprises.keys == [a, b, c])
        #expect(snapshot.enterprises.factNames == ["awards", "batches", "name"])
        #expect(snapshot.enterprises.facts(row: 0).map(\.name) == ["awards", "batches", "name"])
        #expect(snapshot.enterprises.facts(row: 1).map(\.value) == [.number(3)])
        #expect(snapshot.enterprises.value(row: 2, fact: "name") == .string("丙"))
        #expect(snapshot.districts.keys == ["330203"])
        #expect(snapshot.payouts.map(\.grantedFen) == [5, 7])
    }

    @Test func payoutUnionCountsAPaymentOnce() {
        let a = Payout(uscc: "91330212MA0000001X", program: "lab_cnas", year: 2023, grantedFen: 150_000)
        let b = Payout(uscc: "91330212MA0000002X", program: "lab_cnas", year: 2024, grantedFen: 100_000)
        #expect(SnapshotAssembler.union([a], [b, a, b]) == [a, b])
        #expect(SnapshotAssembler.union([], [b]) == [b])
        let finance = SourceData(sourceID: "p", period: "2025", entity: .payout, payouts: [a])
        let snapshot = SnapshotAssembler.assemble(period: "2025", sources: [finance], confirmedPayouts: [b, a])
        #expect(snapshot.payouts == [a, b])
    }

    @Test func keyUnionOfSortedLists() {
        let lists = [["a", "c", "e"], ["b", "c"], [], ["e", "f"]]
        let snapshot = SnapshotAssembler.merge(
            lists.enumerated().map { i, keys in
                SourceData(
                    sourceID: "\(i)", period: "p", entity: .enterprise, keys: keys, factNames: ["f\(i)"],
                    columns: [keys.map { .string($0) }])
            })
        #expect(snapshot.keys == ["a", "b", "c", "e", "f"])
        #expect(snapshot.value(row: 2, fact: "f0") == .string("c"))
        #expect(snapshot.value(row: 2, fact: "f1") == .string("c"))
        #expect(snapshot.value(row: 4, fact: "f0") == .missing)
        #expect(snapshot.value(row: 4, fact: "f3") == .string("f"))
    }

    /// Keys of up to 24 bytes are merged as packed integers, longer ones as strings: both in byte
    /// order, across the packed words' boundaries and with non-ASCII bytes.
    @Test(arguments: [false, true])
    func keyUnionPackedOrNot(withLongKey: Bool) {
        let long = "91330203MA000001XQ123456789012"
        var lists = [
            ["91330203MA000001XP", "91330203MA000001XQ", "91330203MB", "区甲"],
            ["91330203", "91330203MA000001XQ", "91330203MA000001XQ123456", "区乙"],
            ["91330203MA000001XP", "区甲"],
        ]
        if withLongKey { lists[1].insert(long, at: 3) }
        let snapshot = SnapshotAssembler.merge(
            lists.enumerated().map { i, keys in
                SourceData(
                    sourceID: "\(i)", period: "p", entity: .enterprise, keys: keys, factNames: ["f\(i)"],
                    columns: [keys.map { .string($0) }])
            })
        let expected =
            ["91330203", "91330203MA000001XP", "91330203MA000001XQ", "91330203MA000001XQ123456"]
            + (withLongKey ? [long] : []) + ["91330203MB", "区乙", "区甲"]
        #expect(snapshot.keys == expected)
        #expect(snapshot.value(row: 1, fact: "f0") == .string("91330203MA000001XP"))
        #expect(snapshot.value(row: 1, fact: "f2") == .string("91330203MA000001XP"))
        #expect(snapshot.value(row: 2, fact: "f1") == .string("91330203MA000001XQ"))
        #expect(snapshot.value(row: expected.count - 1, fact: "f2") == .string("区甲"))
        #expect(snapshot.value(row: expected.count - 2, fact: "f0") == .missing)
    }
}

@Suite struct PageDecoderTests {
    static let source = Make.source("s", url: "http://x", records: "data.items")

    @Test func recordArrayAtDottedPath() throws {
        let page = try PageDecoder.parse(
            Array(#"{"data": {"items": [{"a": 1}, {"a": 2}]}}"#.utf8), contentType: "application/json",
            source: Self.source)
        #expect(page.count == 2)
    }

    @Test(arguments: [
        (#"{"data": {}}"#, "no record array at 'data.items'"),
        (#"{"data": {"items": {}}}"#, "expected a record array at 'data.items', found object"),
        (#"{"data": "#, "invalid JSON at 1:10: unexpected end of input"),
    ])
    func undecodableBodies(body: String, message: String) {
        #expect(throws: FetchError(.decodeError, message)) {
            try PageDecoder.parse(Array(body.utf8), contentType: nil, source: Self.source)
        }
    }

    @Test func contentTypes() throws {
        for type in [
            "application/json", "application/json; charset=utf-8", "text/plain", "application/octet-stream",
            "application/vnd.bureau+json",
        ] {
            try PageDecoder.checkContentType(type, format: .json)
        }
        for type in ["text/csv; charset=gb18030", "text/plain", "application/vnd.ms-excel"] {
            try PageDecoder.checkContentType(type, format: .csv)
        }
        for type in ["text/html; charset=utf-8", "application/xml", "text/csv", "image/png"] {
            #expect(throws: FetchError.self) { try PageDecoder.checkContentType(type, format: .json) }
        }
        #expect(throws: FetchError.self) { try PageDecoder.checkContentType("application/json", format: .csv) }
    }
}

@Suite struct RetryPolicyTests {
    @Test func exponentialCeilingWithCap() {
        let policy = RetryPolicy(baseDelay: 0.5, maxDelay: 3)
        #expect((1...5).map { policy.ceiling(retry: $0) } == [0.5, 1, 2, 3, 3])
    }

    @Test func fullJitterStaysWithinTheCeiling() {
        let policy = RetryPolicy(baseDelay: 0.5, maxDelay: 30)
        var generator = SystemRandomNumberGenerator()
        for retry in 1...4 {
            let delays = (0..<200).map { _ in policy.delay(retry: retry, using: &generator) }
            #expect(delays.allSatisfy { $0 >= 0 && $0 <= policy.ceiling(retry: retry) })
            // Full jitter spreads delays over the whole range, not around the ceiling.
            #expect(delays.contains { $0 < policy.ceiling(retry: retry) / 2 })
        }
    }

    @Test func retryableFailures() {
        #expect(FetchError(.httpError, "", status: 500).isRetryable)
        #expect(FetchError(.httpError, "", status: 429).isRetryable)
        #expect(!FetchError(.httpError, "", status: 403).isRetryable)
        #expect(!FetchError(.tooLarge, "").isRetryable)
        #expect(FetchError(.timeout, "").isRetryable)
        #expect(FetchError(.decodeError, "").isRetryable)
    }
}
