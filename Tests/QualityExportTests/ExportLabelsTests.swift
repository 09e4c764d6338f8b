import QualityCore
import Testing

@testable import QualityExport

@Suite struct ExportLabelsTests {
    @Test func notesSayHowTheBudgetWasApplied() {
        let zh = ExportLabels(.zh)
        #expect(zh.notes(["enterprise_cap", "program_budget"], allocation: .proRata) == "超出企业奖励上限；项目预算按比例核减")
        #expect(zh.notes(["program_budget", "budget"], allocation: .priority) == "项目预算不足；总预算不足")
        #expect(zh.notes(["budget"], allocation: .proRata) == "总预算按比例核减")
        #expect(zh.notes([], allocation: .proRata) == "")
        let en = ExportLabels(.en)
        #expect(
            en.notes(["enterprise_cap", "program_budget", "budget"], allocation: .priority)
                == "Enterprise cap; Program budget; Overall budget")
        #expect(en.note("something_new", allocation: .proRata) == "something_new")
    }

    @Test func unknownDistrictAndProgramFallBackToTheirIds() {
        var config = Config()
        config.districts = [District(code: "330212", name: LocalizedText(zh: "鄞州区"))]
        let result = AssessmentResult(
            period: "2025",
            subsidies: SubsidyResult(
                requestedFen: 150, grantedFen: 101,
                awards: [
                    Award(
                        uscc: "A", name: "甲", district: "330212", program: "gone", requestedFen: 100, grantedFen: 100),
                    Award(
                        uscc: "B", name: "乙", district: "330299", program: "gone", requestedFen: 50, grantedFen: 1,
                        notes: [.budget]),
                ]))
        let list = SubsidyList(config: config, result: result, language: .en)
        // Without an English name the Chinese one serves both languages.
        #expect(list.rows.map(\.districtName) == ["鄞州区", "330299"])
        #expect(list.rows.map(\.programName) == ["gone", "gone"])
        #expect(list.rows.map(\.basis) == ["", ""])
        let csv = String(decoding: SubsidyExport(list: list).csv().bytes.dropFirst(3), as: UTF8.self)
        #expect(csv.hasSuffix("2,B,乙,330299,gone,,0.50,0.01,Overall budget\r\nTotal,,,,,,1.50,1.01,\r\n"))
    }
}
