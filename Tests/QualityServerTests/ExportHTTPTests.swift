import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import QualityCore
import QualityExport
import QualityStore
import Testing

@testable import QualityServer

/// `GET /export/subsidies.{csv,xlsx,json}` over HTTP: headers, amounts, the counter, the audit log.
@Suite struct ExportHTTPTests {
    @Test func headersTotalsCounterAndAudit() async throws {
        let w = try await WorkedDaemon.make()
        let finance = TestTokens.bearer(.finance)
        try await w.daemon.application.test(.router) { client in
            let xlsx = try await client.get("/export/subsidies.xlsx?period=2025", headers: finance)
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(
                xlsx.headers[.contentDisposition]
                    == #"attachment; filename="subsidies-2025.xlsx"; filename*=UTF-8''%E5%A5%96%E5%8A%B1%E5%90%8D%E5%8D%95-2025.xlsx"#
            )
            let bytes = Array(buffer: xlsx.body)
            #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))  // a zip: the workbook
            #expect(xlsx.headers[HTTPField.Name("X-Content-SHA256")!] == SHA256.hex(bytes))
            // The same bytes as the offline export of the same result and config.
            let offline = try SubsidyExport(config: w.worked.config, result: w.result).render(.xlsx)
            #expect(bytes == offline.bytes)

            let metrics = try await client.metrics()
            #expect(metrics[#"qualityd_exports_total{format="xlsx"}"#] == 1)
            #expect(metrics[#"qualityd_exports_total{format="csv"}"#] == 0)

            let csv = try await client.get("/export/subsidies.csv?lang=en", headers: finance)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == #"attachment; filename="subsidies-2025.csv""#)
            let granted = Money.format(fen: w.result.subsidies.grantedFen, grouping: false)
            let requested = Money.format(fen: w.result.subsidies.requestedFen, grouping: false)
            #expect(granted == "600000.00")
            #expect(String(buffer: csv.body).hasSuffix("\r\nTotal,,,,,,\(requested),\(granted),\r\n"))

            let json = try await client.get("/export/subsidies.json", headers: finance)
            #expect(json.headers[.contentType] == "application/json")
            let parsed = try JSONParser.parse(Array(buffer: json.body))
            #expect(parsed.value(atPath: "totals.granted_fen")?.numberValue == Double(w.result.subsidies.grantedFen))
            let rows = parsed.value(atPath: "rows")?.arrayValue ?? []
            #expect(rows.count == w.result.subsidies.awards.count)
            let sum = rows.compactMap { $0.value(atPath: "granted_fen")?.numberValue }.reduce(0, +)
            #expect(Int64(sum) == w.result.subsidies.grantedFen)

            let after = try await client.metrics()
            #expect(after[#"qualityd_exports_total{format="xlsx"}"#] == 1)
            #expect(after[#"qualityd_exports_total{format="csv"}"#] == 1)
            #expect(after[#"qualityd_exports_total{format="json"}"#] == 1)

            let audit = try await w.store.auditLog(limit: 10, offset: 0).reversed().map { $0 }
            #expect(audit.map(\.action) == [.export, .export, .export])
            #expect(audit.allSatisfy { $0.who == "demo-finance" && $0.period == "2025" && $0.rows == rows.count })
            #expect(audit[0].sha256 == SHA256.hex(bytes))
            #expect(audit[1].sha256 == SHA256.hex(Array(buffer: csv.body)))
            #expect(audit[2].sha256 == SHA256.hex(Array(buffer: json.body)))
            #expect(audit[0].detail?.hasPrefix("xlsx zh, draft: the current result (run #") == true)

            // The admin reads the same log over HTTP.
            let log = try JSONParser.parse(Array(buffer: try await client.get("/api/v1/audit?limit=1").body))
            let newest = log.value(atPath: "entries")?.arrayValue?.first
            #expect(newest?.value(atPath: "action") == .string("export"))
            #expect(newest?.value(atPath: "sha256") == .string(SHA256.hex(Array(buffer: json.body))))
            #expect(newest?.value(atPath: "rows")?.numberValue == Double(rows.count))

            #expect(try await client.get("/export/subsidies.csv?lang=fr", headers: finance).status == .badRequest)
            #expect(try await client.get("/export/subsidies.csv?period=1999", headers: finance).status == .notFound)
        }
    }

    @Test func explainAndSubsidiesAPIs() async throws {
        let w = try await WorkedDaemon.make()
        try await w.daemon.application.test(.router) { client in
            let district = try JSONParser.parse(
                Array(buffer: try await client.get("/api/v1/districts/330212/explain").body))
            let d = try #require(w.result.district(code: "330212"))
            #expect(district.value(atPath: "district.total")?.numberValue == d.total)
            #expect(district.value(atPath: "district.rank")?.numberValue == d.rank.map(Double.init))
            let dimensions = district.value(atPath: "dimensions")?.arrayValue ?? []
            #expect(dimensions.count == w.worked.config.scoring.dimensions.count)
            let indicators = dimensions.flatMap { $0.value(atPath: "indicators")?.arrayValue ?? [] }
            #expect(indicators.count == w.worked.config.scoring.entries.count)
            let points = indicators.compactMap { $0.value(atPath: "points")?.numberValue }.reduce(0, +)
            #expect(abs(points - d.base) < 1e-9)
            for indicator in indicators {
                for key in ["name.zh", "unit", "method", "parameters", "direction", "weight", "missing_policy"] {
                    #expect(indicator.value(atPath: key) != nil, "\(key)")
                }
            }
            #expect(district.value(atPath: "grades")?.arrayValue?.isEmpty == false)
            #expect(district.value(atPath: "scoring.rescale_factor") != nil)

            let uscc = w.awardedUSCC
            let enterprise = try JSONParser.parse(
                Array(buffer: try await client.get("/api/v1/enterprises/\(uscc.lowercased())/explain").body))
            #expect(enterprise.value(atPath: "uscc") == .string(uscc))
            let awards = enterprise.value(atPath: "awards")?.arrayValue ?? []
            let expected = w.result.subsidies.awards.filter { $0.uscc == uscc }
            #expect(awards.count == expected.count)
            #expect(
                awards.first?.value(atPath: "granted_fen")?.numberValue == expected.first.map { Double($0.grantedFen) })
            let programs = enterprise.value(atPath: "programs")?.arrayValue ?? []
            #expect(programs.count == w.worked.config.subsidies.programs.count)
            #expect(try await client.get("/api/v1/enterprises/91330212MA0000000X/explain").status == .notFound)

            let subsidies = try JSONParser.parse(Array(buffer: try await client.get("/api/v1/subsidies").body))
            #expect(subsidies.value(atPath: "list.status") == .string("draft"))
            #expect(subsidies.value(atPath: "frozen") == .bool(false))
            #expect(subsidies.value(atPath: "subsidies.granted_fen")?.numberValue == 60_000_000)
            let perProgram = subsidies.value(atPath: "programs")?.arrayValue ?? []
            let programGranted = perProgram.compactMap { $0.value(atPath: "granted_fen")?.numberValue }.reduce(0, +)
            #expect(programGranted == 60_000_000)
        }
    }
}
