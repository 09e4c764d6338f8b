import QualityCore
import Testing

@testable import BureauSim

@Suite struct FaultTests {
    static func simulator(_ spec: String, slowSeconds: Double = 15) throws -> Simulator {
        Simulator(world: World(), faults: try FaultPlan(parsing: spec), slowSeconds: slowSeconds)
    }

    /// The endpoint path of a demo source: its URL without the base and the query.
    static func path(of source: SourceConfig) -> String {
        let afterBase = source.url.split(separator: "}", maxSplits: 1).last ?? ""
        return String(afterBase.split(separator: "?").first ?? "")
    }

    @Test func specsParseAndBadOnesAreExplained() throws {
        let plan = try FaultPlan(parsing: "500:0.2, malformed:0.1,bad_uscc:0.05@/jxj/enterprises")
        #expect(
            plan.rules == [
                FaultRule(kind: .http500, rate: 0.2), FaultRule(kind: .malformed, rate: 0.1),
                FaultRule(kind: .badUSCC, rate: 0.05, path: "/jxj/enterprises"),
            ])
        #expect(try FaultPlan(parsing: "").isEmpty)
        #expect(throws: FaultSpecError.self) { try FaultPlan(parsing: "503:0.1") }
        #expect(throws: FaultSpecError.self) { try FaultPlan(parsing: "500:1.5") }
        #expect(throws: FaultSpecError.self) { try FaultPlan(parsing: "500") }
        #expect(throws: FaultSpecError.self) { try FaultPlan(parsing: "500:0.1@ciq") }
        do {
            _ = try FaultPlan(parsing: "slwo:0.1")
        } catch {
            #expect(error.message.contains("unknown fault kind 'slwo'"))
        }
    }

    @Test func aScopedFaultHitsOnlyItsEndpoint() throws {
        let sim = try Self.simulator("500:1@/ciq/sampling")
        #expect(sim.get("/ciq/sampling?from=2025-01-01&to=2025-01-31").status == 500)
        #expect(sim.get("/ciq/sampling?from=2025-01-01&to=2025-01-31").status == 500)
        #expect(sim.get("/ciq/returns?period=2025").status == 200)
        #expect(sim.stats.injected == ["/ciq/sampling": [.http500: 2]])
    }

    /// A client that retries each page up to 3 times meets exactly the failures the plan predicts,
    /// and retries succeed because each attempt is a new draw.
    @Test func retriedPagesSucceedAndFailuresAreReproducible() throws {
        let sim = try Self.simulator("500:0.3")
        var failures = 0
        var lost = 0
        for page in 1...30 {
            let request = "/jxj/enterprises?period=2025&page=\(page)&page_size=100"
            var ok = false
            for attempt in 0..<4 where !ok {
                let status = sim.get(request).status
                let predicted = sim.faults.requestFault(
                    seed: 1, path: "/jxj/enterprises", requestKey: request, occurrence: attempt)
                #expect((status == 500) == (predicted == .http500))
                if status == 500 { failures += 1 } else { ok = true }
            }
            if !ok { lost += 1 }
        }
        #expect(sim.stats.injected["/jxj/enterprises"]?[.http500] == failures)
        #expect(failures == 13)
        #expect(lost == 0)
    }

    @Test func malformedBodiesDoNotDecode() throws {
        let sim = try Self.simulator("malformed:1")
        let json = sim.get("/ciq/returns?period=2025&page=1&page_size=10")
        #expect(json.status == 200)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(json.body.collect()) }
        let csv = sim.get("/scj/awards.csv?year=2025")
        #expect(GB18030.decode(csv.body.collect()) == nil)
        #expect(sim.stats.injected["/scj/awards.csv"] == [.malformed: 1])
    }

    @Test func truncatedBodiesPromiseMoreThanTheySend() throws {
        let sim = try Self.simulator("truncated:1")
        let whole = Simulator(world: World()).get("/ciq/returns?period=2025&page=1&page_size=50").body.collect()
        let cut = sim.get("/ciq/returns?period=2025&page=1&page_size=50")
        #expect(cut.declaredLength == whole.count)
        #expect(cut.body.collect() == Array(whole.prefix(whole.count / 2)))
    }

    @Test func oversizeBodiesStreamAHundredMebibytes() throws {
        let sim = try Self.simulator("oversize:1@/scj/labs")
        let response = sim.get("/scj/labs?period=2025")
        #expect(response.status == 200)
        #expect(response.body.contentLength == 100 << 20)
        let chunks = response.body.makeChunks()
        let first = try #require(chunks.next())
        #expect(first.count == 1 << 20)
        #expect(Array(first.prefix(10)) == Array(#"{"items":["#.utf8))
        var total = first.count
        while let chunk = chunks.next() { total += chunk.count }
        #expect(total == 100 << 20)
    }

    @Test func contentTypeFaultsAnswerHTMLWithStatus200() throws {
        let sim = try Self.simulator("content_type:1")
        let response = sim.get("/jxj/enterprises?period=2025")
        #expect(response.status == 200)
        #expect(response.contentType == "text/html; charset=utf-8")
        #expect(String(decoding: response.body.collect(), as: UTF8.self).hasPrefix("<!DOCTYPE html>"))
    }

    @Test func slowFaultsWaitTheConfiguredTime() throws {
        let sim = try Self.simulator("slow:1", slowSeconds: 2.5)
        let response = sim.get("/ciq/returns?period=2025")
        #expect(response.delaySeconds == 2.5)
        #expect(response.status == 200)
        #expect(Simulator(world: World()).get("/ciq/returns?period=2025").delaySeconds == 0)
    }

    /// Each record fault is rejected by ingestion with its own reason, exactly as often as the
    /// library says it was injected, and the server's stats agree.
    @Test(arguments: [
        (FaultKind.badUSCC, "jxj_registry", "invalid_uscc", 51),
        (.negative, "ciq_sampling", "range", 257),
        (.passedGreaterThanSampled, "ciq_sampling", "check", 238),
        (.duplicate, "ciq_sampling", "duplicate", 246),
        (.badType, "ciq_returns", "type", 72),
        (.badUSCC, "scj_awards", "invalid_uscc", 2),
        (.negative, "scj_districts", "range", 1),
        (.duplicate, "scj_labs", "duplicate", 2),
    ])
    func recordFaultsAreRejectedWithTheirReason(kind: FaultKind, sourceID: String, reason: String, count: Int)
        async throws
    {
        let rate = sourceID == "scj_districts" ? 0.1 : 0.02
        let sim = try Self.simulator("\(kind.rawValue):\(rate)")
        let config = DemoConfig(world: sim.world).config
        let source = try #require(config.sources.first { $0.id == sourceID })
        let ingest = try await SimIngest.pull(sim, config, period: Period(year: 2025), only: source.id)
        let path = Self.path(of: source)
        let query =
            sourceID == "ciq_sampling"
            ? ["from": "2025-01-01", "to": "2025-12-31"]
            : sourceID == "scj_awards" ? ["year": "2025"] : ["period": "2025"]
        let predicted = try sim.recordFaults(path: path, query: query)
        #expect(predicted == [kind: count])
        #expect(ingest.rejects[sourceID] == [reason: count])
        #expect(sim.stats.injected[path] == [kind: count])
    }

    /// All record faults at once over every source: each source's rejects are what the library
    /// predicts, reason by reason.
    @Test func allRecordFaultsTogetherMatchThePrediction() async throws {
        let sim = try Self.simulator(
            "bad_uscc:0.01,negative:0.01,passed_gt_sampled:0.01,duplicate:0.01,bad_type:0.01")
        let config = DemoConfig(world: sim.world).config
        let ingest = try await SimIngest.pull(sim, config, period: Period(year: 2025))
        let reasons: [FaultKind: String] = [
            .badUSCC: "invalid_uscc", .negative: "range", .passedGreaterThanSampled: "check", .duplicate: "duplicate",
            .badType: "type",
        ]
        var total = 0
        for source in config.sources {
            let path = Self.path(of: source)
            let query: [String: String] =
                source.id == "ciq_sampling"
                ? ["from": "2025-01-01", "to": "2025-12-31"]
                : source.id == "scj_awards" ? ["year": "2025"] : ["period": "2025"]
            var expected: [String: Int] = [:]
            for (kind, n) in try sim.recordFaults(path: path, query: query) {
                expected[reasons[kind] ?? "?", default: 0] += n
            }
            #expect((ingest.rejects[source.id] ?? [:]) == expected, "\(source.id)")
            total += expected.values.reduce(0, +)
        }
        #expect(total == 1775)
    }
}
