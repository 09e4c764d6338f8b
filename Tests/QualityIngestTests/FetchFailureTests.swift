import Foundation
import Hummingbird
import NIOCore
import QualityCore
import QualityIngest
import QualityRecords
import Testing

/// Request-level faults against a live server: each fails the source as a whole with its result,
/// the source keeps its previous data and turns stale, and another source stays fresh. Every
/// fault is tried through both transports (the built-in HTTP client and libcurl): the deadline,
/// the body cap, retries and the classification hold for each.
@Suite struct FetchFailureTests {
    static let good = #"[{"code": "330203", "major_incidents": 1}, {"code": "330205", "major_incidents": 0}]"#
    static let other = #"[{"uscc": "91330203MA000001XP", "name": "宁波海曙织造有限公司"}]"#

    actor Counter {
        var value = 0
        func next() -> Int {
            value += 1
            return value
        }
    }

    static func routes(_ router: Router<BasicRequestContext>, attempts: Counter) {
        router.get("good") { _, _ in TestServer.response(good) }
        router.get("other") { _, _ in TestServer.response(other) }
        router.get("status500") { _, _ -> Response in
            _ = await attempts.next()
            return TestServer.response(#"{"error": "boom"}"#, status: .internalServerError)
        }
        router.get("status404") { _, _ -> Response in
            _ = await attempts.next()
            return TestServer.response("not here", contentType: "text/plain", status: .notFound)
        }
        router.get("flaky") { _, _ -> Response in
            await attempts.next() <= 2
                ? TestServer.response("", status: .serviceUnavailable) : TestServer.response(good)
        }
        router.get("slow") { _, _ -> Response in
            try await Task.sleep(for: .seconds(3))
            return TestServer.response(good)
        }
        router.get("stalled-body") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: #"[{"code": "330203", "#))
                    try await Task.sleep(for: .seconds(3))
                    try await writer.write(ByteBuffer(string: #""major_incidents": 1}]"#))
                    try await writer.finish(nil)
                })
        }
        router.get("malformed") { _, _ in TestServer.response(#"[{"code": "330203", "major_incidents": 1"#) }
        router.get("html") { _, _ in
            TestServer.response("<html><body>502 Bad Gateway</body></html>", contentType: "text/html")
        }
        router.get("truncated") { _, _ -> Response in
            // Promises 2048 bytes, sends a few, then fails: the server closes the connection mid-body.
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(contentLength: 2048) { writer in
                    try await writer.write(ByteBuffer(string: #"[{"code": "330203", "#))
                    throw HTTPError(.internalServerError)
                })
        }
        router.get("oversize") { _, _ in TestServer.response(String(repeating: " ", count: 5000) + good) }
        router.get("oversize-chunked") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody { writer in
                    for _ in 0..<10 { try await writer.write(ByteBuffer(string: String(repeating: " ", count: 1000))) }
                    try await writer.write(ByteBuffer(string: good))
                    try await writer.finish(nil)
                })
        }
    }

    static func districtSource(_ base: String, path: String) -> SourceConfig {
        var source = Make.source(
            "districts", url: "\(base)/\(path)", entity: .district, key: "code",
            fields: [Make.field("major_incidents", type: .number)])
        source.timeout = 0.5
        source.retries = 1
        source.maxBytes = 4000
        return source
    }

    static func otherSource(_ base: String) -> SourceConfig {
        Make.source("registry", url: "\(base)/other", fields: [Make.field("name")])
    }

    /// Pulls both sources from good URLs, then the district source from `path`; returns its second outcome.
    /// Only the deadline tests use the short `timeout`: on a loaded CI machine a 0.5 s deadline on the
    /// good pull, or on a failure of another kind, would turn into a timeout and a flaky test.
    func pullFailing(
        path: String, transport: SourceTransport, retries: Int = 1, timeout: Double = 15,
        check: @Sendable (SourcePullOutcome, Int) -> Void
    ) async throws -> (IngestState, Snapshot) {
        let attempts = Counter()
        return try await TestServer.run({ Self.routes($0, attempts: attempts) }) { base in
            try await TestServer.withClient { client in
                let fetcher = TransportFetcher(http: AsyncHTTPFetcher(client: client))
                let fast = RetryPolicy(baseDelay: 0.01, maxDelay: 0.05)
                var good = Self.districtSource(base, path: "good")
                good.timeout = 15
                let sources = [good, Self.otherSource(base)]
                let state = IngestState(sources: sources)
                let first = try Puller(sources: sources, districts: Make.districts, fetcher: fetcher, retry: fast)
                await state.record(await first.pullAll(period: Period(year: 2025)))

                var failing = Self.districtSource(base, path: path)
                failing.retries = retries
                failing.timeout = timeout
                failing.connection.transport = transport
                let second = try Puller(sources: [failing], districts: Make.districts, fetcher: fetcher, retry: fast)
                let outcome = try #require(await second.pull(source: "districts", period: Period(year: 2025)))
                await state.record(outcome)
                check(outcome, await attempts.value)
                return (state, await state.snapshot(period: "2025"))
            }
        }
    }

    func expectKeptAndStale(_ state: IngestState, _ snapshot: Snapshot) async {
        let statuses = await state.statuses(now: Date())
        #expect(statuses.map(\.id) == ["districts", "registry"])
        #expect(statuses.map(\.stale) == [true, false])
        #expect(statuses.allSatisfy { $0.lastSuccess != nil })
        #expect(snapshot.districts.keys == ["330203", "330205"])
        #expect(snapshot.districts.value(row: 0, fact: "major_incidents") == .number(1))
        #expect(snapshot.enterprises.keys == ["91330203MA000001XP"])
    }

    @Test(arguments: SourceTransport.allCases)
    func retriesRecoverFromPassingFaults(transport: SourceTransport) async throws {
        let (state, _) = try await pullFailing(path: "flaky", transport: transport, retries: 3) { outcome, served in
            #expect(outcome.result == .success)
            #expect(outcome.attempts == 3)
            #expect(served == 3)
            #expect(outcome.accepted == 2)
        }
        #expect(await state.statuses(now: Date()).map(\.stale) == [false, false])
    }

    /// An answer the source cannot use: what `path` serves, how the source is set, and what the
    /// outcome says (`attempts` and `served`, the requests the server counted, unchecked where nil).
    struct Unusable: Sendable, CustomTestStringConvertible {
        var path: String
        var retries = 1
        var timeout = 15.0
        var result: PullResult
        var attempts: Int?
        var served: Int?
        var says: [String] = []

        var testDescription: String { path }
    }

    static let unusable = [
        // A server error is retried, a client error is not.
        Unusable(
            path: "status500", retries: 3, result: .httpError, attempts: 4, served: 4, says: ["/status500", "HTTP 500"]),
        Unusable(path: "status404", retries: 3, result: .httpError, attempts: 1, served: 1),
        Unusable(path: "slow", retries: 0, timeout: 0.5, result: .timeout, attempts: 1),
        Unusable(path: "stalled-body", retries: 0, timeout: 0.5, result: .timeout, says: ["within 0.5s"]),
        Unusable(path: "malformed", result: .decodeError, attempts: 2, says: ["invalid JSON"]),
        Unusable(path: "truncated", retries: 0, result: .decodeError, says: ["truncated"]),
        // Too large is not retried.
        Unusable(path: "oversize", retries: 3, result: .tooLarge, attempts: 1, says: ["max_bytes 4000"]),
        Unusable(path: "oversize-chunked", retries: 3, result: .tooLarge, attempts: 1, says: ["max_bytes 4000"]),
        Unusable(path: "html", retries: 0, result: .decodeError, says: ["text/html"]),
    ]

    @Test(arguments: unusable, SourceTransport.allCases)
    func unusableAnswerFailsTheSource(_ answer: Unusable, transport: SourceTransport) async throws {
        let (state, snapshot) = try await pullFailing(
            path: answer.path, transport: transport, retries: answer.retries, timeout: answer.timeout
        ) { outcome, served in
            #expect(outcome.result == answer.result, "\(outcome.error ?? "")")
            if let attempts = answer.attempts { #expect(outcome.attempts == attempts) }
            if let count = answer.served { #expect(served == count) }
            for words in answer.says { #expect(outcome.error?.contains(words) == true) }
            #expect(outcome.data == nil && outcome.accepted == 0 && outcome.rejected.isEmpty)
        }
        await expectKeptAndStale(state, snapshot)
    }

    @Test(arguments: SourceTransport.allCases)
    func connectionRefused(transport: SourceTransport) async throws {
        // A port that was just free: nothing listens there.
        let (state, snapshot) = try await pullFailing(path: "good", transport: transport) { _, _ in }
        _ = snapshot
        let port = try await TestServer.run({ _ in }) { base in base }
        try await TestServer.withClient { client in
            var source = Self.districtSource(port, path: "good")
            source.retries = 1
            source.connection.transport = transport
            let puller = try Puller(
                sources: [source], districts: Make.districts,
                fetcher: TransportFetcher(http: AsyncHTTPFetcher(client: client)),
                retry: RetryPolicy(baseDelay: 0.01))
            let outcome = try #require(await puller.pull(source: "districts", period: Period(year: 2025)))
            #expect(outcome.result == .connectionError, "\(outcome.error ?? "")")
            #expect(outcome.attempts == 2)
            await state.record(outcome)
        }
        await expectKeptAndStale(state, await state.snapshot(period: "2025"))
    }
}
