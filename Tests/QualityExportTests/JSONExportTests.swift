import QualityConfig
import QualityCore
import Testing

@testable import QualityExport

@Suite struct JSONExportTests {
    @Test func parsesAndItsTotalsAreTheResultsSums() throws {
        let (config, result) = try ExportFixtures.worked()
        let file = SubsidyExport(config: config, result: result).json()
        let json = try JSONParser.parse(file.bytes)
        #expect(json.value(atPath: "period") == .string("2025"))
        #expect(json.value(atPath: "language") == .string("zh"))
        #expect(json.value(atPath: "config_sha256") == .string(try ExportFixtures.config().sha256))
        #expect(json.value(atPath: "snapshot_sha256") == result.snapshotSHA256.map(JSONValue.string))
        #expect(json.value(atPath: "totals.requested_fen") == .number(124_000_000))
        #expect(json.value(atPath: "totals.granted_fen") == .number(60_000_000))
        #expect(json.value(atPath: "totals.granted_yuan") == .string("600000.00"))
        #expect(json.value(atPath: "totals.rows") == .number(11))
        guard case .array(let rows)? = json.value(atPath: "rows") else {
            Issue.record("rows is not an array")
            return
        }
        #expect(rows.count == 11)
        var requested = 0.0
        var granted = 0.0
        for row in rows {
            if case .number(let r)? = row.value(atPath: "requested_fen") { requested += r }
            if case .number(let g)? = row.value(atPath: "granted_fen") { granted += g }
        }
        #expect(requested == 124_000_000 && granted == 60_000_000)
        let fourth = rows[3]
        #expect(fourth.value(atPath: "uscc") == .string("91330205MA000003XN"))
        #expect(fourth.value(atPath: "district") == .string("330205"))
        #expect(fourth.value(atPath: "district_name") == .string("江北区"))
        #expect(fourth.value(atPath: "program") == .string("lab_cnas"))
        #expect(fourth.value(atPath: "program_name") == .string("企业实验室获CNAS认可奖励"))
        #expect(fourth.value(atPath: "basis") == .string("《鄞州区经济发展政策实施细则》第十三条"))
        #expect(fourth.value(atPath: "requested_yuan") == .string("150000.00"))
        #expect(fourth.value(atPath: "granted_yuan") == .string("31250.00"))
        #expect(fourth.value(atPath: "notes") == .array([.string("enterprise_cap"), .string("budget")]))
        #expect(file.rows == 11)
    }

    @Test func englishColumnsAndNamesAndRawText() throws {
        let (config, result) = try ExportFixtures.injection()
        let json = try JSONParser.parse(SubsidyExport(config: config, result: result, language: .en).json().bytes)
        #expect(json.value(atPath: "columns")?.arrayValue?.first == .string("No."))
        guard case .array(let rows)? = json.value(atPath: "rows") else {
            Issue.record("rows is not an array")
            return
        }
        // JSON is data, not a spreadsheet: names are as the bureau sent them.
        #expect(rows[0].value(atPath: "name") == .string("=1+1"))
        #expect(rows[5].value(atPath: "name") == .string("\rx"))
        #expect(rows[0].value(atPath: "district_name") == .string("Yinzhou"))
        #expect(rows[0].value(atPath: "program_name") == .string("City export quality award"))
        #expect(rows[0].value(atPath: "notes_text") == .string("Overall budget"))
        #expect(json.value(atPath: "totals.granted_fen") == .number(60_000_000))
    }

    @Test func theScoredWorkedExampleIsTheSpecsExpectedList() throws {
        let (_, result) = try ExportFixtures.worked()
        let expected = try AssessmentResult.parse(json: try ExportFixtures.bytes("worked/expected.json"))
        #expect(result.subsidies == expected.subsidies)
    }

    @Test func totalsEqualTheResultToTheFenInEveryFormat() throws {
        for fixture in [try ExportFixtures.worked(), try ExportFixtures.injection()] {
            let (config, result) = fixture
            let list = SubsidyList(config: config, result: result)
            #expect(list.rows.map(\.requestedFen).reduce(0, +) == result.subsidies.requestedFen)
            #expect(list.rows.map(\.grantedFen).reduce(0, +) == result.subsidies.grantedFen)
            #expect(list.grantedFen == 60_000_000)
            #expect(list.rows.map(\.number) == Array(1...result.subsidies.awards.count))
            #expect(list.rows.map(\.uscc) == result.subsidies.awards.map(\.uscc))
        }
    }
}
