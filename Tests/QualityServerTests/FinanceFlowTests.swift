import BureauSim
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import QualityCore
import QualityStore
import Testing

@testable import QualityServer

/// The finance staff's year end against a live bureau-sim: publish, confirm, export; the config
/// changes; the confirmed list still exports byte for byte; revoking voids the payouts and the next
/// year's once_per_years exclusions that rested on them disappear.
///
/// The years are 2027 and 2028: the simulated finance bureau reports payouts up to 2025 only, so the
/// 2027 payouts that keep demonstration enterprises out in 2028 are those of the confirmed list alone.
@Suite struct FinanceFlowTests {
    static let finance = TestTokens.bearer(.finance)
    static let admin = TestTokens.bearer(.admin)
    static let exports = [("csv", "zh"), ("xlsx", "zh"), ("json", "zh"), ("xlsx", "en")]

    @Test func confirmedListsStayAsConfirmed() async throws {
        let world = try TestWorld()
        try await SimServer.withServer(try TestWorld.simulator()) { port in
            try world.writeConfig(port: port)
            let demo = try String(contentsOfFile: world.configPath, encoding: .utf8)
            try world.write(demo.replacingOccurrences(of: "current_period: auto", with: #"current_period: "2027""#))
            var options = world.options()
            options.periodCheck = .milliseconds(100)
            let daemon = try await buildDaemon(options)
            try await daemon.application.test(.live) { client in
                try await waitReady(daemon)
                let store = daemon.runtime.store

                let published = try await Self.post(
                    client, "/api/v1/subsidies/2027/publish", Self.finance,
                    #"{"notice_start": "2028-01-04", "notice_end": "2028-01-11"}"#)
                #expect(published.status == .ok)
                let list = try JSONParser.parse(Array(buffer: published.body))
                #expect(list.value(atPath: "list.status") == .string("published"))
                #expect(list.value(atPath: "list.notice_start") == .string("2028-01-03T16:00:00Z"))
                #expect(list.value(atPath: "list.notice_end") == .string("2028-01-10T16:00:00Z"))
                #expect(list.value(atPath: "list.published_by") == .string("demo-finance"))

                let confirmed = try await Self.post(client, "/api/v1/subsidies/2027/confirm", Self.finance)
                #expect(confirmed.status == .ok)
                let confirmedList = try JSONParser.parse(Array(buffer: confirmed.body))
                #expect(confirmedList.value(atPath: "list.status") == .string("confirmed"))
                #expect(confirmedList.value(atPath: "rescoring") == .bool(true))
                let twice = try await Self.post(client, "/api/v1/subsidies/2027/confirm", Self.admin)
                #expect(twice.status == .conflict)
                #expect(String(buffer: twice.body).contains("already confirmed by demo-finance"))

                let paid = try await store.payouts()
                let payoutCount = confirmedList.value(atPath: "list.payout_count")?.numberValue
                #expect(!paid.isEmpty && Double(paid.count) == payoutCount)
                #expect(paid.allSatisfy { $0.year == 2027 && $0.grantedFen > 0 })

                var before: [String: [UInt8]] = [:]
                for (format, lang) in Self.exports {
                    let response = try await client.get(
                        "/export/subsidies.\(format)?period=2027&lang=\(lang)", headers: Self.finance)
                    #expect(response.status == .ok)
                    before[format + lang] = Array(buffer: response.body)
                }
                // The renamed programs are on the confirmed list, under their old names.
                let frozenCSV = String(decoding: before["csvzh"] ?? [], as: UTF8.self)
                #expect(frozenCSV.contains("中国出口质量安全示范企业奖励") && frozenCSV.contains("浙江制造认证奖励,"))
                let frozenJSON = try JSONParser.parse(before["jsonzh"] ?? [])
                #expect(
                    frozenJSON.value(atPath: "totals.granted_fen")?.numberValue
                        == confirmedList.value(atPath: "list.granted_fen")?.numberValue)

                // Next year, under a config that renames the program, changes its basis and amount.
                let runOf2027 = await daemon.runtime.served?.run?.id ?? 0
                let renamed =
                    demo
                    .replacingOccurrences(of: "current_period: auto", with: #"current_period: "2028""#)
                    .replacingOccurrences(of: "中国出口质量安全示范企业奖励", with: "出口质量安全示范企业奖励（新）")
                    .replacingOccurrences(of: "浙江制造认证奖励", with: "浙江制造认证奖励（新）")
                    .replacingOccurrences(of: "第十二条第一款", with: "第九条")
                    .replacingOccurrences(of: "amount_yuan: 200000", with: "amount_yuan: 180000")
                try world.write(renamed)
                #expect(try await Self.post(client, "/-/reload", Self.admin).status == .ok)
                try await eventually("2028 scored", in: daemon) {
                    let served = await daemon.runtime.served
                    return served?.period == "2028" && served?.result != nil && (served?.run?.id ?? 0) > runOf2027
                }

                for (format, lang) in Self.exports {
                    let again = try await client.get(
                        "/export/subsidies.\(format)?period=2027&lang=\(lang)", headers: Self.finance)
                    #expect(Array(buffer: again.body) == before[format + lang], "\(format) \(lang)")
                }
                let draft = try await client.get("/export/subsidies.csv?period=2028", headers: Self.finance)
                #expect(String(buffer: draft.body).contains("浙江制造认证奖励（新）"))
                #expect(!String(decoding: before["csvzh"] ?? [], as: UTF8.self).contains("（新）"))

                // The 2027 payouts keep demo_enterprise (once per 3 years) out of 2028.
                let confirmedPairs = Set(paid.map { "\($0.uscc)/\($0.program)" })
                let excludedBefore = await Self.oncePerYears(daemon)
                let causedBy2027 = excludedBefore.intersection(confirmedPairs)
                #expect(!causedBy2027.isEmpty)
                let payoutsBefore = await daemon.runtime.served?.snapshot?.payouts.count ?? 0

                let noBody = try await Self.post(client, "/api/v1/subsidies/2027/revoke", Self.admin)
                #expect(noBody.status == .badRequest)
                let blank = try await Self.post(
                    client, "/api/v1/subsidies/2027/revoke", Self.admin, #"{"reason": " "}"#)
                #expect(blank.status == .badRequest)
                #expect(
                    try await Self.post(client, "/api/v1/subsidies/2027/revoke", Self.finance, #"{"reason": "x"}"#)
                        .status == .forbidden)
                let runBefore = await daemon.runtime.served?.run?.id ?? 0
                let revoked = try await Self.post(
                    client, "/api/v1/subsidies/2027/revoke", Self.admin, #"{"reason": "复核发现名单有误"}"#)
                #expect(revoked.status == .ok)
                #expect(try await store.payouts().isEmpty)
                try await eventually("2028 scored again", in: daemon) {
                    (await daemon.runtime.served?.run?.id ?? 0) > runBefore
                }

                let excludedAfter = await Self.oncePerYears(daemon)
                let payoutsAfter = await daemon.runtime.served?.snapshot?.payouts.count ?? 0
                #expect(payoutsAfter == payoutsBefore - paid.count)
                #expect(excludedAfter.count < excludedBefore.count)
                #expect(excludedBefore.subtracting(excludedAfter).isSubset(of: confirmedPairs))
                #expect(excludedAfter.isSubset(of: excludedBefore))

                let audit = try await store.auditLog(limit: 50, offset: 0)
                let actions = audit.reversed().map(\.action.rawValue).filter { $0 != "reload" }
                #expect(actions == ["publish", "confirm"] + Array(repeating: "export", count: 9) + ["revoke"])
                let exported = audit.filter { $0.action == .export && $0.period == "2027" }
                #expect(exported.count == 8)
                #expect(Set(exported.compactMap(\.sha256)) == Set(before.values.map { SHA256.hex($0) }))
                #expect(
                    exported.allSatisfy { $0.who == "demo-finance" && $0.detail?.contains("confirmed list") == true })
                let revoke = try #require(audit.first { $0.action == .revoke })
                #expect(revoke.who == "demo-admin")
                #expect(revoke.detail?.contains("复核发现名单有误") == true)
                #expect(revoke.rows == paid.count)
            }
        }
    }

    static func post(
        _ client: some TestClientProtocol, _ uri: String, _ headers: HTTPFields, _ body: String? = nil
    ) async throws -> TestResponse {
        try await client.execute(
            uri: uri, method: .post, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    /// `uscc/program` of the served result's once_per_years exclusions.
    static func oncePerYears(_ daemon: Daemon) async -> Set<String> {
        let excluded = await daemon.runtime.served?.result?.subsidies.excluded ?? []
        return Set(excluded.filter { $0.reason == "once_per_years" }.map { "\($0.uscc)/\($0.program)" })
    }
}
