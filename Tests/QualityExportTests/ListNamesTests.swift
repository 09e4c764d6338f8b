import QualityCore
import Testing

@testable import QualityExport

@Suite struct ListNamesTests {
    @Test func frozenNamesExportTheSameBytesAfterTheConfigChanges() throws {
        let (config, result) = try ExportFixtures.worked()
        let frozen = ListNames(config: config).json()
        let before = try SubsidyExport(config: config, result: result).render(.xlsx)

        var renamed = config
        renamed.subsidies.programs[0].name = LocalizedText(zh: "改名后的项目", en: "Renamed")
        renamed.subsidies.programs[0].basis = "《新办法》第一条"
        renamed.districts[0].name = LocalizedText(zh: "新区")
        #expect(try SubsidyExport(config: renamed, result: result).render(.xlsx).sha256 != before.sha256)

        let names = try ListNames.parse(json: frozen)
        #expect(names == ListNames(config: config))
        for format in ExportFormat.allCases {
            for language in Language.allCases {
                let original = try SubsidyExport(config: config, result: result, language: language).render(format)
                let again = try SubsidyExport(names: names, result: result, language: language).render(format)
                #expect(again.bytes == original.bytes, "\(format) \(language)")
            }
        }
    }

    @Test func labelsJSONIsCompactAndNamesItsProblems() throws {
        var config = Config()
        config.districts = [District(code: "330212", name: LocalizedText(zh: "鄞州区", en: "Yinzhou"))]
        config.subsidies.allocation = .priority
        config.subsidies.programs = [
            Program(id: "lab", name: LocalizedText(zh: "实验室"), basis: "第十四条", when: "true", amountYuan: "1")
        ]
        let json = String(decoding: ListNames(config: config).json(), as: UTF8.self)
        #expect(
            json
                == #"{"version":1,"allocation":"priority","districts":[{"id":"330212","zh":"鄞州区","en":"Yinzhou","basis":""}],"#
                + #""programs":[{"id":"lab","zh":"实验室","en":null,"basis":"第十四条"}]}"#)
        #expect(try ListNames.parse(json: Array(json.utf8)).programs[0].name.en == nil)
        #expect(throws: ExportError(file: "frozen list labels", message: "programs: expected an array")) {
            try ListNames.parse(json: Array(#"{"version":1,"allocation":"pro_rata","districts":[]}"#.utf8))
        }
    }
}
