import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import QualityCore
import QualityStore
import Testing

@testable import QualityServer

/// `POST /api/v1/whatif` and the `/whatif` page on the worked example: roles, the CSRF rule, a
/// refused proposal with the line and column of each problem, and the comparison itself.
@Suite struct WhatIfRoutesTests {
    /// The worked config with weight moved from sampling (30 → 10) to the labs (15 → 35).
    static func proposal() throws -> String {
        let fixture = ExpositionGoldenTests.fixtures.appendingPathComponent("worked/config.yaml")
        let text = try String(contentsOf: fixture, encoding: .utf8)
            .replacingOccurrences(of: "sampling_pass_rate, weight: 30", with: "sampling_pass_rate, weight: 10")
            .replacingOccurrences(of: "cnas_labs, weight: 15", with: "cnas_labs, weight: 35")
        #expect(text.contains("weight: 10") && text.contains("weight: 35"))
        return text
    }

    static let yaml: HTTPFields = [.contentType: "application/yaml"]

    @Test func onlyAdminsCompareAndTheAnswerIsTheComparison() async throws {
        let w = try await WorkedDaemon.make()
        let body = try Self.proposal()
        try await w.daemon.application.test(.router) { client in
            for (caller, status) in [
                (Role?.none, HTTPResponse.Status.unauthorized), (.viewer, .forbidden),
                (.finance, .forbidden), (.admin, .ok),
            ] {
                var headers = Self.yaml
                for field in TestTokens.bearer(caller) { headers.append(field) }
                let response = try await client.execute(
                    uri: "/api/v1/whatif", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(response.status == status, "\(caller?.rawValue ?? "nobody")")
                guard response.status == .ok else { continue }
                let json = try JSONParser.parse(Array(buffer: response.body))
                #expect(json.value(atPath: "period") == .string("2025"))
                #expect(json.value(atPath: "policy_a.id") == .string("base"))
                let districts = try #require(json.value(atPath: "districts")?.arrayValue)
                #expect(districts.map { $0.value(atPath: "code") } == w.result.districts.map { .string($0.code) })
                // A is the served result, scored again: the same ranks and totals.
                #expect(
                    districts.map { $0.value(atPath: "rank_a") }
                        == w.result.districts.map { $0.rank.map { .number(Double($0)) } ?? .null })
                #expect(json.value(atPath: "summary.districts_rank_changed")?.numberValue != nil)
            }
            // Nothing was stored: still one run.
            #expect(try await w.store.runs(period: nil, limit: 10, offset: 0).count == 1)
        }
    }

    @Test func aCookiePostMustComeFromThisServer() async throws {
        let w = try await WorkedDaemon.make()
        let body = try Self.proposal()
        try await w.daemon.application.test(.router) { client in
            let cookie = try await LoginFlowTests.signIn(client, token: TestTokens.token(.admin))
            let bare = try await client.execute(
                uri: "/api/v1/whatif", method: .post, headers: [.cookie: cookie], body: ByteBuffer(string: body))
            #expect(bare.status == .forbidden)
            let evil = try await client.execute(
                uri: "/api/v1/whatif", method: .post, headers: [.cookie: cookie, .origin: "http://evil.example"],
                body: ByteBuffer(string: body))
            #expect(evil.status == .forbidden)
            let page = try await client.execute(
                uri: "/whatif", method: .post,
                headers: [
                    .cookie: cookie, .contentType: "application/x-www-form-urlencoded", .origin: "http://evil.example",
                ],
                body: ByteBuffer(string: "proposal=x"))
            #expect(page.status == .forbidden)
            let same = try await client.execute(
                uri: "/api/v1/whatif", method: .post, headers: [.cookie: cookie, .origin: "http://localhost"],
                body: ByteBuffer(string: body))
            #expect(same.status == .ok)
        }
    }

    @Test func aBadProposalIs422WithEachLineAndColumn() async throws {
        let w = try await WorkedDaemon.make()
        let body = try Self.proposal().replacingOccurrences(of: "cnas_labs, weight: 35", with: "cnas_labs, weight: 36")
            .replacingOccurrences(of: "  missing: zero", with: "  missing: none")
        let lines = body.components(separatedBy: "\n")
        let total = try #require(lines.firstIndex { $0 == "  total: 100" }) + 1
        let missing = try #require(lines.firstIndex { $0 == "  missing: none" }) + 1
        try await w.daemon.application.test(.router) { client in
            var headers = Self.yaml
            headers.append(contentsOf: TestTokens.admin)
            let response = try await client.execute(
                uri: "/api/v1/whatif", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(response.status == .unprocessableContent)
            let json = try JSONParser.parse(Array(buffer: response.body))
            #expect(json.value(atPath: "error.code") == .string("config_invalid"))
            #expect(
                json.value(atPath: "error.details")?.arrayValue == [
                    .string(
                        "proposal.yaml:\(total):10: scoring.total: indicator weights add up to 101, but total is 100"),
                    .string(
                        "proposal.yaml:\(missing):12: scoring.missing: expected one of: zero, exclude, fail (found 'none')"
                    ),
                ])
            // Not YAML at all, not UTF-8, empty: 4xx, never 5xx.
            for junk in ["{", "\u{0}\u{1}", "", "- 1\n- 2", "districts: 3"] {
                let r = try await client.execute(
                    uri: "/api/v1/whatif", method: .post, headers: headers, body: ByteBuffer(string: junk))
                #expect(r.status == .unprocessableContent, "\(junk.debugDescription)")
            }
            let invalid = try await client.execute(
                uri: "/api/v1/whatif", method: .post, headers: headers, body: ByteBuffer(bytes: [0xFF, 0xFE, 0x00]))
            #expect(invalid.status == .unprocessableContent)
            let period = try await client.execute(
                uri: "/api/v1/whatif?period=20x5", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(period.status == .badRequest || period.status == .unprocessableContent)
            let tooLarge = try await client.execute(
                uri: "/api/v1/whatif", method: .post, headers: headers,
                body: ByteBuffer(repeating: UInt8(ascii: "#"), count: WhatIfService.maxBytes + 1))
            #expect(tooLarge.status == .contentTooLarge)
        }
    }

    @Test func thePageShowsErrorsWithTheirPlacesAndThenTheComparison() async throws {
        let w = try await WorkedDaemon.make()
        let good = try Self.proposal()
        let bad = good.replacingOccurrences(of: "  missing: zero", with: "  missing: none")
        let line = try #require(bad.components(separatedBy: "\n").firstIndex { $0 == "  missing: none" }) + 1
        try await w.daemon.application.test(.router) { client in
            var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=XyZ"]
            headers.append(contentsOf: TestTokens.admin)
            func multipart(_ text: String) -> ByteBuffer {
                ByteBuffer(
                    string: "--XyZ\r\nContent-Disposition: form-data; name=\"proposal\"\r\n\r\n\r\n"
                        + "--XyZ\r\nContent-Disposition: form-data; name=\"proposal_file\"; filename=\"p.yaml\"\r\n"
                        + "Content-Type: application/yaml\r\n\r\n\(text)\r\n--XyZ--\r\n")
            }
            let refused = try await client.execute(
                uri: "/whatif", method: .post, headers: headers, body: multipart(bad))
            #expect(refused.status == .unprocessableContent)
            let html = String(buffer: refused.body)
            #expect(html.contains("data-line=\"\(line)\" data-column=\"12\""))
            #expect(html.contains("第 \(line) 行第 12 列"))
            let english = try await client.execute(
                uri: "/whatif?lang=en", method: .post, headers: headers, body: multipart(bad))
            #expect(String(buffer: english.body).contains("line \(line), column 12"))

            let shown = try await client.execute(uri: "/whatif", method: .post, headers: headers, body: multipart(good))
            #expect(shown.status == .ok)
            let page = String(buffer: shown.body)
            #expect(page.contains("id=\"whatif-districts\""))
            #expect(page.contains("id=\"whatif-summary\""))
            for d in w.result.districts { #expect(page.contains("data-code=\"\(d.code)\"")) }
            // The form, and the link in the navigation for admins only.
            let form = try await client.get("/whatif", headers: TestTokens.admin)
            #expect(String(buffer: form.body).contains("enctype=\"multipart/form-data\""))
            #expect(String(buffer: form.body).contains("href=\"/whatif\""))
            let viewerHome = try await client.get("/", headers: TestTokens.bearer(.viewer))
            #expect(!String(buffer: viewerHome.body).contains("href=\"/whatif\""))
        }
    }

    @Test func theDistrictPageTheExplanationAndTheNoticeNameThePolicy() async throws {
        let w = try await WorkedDaemon.make()
        let stamp = try #require(w.result.policy)
        #expect(stamp.id == "base" && stamp.sha256.count == 64)
        try await w.daemon.application.test(.router) { client in
            let finance = TestTokens.bearer(.finance)
            let explain = try await client.get("/api/v1/districts/330212/explain", headers: finance)
            let json = try JSONParser.parse(Array(buffer: explain.body))
            #expect(json.value(atPath: "policy.id") == .string("base"))
            #expect(json.value(atPath: "policy.sha256") == .string(stamp.sha256))
            for (path, text) in [
                ("/districts/330212", "政策版本："), ("/districts/330212?lang=en", "Policy version: "),
                ("/subsidies/2025/notice", "政策版本："), ("/subsidies/2025/notice?lang=en", "Policy version: "),
            ] {
                let page = String(buffer: try await client.get(path, headers: finance).body)
                #expect(page.contains("id=\"policy-version\" data-policy=\"base\""), "\(path)")
                #expect(page.contains(text) && page.contains(String(stamp.sha256.prefix(12))), "\(path)")
            }
        }
    }
}
