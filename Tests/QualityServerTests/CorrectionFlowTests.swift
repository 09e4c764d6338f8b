import BureauSim
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import QualityConfig
import QualityCore
import QualityStore
import Testing

@testable import QualityServer

/// Issue 13's scenario on the demo (bureau-sim's default world: seed 1, Ningbo's ten districts,
/// 3000 enterprises): finance proposes setting 象山县's (330225) `major_incidents` to 0; finance
/// cannot approve it, an admin cannot approve their own proposal, another admin approves; the next
/// result has 330225 without the veto and its explanation shows both values, both names and the
/// reason. Then an appeal blocks publishing until it is resolved, and the list goes through the
/// pages' forms with their confirmation steps.
@Suite struct CorrectionFlowTests {
    static let demo = World(seed: 1, districts: 10, enterprises: 3000)
    static let finance = TestTokens.bearer(.finance)
    static let admin = TestTokens.bearer(.admin)
    static let admin2: HTTPFields = [.authorization: "Bearer demo-admin2-token"]

    /// `headers` with the content type of a form post.
    static func form(_ headers: HTTPFields) -> HTTPFields {
        var fields = headers
        fields[.contentType] = "application/x-www-form-urlencoded"
        return fields
    }
    static let reason = "该事故经核实发生在宁海县，不属象山县"

    @Test func fourEyesCorrectionLiftsTheVeto() async throws {
        let world = try TestWorld()
        try await SimServer.withServer(Simulator(world: Self.demo, faults: try FaultPlan(parsing: ""))) { port in
            try world.writeConfig(port: port, world: Self.demo)
            let daemon = try await buildDaemon(world.options())
            try await daemon.application.test(.live) { client in
                try await waitReady(daemon, sourcesUp: true, client)
                // A run over every source's data, whichever pull came last.
                #expect(await daemon.scoring.score())
                let before = try #require(await daemon.runtime.served?.result)
                let period = before.period
                let vetoed = try #require(before.district(code: "330225"))
                #expect(vetoed.vetoedBy == ["major_incident"])
                let scores = String(buffer: await Self.scores(client))
                #expect(before.corrections.isEmpty && !scores.contains("corrections"))

                let body = """
                    {"period": "\(period)", "entity": "district", "key": "330225", "fact": "major_incidents",
                     "value": 0, "reason": "\(Self.reason)", "evidence": "甬市监〔\(period)〕12号"}
                    """
                let proposed = try await FinanceFlowTests.post(client, "/api/v1/corrections", Self.finance, body)
                #expect(proposed.status == .created)
                let correction = try JSONParser.parse(Array(buffer: proposed.body))
                #expect(correction.value(atPath: "status") == .string("proposed"))
                #expect(correction.value(atPath: "proposed_by") == .string("demo-finance"))
                let id = Int(correction.value(atPath: "id")?.numberValue ?? 0)

                // Refusals naming the field: a fact nobody provides, a value of the wrong type.
                let unknown = try await FinanceFlowTests.post(
                    client, "/api/v1/corrections", Self.finance,
                    body.replacingOccurrences(of: "major_incidents", with: "major_incident"))
                #expect(unknown.status == .badRequest)
                #expect(String(buffer: unknown.body).contains("fact: no source provides the district fact"))
                let wrongType = try await FinanceFlowTests.post(
                    client, "/api/v1/corrections", Self.finance,
                    body.replacingOccurrences(of: #""value": 0"#, with: #""value": "none""#))
                #expect(wrongType.status == .badRequest)
                #expect(String(buffer: wrongType.body).contains("value: major_incidents takes number, not string"))

                // Four eyes: finance may not decide; an admin may not decide their own proposal.
                let approve = "/api/v1/corrections/\(id)/approve"
                let byFinance = try await FinanceFlowTests.post(client, approve, Self.finance, #"{"reason": "ok"}"#)
                #expect(byFinance.status == .forbidden)
                let own = try await FinanceFlowTests.post(
                    client, "/api/v1/corrections", Self.admin,
                    body.replacingOccurrences(of: "330225", with: "330226"))
                let ownID = Int(try JSONParser.parse(Array(buffer: own.body)).value(atPath: "id")?.numberValue ?? 0)
                let selfApproval = try await FinanceFlowTests.post(
                    client, "/api/v1/corrections/\(ownID)/approve", Self.admin, #"{"reason": "mine"}"#)
                #expect(selfApproval.status == .forbidden)
                #expect(String(buffer: selfApproval.body).contains("proposed by demo-admin"))

                let runBefore = await daemon.runtime.served?.run?.id ?? 0
                let approved = try await FinanceFlowTests.post(
                    client, approve, Self.admin2, #"{"reason": "已核对宁海县事故报告"}"#)
                #expect(approved.status == .ok)
                #expect(
                    try JSONParser.parse(Array(buffer: approved.body)).value(atPath: "decided_by")
                        == .string("demo-admin2"))
                try await eventually("a run with the correction", in: daemon) {
                    (await daemon.runtime.served?.run?.id ?? 0) > runBefore
                }
                let after = try #require(await daemon.runtime.served?.result)
                let lifted = try #require(after.district(code: "330225"))
                #expect(lifted.vetoedBy.isEmpty)
                #expect(after.snapshotSHA256 == before.snapshotSHA256)
                #expect(after.corrections.map(\.correction.id) == [Int64(id)])
                #expect(after.correctionsSHA256?.count == 64)
                print(
                    "scenario \(period): 330225 vetoed \(vetoed.vetoedBy) total \(vetoed.total.map { "\($0)" } ?? "-") "
                        + "rank \(vetoed.rank.map(String.init) ?? "-") grade \(vetoed.grade ?? "-") → vetoed "
                        + "\(lifted.vetoedBy) total \(lifted.total.map { "\($0)" } ?? "-") rank "
                        + "\(lifted.rank.map(String.init) ?? "-") grade \(lifted.grade ?? "-"); bureau value "
                        + "\(after.corrections.first.map { "\($0.bureauValue)" } ?? "-")")

                let explain = try JSONParser.parse(
                    Array(buffer: try await client.get("/api/v1/districts/330225/explain").body))
                #expect(explain.value(atPath: "corrections")?.arrayValue?.count == 1)
                let applied = explain.value(atPath: "corrections")?.arrayValue?.first
                #expect(applied?.value(atPath: "bureau_value")?.numberValue ?? 0 > 0)
                #expect(applied?.value(atPath: "value") == .number(0))
                #expect(applied?.value(atPath: "proposed_by") == .string("demo-finance"))
                #expect(applied?.value(atPath: "approved_by") == .string("demo-admin2"))
                #expect(applied?.value(atPath: "reason") == .string(Self.reason))
                let page = String(buffer: try await client.get("/districts/330225").body)
                #expect(page.contains("demo-finance") && page.contains("demo-admin2") && page.contains(Self.reason))
                #expect(page.contains(#"<td class="corrected-value">0</td>"#))

                let metrics = try await client.metrics(prefix: "qualityd_corrections")
                #expect(metrics[#"qualityd_corrections{status="approved"}"#] == 1)
                #expect(metrics[#"qualityd_corrections{status="proposed"}"#] == 1)
                let audit = try await daemon.runtime.store.auditLog(limit: 10, offset: 0).map(\.action)
                #expect(audit.filter { $0 == .correctionPropose }.count == 2 && audit.contains(.correctionApprove))

                try await appealAndForms(client, daemon, period: period, correction: id)
            }
        }
    }

    /// An open appeal refuses publishing (409); accepted, the list goes through the forms.
    func appealAndForms(_ client: some TestClientProtocol, _ daemon: Daemon, period: String, correction: Int)
        async throws
    {
        let appeal = try await FinanceFlowTests.post(
            client, "/api/v1/appeals", Self.finance,
            #"{"district": "330225", "indicator": "major_incident", "text": "该事故不在本县"}"#)
        #expect(appeal.status == .created)
        let appealID = Int(try JSONParser.parse(Array(buffer: appeal.body)).value(atPath: "id")?.numberValue ?? 0)
        let blocked = try await FinanceFlowTests.post(client, "/api/v1/subsidies/\(period)/publish", Self.finance)
        #expect(blocked.status == .conflict)
        #expect(String(buffer: blocked.body).contains("appeals #\(appealID) are open"))
        let blockedForm = try await client.execute(
            uri: "/subsidies/\(period)/publish?lang=en", method: .post, headers: Self.form(Self.finance),
            body: ByteBuffer(string: "confirm=yes"))
        #expect(blockedForm.status == .conflict)
        #expect(String(buffer: blockedForm.body).contains("It conflicts with the current state"))

        let accepted = try await client.execute(
            uri: "/appeals/\(appealID)/accept", method: .post, headers: Self.form(Self.admin2),
            body: ByteBuffer(string: "corrections=\(correction)&confirm=yes"))
        #expect(accepted.status == .ok)
        let page = String(buffer: try await client.get("/districts/330225").body)
        #expect(page.contains(#"data-appeal="\#(appealID)" data-status="accepted""#))

        // Publish, then confirm, through the forms: first the confirmation step, then the action.
        let step = try await client.execute(
            uri: "/subsidies/\(period)/publish", method: .post, headers: Self.form(Self.finance))
        #expect(String(buffer: step.body).contains("确认后将公示"))
        let published = try await client.execute(
            uri: "/subsidies/\(period)/publish", method: .post, headers: Self.form(Self.finance),
            body: ByteBuffer(string: "confirm=yes"))
        #expect(published.status == .ok)
        let list = try #require(try await daemon.runtime.store.currentList(period: period)?.list)
        let confirmStep = String(
            buffer: try await client.execute(
                uri: "/subsidies/\(period)/confirm", method: .post, headers: Self.form(Self.finance)
            ).body)
        let figures = "确认后将记录 \(list.payoutCount) 笔、\(Money.format(fen: list.grantedFen)) 元的发放"
        #expect(confirmStep.contains(figures))
        let confirmed = try await client.execute(
            uri: "/subsidies/\(period)/confirm", method: .post, headers: Self.form(Self.finance),
            body: ByteBuffer(string: "confirm=yes"))
        #expect(confirmed.status == .ok)
        #expect(try await daemon.runtime.store.currentList(period: period)?.list.status == .confirmed)
        print("scenario list: \(figures)")
    }

    /// An enterprise's explanation, JSON and page, shows the corrections of its facts.
    @Test func enterpriseExplanationsShowTheirCorrections() async throws {
        let w = try await WorkedDaemon.make()
        let loaded = await w.daemon.runtime.loaded
        let uscc = w.awardedUSCC
        let fix = FactCorrection(
            id: 7, entity: .enterprise, key: uscc, fact: "batches_passed", value: .number(8),
            reason: "两批次复检不合格", evidence: "复检报告 2025-031", proposedBy: "demo-finance",
            approvedBy: "demo-admin2", approvalReason: "checked")
        let (result, corrected) = loaded.model.assess(
            w.worked.snapshot, corrections: [fix], configSHA256: loaded.sha256)
        await w.daemon.runtime.install(
            ServedResult(
                period: result.period, json: ByteBuffer(bytes: result.json(style: .compact)), run: nil,
                result: result, snapshot: corrected),
            domain: w.daemon.runtime.renderDomain(result, config: loaded.config))
        try await w.daemon.application.test(.router) { client in
            let explain = try JSONParser.parse(
                Array(buffer: try await client.get("/api/v1/enterprises/\(uscc)/explain").body))
            let applied = explain.value(atPath: "corrections")?.arrayValue?.first
            #expect(applied?.value(atPath: "bureau_value")?.numberValue ?? 0 > 8)
            #expect(applied?.value(atPath: "value") == .number(8))
            #expect(applied?.value(atPath: "approved_by") == .string("demo-admin2"))
            let page = String(buffer: try await client.get("/enterprises/\(uscc)").body)
            #expect(page.contains("两批次复检不合格") && page.contains("demo-finance") && page.contains("demo-admin2"))
            #expect(page.contains(#"<td class="corrected-value">8</td>"#))
        }
    }

    static func scores(_ client: some TestClientProtocol) async -> ByteBuffer {
        (try? await client.get("/api/v1/scores").body) ?? ByteBuffer()
    }
}
