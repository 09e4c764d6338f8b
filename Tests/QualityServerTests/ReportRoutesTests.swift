import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import QualityCore
import QualityStore
import Testing

@testable import QualityServer

/// The industry report of the worked example: textile has three enterprises, one per district,
/// sampled 10/10, 5/4 and 20/20 in 2025; a stored 2024 snapshot where the third passed 15 of 20
/// gives the change and the trend.
@Suite struct ReportRoutesTests {
    static let viewer = TestTokens.bearer(.viewer)

    static func daemonWith2024() async throws -> WorkedDaemon {
        let w = try await WorkedDaemon.make(yaml: SamplingFixture.yaml)
        let url = ExpositionGoldenTests.fixtures.appendingPathComponent("worked/snapshot.json")
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: #""period": "2025""#, with: #""period": "2024""#)
        let at = try #require(text.range(of: #""batches_passed": 20"#))
        text.replaceSubrange(at, with: #""batches_passed": 15"#)
        _ = try await w.store.saveSnapshot(try Snapshot.parse(json: Array(text.utf8)), createdAt: PagesFixture.now)
        return w
    }

    @Test func figuresPerIndustryAndDistrictWithChangeAndTrend() async throws {
        let w = try await Self.daemonWith2024()
        try await w.daemon.application.test(.router) { client in
            let response = try await client.get("/api/v1/reports/industry/textile?period=2025", headers: Self.viewer)
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            let json = try JSONParser.parse(Array(buffer: response.body))
            func figures(_ value: JSONValue?) -> [String: Double] {
                var out: [String: Double] = [:]
                for f in value?.arrayValue ?? [] {
                    if let id = f.value(atPath: "id")?.stringValue { out[id] = f.value(atPath: "value")?.numberValue }
                }
                return out
            }
            let overall = figures(json.value(atPath: "figures"))
            #expect(overall["enterprises"] == 3)
            #expect(overall["batches_sampled"] == 35)
            #expect(overall["with_returns"] == 1)
            #expect(abs((overall["pass_rate"] ?? 0) - 3400.0 / 35) < 1e-9)
            let districts = json.value(atPath: "districts")?.arrayValue ?? []
            #expect(districts.compactMap { $0.value(atPath: "code")?.stringValue } == ["330203", "330205", "330212"])
            #expect(districts.map { figures($0.value(atPath: "figures"))["pass_rate"] } == [100, 80, 100])
            #expect(json.value(atPath: "previous_period")?.stringValue == "2024")
            let passRate = json.value(atPath: "figures")?.arrayValue?.first {
                $0.value(atPath: "id")?.stringValue == "pass_rate"
            }
            #expect(abs((passRate?.value(atPath: "previous")?.numberValue ?? 0) - 2900.0 / 35) < 1e-9)
            #expect(json.value(atPath: "largest_changes")?.arrayValue?.compactMap(\.stringValue) == ["pass_rate"])
            #expect(json.value(atPath: "above")?.arrayValue?.compactMap(\.stringValue) == ["330203", "330212"])
            #expect(json.value(atPath: "below")?.arrayValue?.compactMap(\.stringValue) == ["330205"])
            #expect(
                json.value(atPath: "trend")?.arrayValue?.compactMap { $0.value(atPath: "period")?.stringValue } == [
                    "2024", "2025",
                ])
            let classes = json.value(atPath: "classes")?.arrayValue ?? []
            #expect(classes.compactMap { $0.value(atPath: "enterprises")?.numberValue } == [2, 1])

            let page = String(
                buffer: try await client.get("/reports/industry/textile?period=2025", headers: Self.viewer).body)
            #expect(page.contains("2025年度纺织服装行业质量分析报告"))
            #expect(page.contains("与2024年度相比，变化最大的三项：合格率 82.86% → 97.14%（+14.29）。"))
            #expect(page.contains("合格率高于全行业（97.14%）的区县：海曙区、鄞州区；低于的区县：江北区。"))
            #expect(page.contains(#"<svg"#))
            let english = String(
                buffer: try await client.get("/reports/industry/textile?lang=en", headers: Self.viewer).body)
            #expect(english.contains("Industry quality analysis report: Textiles, 2025"))

            #expect(try await client.get("/api/v1/reports/nothing/textile", headers: Self.viewer).status == .notFound)
            #expect(try await client.get("/api/v1/reports/industry/steel", headers: Self.viewer).status == .notFound)
            #expect(
                try await client.get("/api/v1/reports/industry/textile?period=2023", headers: Self.viewer).status
                    == .notFound)
        }
    }
}
