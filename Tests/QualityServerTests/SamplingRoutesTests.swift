import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import QualityConfig
import QualityCore
import QualityStore
import Testing

@testable import QualityServer

/// The sampling plan in the daemon: drawn and frozen once, refused again until revoked with a
/// reason, shown on its pages, exported with an audit entry, counted in /metrics.
@Suite struct SamplingRoutesTests {
    static let admin = TestTokens.bearer(.admin)
    static let json: HTTPFields = [.contentType: "application/json"]

    static func post(_ client: some TestClientProtocol, _ path: String, _ body: String) async throws -> TestResponse {
        var headers = admin
        headers.append(contentsOf: json)
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test func drawRefuseRevokeDrawAgain() async throws {
        let w = try await WorkedDaemon.make(yaml: SamplingFixture.yaml)
        try await w.daemon.application.test(.router) { client in
            let drawn = try await Self.post(client, "/api/v1/sampling/2025/draw", #"{"seed": "2026-demo"}"#)
            #expect(drawn.status == .created, "\(String(buffer: drawn.body))")
            let record = try JSONParser.parse(Array(buffer: drawn.body))
            #expect(record.value(atPath: "seed")?.stringValue == "2026-demo")
            #expect(record.value(atPath: "status")?.stringValue == "drawn")
            #expect(record.value(atPath: "population")?.numberValue == 8)
            #expect(record.value(atPath: "selected")?.numberValue == 6)
            #expect(record.value(atPath: "drawn_by")?.stringValue == "demo-admin")

            let again = try await Self.post(client, "/api/v1/sampling/2025/draw", #"{"seed": "better-luck"}"#)
            #expect(again.status == .conflict)
            #expect(String(buffer: again.body).contains("already drawn (seed 2026-demo, by demo-admin"))

            let plan = try await client.get("/api/v1/sampling/2025", headers: TestTokens.bearer(.viewer))
            #expect(plan.status == .ok)
            let document = try JSONParser.parse(Array(buffer: plan.body))
            let selected = document.value(atPath: "plan")?.arrayValue ?? []
            #expect(selected.count == 6)
            #expect(
                document.value(atPath: "input_sha256")?.stringValue == record.value(atPath: "input_sha256")?.stringValue
            )
            // The daemon's plan is the core's draw of the stored snapshot with the same seed.
            let loaded = await w.daemon.runtime.loaded
            let model = try #require(loaded.model.sampling)
            let expected = SamplingDraw(config: model.config).draw(
                population: model.population(of: w.worked.snapshot, districts: loaded.config.districts),
                seed: "2026-demo")
            #expect(
                selected.compactMap { $0.value(atPath: "uscc")?.stringValue } == expected.selections.map(\.entry.uscc))
            for s in selected {
                let inspectors = s.value(atPath: "inspectors")?.arrayValue?.compactMap(\.stringValue) ?? []
                #expect(inspectors.count == 2 && !inspectors.contains("Y2"))
                #expect(!inspectors.contains { $0.first == s.value(atPath: "district")?.stringValue.map(Self.letter) })
            }

            let page = try await client.get("/sampling?period=2025", headers: TestTokens.bearer(.viewer))
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains(#"<dd id="sampling-seed">2026-demo</dd>"#))
            #expect(html.contains(#"id="sampling-strata""#))
            let notice = String(buffer: try await client.get("/sampling/2025/notice", headers: Self.admin).body)
            #expect(notice.contains(#"<dd id="notice-seed">2026-demo</dd>"#))
            for uscc in expected.selections.map(\.entry.uscc) { #expect(notice.contains(#"data-uscc="\#(uscc)""#)) }

            let csv = try await client.get("/export/sampling.csv?period=2025", headers: TestTokens.bearer(.finance))
            #expect(csv.status == .ok)
            #expect(String(buffer: csv.body).hasPrefix("\u{FEFF}序号,统一社会信用代码,区县,行业,风险分值,风险等级,检查人员1,检查人员2\r\n"))
            let xlsx = try await client.get(
                "/export/sampling.xlsx?period=2025&lang=en", headers: TestTokens.bearer(.finance))
            #expect(xlsx.status == .ok && Array(buffer: xlsx.body).starts(with: [0x50, 0x4B]))

            let metrics = samples(String(buffer: try await client.get("/metrics").body))
            #expect(metrics[#"quality_sampling_plan_selected{period="2025"}"#] == 6)
            #expect(metrics[#"quality_sampling_plan_population{period="2025"}"#] == 8)
            #expect(metrics[#"quality_sampling_enterprises{district="330205",class="D"}"#] == 1)
            #expect(metrics[#"quality_sampling_enterprises{district="330212",class="A"}"#] == 3)

            let noReason = try await Self.post(client, "/api/v1/sampling/2025/revoke", #"{"reason": " "}"#)
            #expect(noReason.status == .badRequest)
            let revoked = try await Self.post(client, "/api/v1/sampling/2025/revoke", #"{"reason": "wrong list"}"#)
            #expect(revoked.status == .ok)
            #expect(try JSONParser.parse(Array(buffer: revoked.body)).value(atPath: "status")?.stringValue == "revoked")
            // The revoked plan stays on notice, marked revoked with its reason; the API has no plan in force.
            let revokedNotice = try await client.get("/sampling/2025/notice", headers: Self.admin)
            #expect(revokedNotice.status == .ok)
            #expect(String(buffer: revokedNotice.body).contains("撤销，理由：wrong list。"))
            #expect(try await client.get("/api/v1/sampling/2025", headers: Self.admin).status == .notFound)
            #expect(
                try await Self.post(client, "/api/v1/sampling/2025/revoke", #"{"reason": "x"}"#).status == .notFound)
            let badSeed = try await Self.post(client, "/api/v1/sampling/2025/draw", #"{"seed": "a b"}"#)
            #expect(badSeed.status == .badRequest)
            let redrawn = try await Self.post(client, "/api/v1/sampling/2025/draw", #"{"seed": "2026-second"}"#)
            #expect(redrawn.status == .created)
            let metricsAfter = samples(String(buffer: try await client.get("/metrics").body))
            #expect(metricsAfter[#"quality_sampling_plan_selected{period="2025"}"#] == 6)

            let audit = try await w.store.auditLog(limit: 10, offset: 0).reversed().map(\.action)
            #expect(audit == [.samplingDraw, .export, .export, .samplingRevoke, .samplingDraw])
            let exportEntry = try await w.store.auditLog(limit: 10, offset: 0).first { $0.action == .export }
            #expect(exportEntry?.detail == "sampling plan xlsx en, plan #1")
            #expect(exportEntry?.who == "demo-finance")
        }
    }

    /// Inspector ids of the fixture start with their district's letter: H 330203, J 330205, Y 330212.
    static func letter(_ code: String) -> Character {
        switch code {
        case "330203": "H"
        case "330205": "J"
        default: "Y"
        }
    }

    @Test func withoutSamplingOrPlan() async throws {
        let w = try await WorkedDaemon.make()
        try await w.daemon.application.test(.router) { client in
            let draw = try await Self.post(client, "/api/v1/sampling/2025/draw", #"{"seed": "s"}"#)
            #expect(draw.status == .notFound)
            #expect(String(buffer: draw.body).contains("no sampling section"))
            let page = try await client.get("/sampling", headers: Self.admin)
            #expect(page.status == .ok && String(buffer: page.body).contains(#"id="sampling-none""#))
            #expect(try await client.get("/api/v1/sampling/2025", headers: Self.admin).status == .notFound)
            #expect(try await client.get("/export/sampling.csv", headers: Self.admin).status == .notFound)
        }
    }
}
