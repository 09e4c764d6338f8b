import AsyncHTTPClient
import BureauSim
import NIOCore
import NIOHTTP1
import QualityCore
import Testing

/// The simulator over real HTTP on an ephemeral loopback port, read with AsyncHTTPClient.
@Suite struct LiveServerTests {
    /// Runs `body` against a live server for `simulator`, then shuts the server down.
    static func withLiveServer(
        _ simulator: Simulator, _ body: @Sendable (_ base: String) async throws -> Void
    ) async throws {
        try await SimServer.withServer(simulator) { port in try await body("http://127.0.0.1:\(port)") }
    }

    static func get(
        _ url: String, token: String? = "demo-bureau-token", timeout: TimeAmount = .seconds(30), limit: Int = 16 << 20
    ) async throws -> (status: Int, contentType: String?, body: [UInt8]) {
        var request = HTTPClientRequest(url: url)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: limit)
        return (
            Int(response.status.code), response.headers.first(name: "Content-Type"), Array(buffer.readableBytesView)
        )
    }

    @Test func servesPagesCSVAndStatsOverHTTP() async throws {
        let simulator = Simulator(world: World())
        try await Self.withLiveServer(simulator) { base in
            let page = try await Self.get(base + "/jxj/enterprises?period=2025&page=2&page_size=250")
            #expect(page.status == 200)
            #expect(page.contentType == "application/json; charset=utf-8")
            let items = try JSONParser.parse(page.body).value(atPath: "data.items")?.arrayValue
            #expect(items?.count == 250)
            #expect(items?.first?.value(atPath: "uscc")?.stringValue == simulator.world.enterprise(250).uscc)

            #expect(try await Self.get(base + "/jxj/enterprises?period=2025", token: nil).status == 401)
            #expect(try await Self.get(base + "/jxj/enterprises?period=2025", token: "nope").status == 401)
            #expect(try await Self.get(base + "/nowhere").status == 404)

            let csv = try await Self.get(base + "/scj/awards.csv?year=2025")
            #expect(csv.contentType == "text/csv; charset=GB18030")
            #expect(GB18030.decode(csv.body)?.hasPrefix("统一社会信用代码,荣誉名称,年度\r\n") == true)

            // A streamed list arrives whole.
            let payouts = try await Self.get(base + "/cz/payouts")
            let direct = simulator.get("/cz/payouts").body.collect()
            #expect(payouts.body == direct)

            let stats = try JSONParser.parse(try await Self.get(base + "/_sim/stats", token: nil).body)
            #expect(stats.value(atPath: "requests")?.objectValue?["/jxj/enterprises"]?.numberValue == 1)
            #expect(stats.value(atPath: "requests")?.objectValue?["/cz/payouts"]?.numberValue == 2)
        }
    }

    @Test func requestFaultsFailTheClient() async throws {
        let faults = try FaultPlan(
            parsing: "truncated:1@/ciq/returns,oversize:1@/scj/labs,slow:1@/scj/standards,500:1@/sw/exports")
        let simulator = Simulator(world: World(), faults: faults, slowSeconds: 30)
        try await Self.withLiveServer(simulator) { base in
            await #expect(throws: (any Error).self) {
                _ = try await Self.get(base + "/ciq/returns?period=2025&page=1&page_size=200")
            }
            await #expect(throws: (any Error).self) {
                _ = try await Self.get(base + "/scj/labs?period=2025", limit: 8 << 20)
            }
            await #expect(throws: (any Error).self) {
                _ = try await Self.get(base + "/scj/standards?period=2025", timeout: .milliseconds(300))
            }
            let failed = try await Self.get(base + "/sw/exports?period=2025")
            #expect(failed.status == 500)
            // The connection closed by the truncated answer does not affect the next request.
            let next = try await Self.get(base + "/ciq/demo-enterprises?period=2025")
            #expect(next.status == 200)
            let injected = simulator.stats.injected
            #expect(injected["/ciq/returns"] == [.truncated: 1])
            #expect(injected["/scj/labs"] == [.oversize: 1])
            #expect(injected["/scj/standards"] == [.slow: 1])
            #expect(injected["/sw/exports"] == [.http500: 1])
        }
    }
}
