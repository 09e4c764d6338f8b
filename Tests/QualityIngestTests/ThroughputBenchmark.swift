import Foundation
import Glibc
import Hummingbird
import NIOCore
import QualityCore
import QualityIngest
import QualityRecords
import Testing

/// Ingestion throughput at a million enterprises. Prints figures, asserts only correctness
/// (no timing assertions); runs when `QUALITYD_BENCH` is set, e.g.
/// `QUALITYD_BENCH=1000000 swift test -c release --filter ThroughputBenchmark`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["QUALITYD_BENCH"] != nil))
struct ThroughputBenchmark {
    static let enterprises = Int(ProcessInfo.processInfo.environment["QUALITYD_BENCH"] ?? "") ?? 1_000_000
    static let pageSize = 5000

    static func uscc(_ i: Int) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        var body = "913302"
        var n = i
        var tail: [Character] = []
        for _ in 0..<11 {
            tail.append(alphabet[n % 31])
            n /= 31
        }
        body += String(tail.reversed())
        return body + String(USCC.checkCharacter(for: body) ?? "0")
    }

    /// Registry pages (name, district, industry) in a shuffled USCC order.
    static func registryPages(_ codes: [String]) -> [[UInt8]] {
        stride(from: 0, to: codes.count, by: pageSize).map { start in
            let items = codes[start..<min(codes.count, start + pageSize)].enumerated().map { i, code in
                #"{"uscc":"\#(code)","name":"宁波测试企业\#(start + i)有限公司","district_code":"330212","industry":"textile"}"#
            }
            return Array(#"{"data":{"items":[\#(items.joined(separator: ","))]}}"#.utf8)
        }
    }

    static func registrySource(_ url: String) -> SourceConfig {
        var source = Make.source(
            "registry", url: url, records: "data.items",
            fields: [Make.field("name"), Make.field("district", path: "district_code"), Make.field("industry")])
        source.pagination = Pagination(size: pageSize)
        source.timeout = 30
        return source
    }

    @Test func pipelineWithoutHTTP() throws {
        var codes = (0..<Self.enterprises).map(Self.uscc)
        codes.shuffle()
        let pages = Self.registryPages(codes)
        let bytes = pages.reduce(0) { $0 + $1.count }
        let plan = try SourcePlan(source: Self.registrySource("http://x"), districts: ["330212"])
        var validator = RecordValidator(plan: plan)
        // CPU time of this thread per phase (the test never suspends, so it stays on one thread).
        var decode = 0.0, validate = 0.0
        for page in pages {
            let t0 = Self.threadCPU()
            let records = try PageDecoder.parse(page, contentType: "application/json", source: plan.source)
            let t1 = Self.threadCPU()
            validator.consume(records)
            decode += t1 - t0
            validate += Self.threadCPU() - t1
        }
        var t = Self.threadCPU()
        let data = validator.finish(period: "2025")
        let finish = Self.threadCPU() - t
        t = Self.threadCPU()
        let snapshot = SnapshotAssembler.assemble(period: "2025", sources: [data])
        let assemble = Self.threadCPU() - t
        #expect(validator.accepted == Self.enterprises)
        #expect(snapshot.enterprises.count == Self.enterprises)
        let total = decode + validate + finish + assemble
        func f(_ x: Double) -> String { String(format: "%.2f s", x) }
        print(
            "pipeline \(Self.enterprises) records, \(bytes >> 20) MiB, CPU: decode \(f(decode)), "
                + "validate+combine \(f(validate)), finish (sort) \(f(finish)), assemble \(f(assemble)); "
                + "\(Int(Double(Self.enterprises) / total)) records per CPU second")
    }

    @Test func endToEndOverHTTP() async throws {
        var codes = (0..<Self.enterprises).map(Self.uscc)
        codes.shuffle()
        let pages = Self.registryPages(codes).map { ByteBuffer(bytes: $0) }
        let sampling = Self.registryPages(codes.shuffled()).map { ByteBuffer(bytes: $0) }
        let (outcomes, snapshotCount, seconds, cpu) = try await TestServer.run({ router in
            for (path, bodies) in [("registry", pages), ("sampling", sampling)] {
                router.get(RouterPath(path)) { request, _ -> Response in
                    let page = request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 1
                    let body = page <= bodies.count ? bodies[page - 1] : ByteBuffer(string: #"{"data":{"items":[]}}"#)
                    return Response(
                        status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
                }
            }
        }) { base in
            try await TestServer.withClient { client in
                var second = Self.registrySource("\(base)/sampling")
                second.id = "sampling"
                second.fields = [Make.field("industry_2", path: "industry"), Make.field("rows", combine: .count)]
                let sources = [Self.registrySource("\(base)/registry"), second]
                let puller = try Puller(
                    sources: sources, districts: ["330212"], fetcher: AsyncHTTPFetcher(client: client))
                let state = IngestState(sources: sources)
                let clock = ContinuousClock()
                let start = clock.now
                let cpu0 = Self.processCPU()
                let outcomes = await puller.pullAll(period: Period(year: 2025))
                await state.record(outcomes)
                let snapshot = await state.snapshot(period: "2025")
                return (
                    outcomes, snapshot.enterprises.count, Self.seconds(clock.now - start), Self.processCPU() - cpu0
                )
            }
        }
        #expect(outcomes.allSatisfy { $0.result == .success })
        #expect(snapshotCount == Self.enterprises)
        let records = outcomes.reduce(0) { $0 + $1.accepted }
        let pulls = outcomes.map { "\($0.sourceID) \(String(format: "%.2f", $0.duration)) s" }.joined(separator: ", ")
        print(
            "end to end: \(records) records from 2 sources in \(String(format: "%.2f", seconds)) s wall, "
                + "\(String(format: "%.2f", cpu)) s CPU (server included) (\(pulls)); "
                + "\(Int(Double(records) / seconds)) records/s"
        )
    }

    /// CPU seconds of the calling thread: the machine is shared, so wall time alone misleads.
    static func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// CPU seconds of the whole process (all threads: client, server, pullers).
    static func processCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
