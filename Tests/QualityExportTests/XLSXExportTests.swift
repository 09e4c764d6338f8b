import Foundation
import QualityCore
import Testing

@testable import QualityExport

@Suite struct XLSXExportTests {
    @Test func sheetHoldsHeadersAmountsInFenAndBoldTotals() throws {
        let (config, result) = try ExportFixtures.worked()
        let sheet = SubsidyExport(config: config, result: result).sheet()
        #expect(sheet.name == "奖励名单")
        #expect(
            sheet.columns.map(\.header) == [
                "序号", "统一社会信用代码", "企业名称", "所属区县", "奖励项目", "政策依据", "申请金额(元)", "核定金额(元)", "备注",
            ])
        #expect(sheet.columns.map(\.width) == [6, 22, 36, 12, 36, 40, 16, 16, 28])
        #expect(sheet.rows.count == 11)
        #expect(
            sheet.rows[3] == [
                .integer(4), .text("91330205MA000003XN"), .text("宁波江北电器有限公司"), .text("江北区"),
                .text("企业实验室获CNAS认可奖励"), .text("《鄞州区经济发展政策实施细则》第十三条"),
                .amount(fen: 15_000_000), .amount(fen: 3_125_000), .text("超出企业奖励上限；总预算按比例核减"),
            ])
        #expect(
            sheet.totals == [
                .text("合计"), .empty, .empty, .empty, .empty, .empty, .amount(fen: 124_000_000),
                .amount(fen: 60_000_000), .empty,
            ])
        #expect(sheet.amountFormat == "#,##0.00")
        #expect(SubsidyExport(config: config, result: result, language: .en).sheet().name == "Subsidies")
    }

    @Test func injectionCorpusCellsStartWithAQuote() throws {
        let (config, result) = try ExportFixtures.injection()
        let sheet = SubsidyExport(config: config, result: result).sheet()
        let names = sheet.rows.map { $0[2] }
        #expect(
            names == [
                .text("'=1+1"), .text("'+1"), .text("'-1"), .text("'@SUM(A1)"), .text("'\tx"), .text("'\rx"),
                .text("宁波\"甬江\",贸易有限公司"), .text("'=HYPERLINK(\"http://evil.example/\",\"点击\")"),
                .text("宁波换行\n有限公司"), .text("_x003D_1+1"), .text("宁波甬江正常贸易有限公司"),
            ])
        let granted = sheet.rows.map { $0[7] }
        let expected: [XLSXSheet.Cell] =
            Array(repeating: .amount(fen: 5_454_546), count: 5) + Array(repeating: .amount(fen: 5_454_545), count: 6)
        #expect(granted == expected)
        #expect(sheet.totals?[6] == .amount(fen: 110_000_000))
        #expect(sheet.totals?[7] == .amount(fen: 60_000_000))
    }

    @Test func literalOOXMLEscapesKeepTheirUnderscore() {
        #expect(XLSXWriter.escapeOOXML("_x003D_1+1") == "_x005F_x003D_1+1")
        #expect(XLSXWriter.escapeOOXML("a_x000d_b_x12_c") == "a_x005F_x000d_b_x12_c")
        #expect(XLSXWriter.escapeOOXML("_xABCG_ 宁波_有限_公司") == "_xABCG_ 宁波_有限_公司")
        #expect(XLSXWriter.escapeOOXML("x_x0041_") == "x_x005F_x0041_")
        #expect(XLSXWriter.escapeOOXML("_x0041") == "_x0041")
    }

    @Test func workbookIsAZipAndTheSameListGivesTheSameBytes() throws {
        let (config, result) = try ExportFixtures.injection()
        let export = SubsidyExport(config: config, result: result)
        let first = try export.xlsx()
        let second = try export.xlsx()
        #expect(first.bytes.prefix(4) == [0x50, 0x4B, 0x03, 0x04])
        #expect(first.bytes.count > 4000)
        #expect(first.bytes == second.bytes)
        #expect(first.sha256 == SHA256.hex(first.bytes))
        #expect(first.rows == 11)
        // The workbook's parts are named in the zip's local headers.
        let text = String(decoding: first.bytes, as: UTF8.self)
        for part in ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "docProps/core.xml"] {
            #expect(text.contains(part), "\(part)")
        }
    }

    @Test func anUnwritableDirectoryIsAnErrorNamingTheFile() throws {
        let (config, result) = try ExportFixtures.worked()
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-dir-\(UUID().uuidString)")
        #expect {
            try SubsidyExport(config: config, result: result).xlsx(temporaryDirectory: missing.path)
        } throws: { error in
            guard let error = error as? ExportError else { return false }
            return error.file.hasPrefix(missing.path + "/qualityd-export-") && error.file.hasSuffix(".xlsx")
                && error.message.hasPrefix("cannot write the workbook: ")
        }
    }

    @Test func anInvalidSheetNameIsAnError() throws {
        let sheet = XLSXSheet(name: "bad[name]", columns: [.init("A", width: 10)], rows: [])
        #expect {
            try XLSXWriter.bytes(sheet)
        } throws: { error in
            (error as? ExportError)?.message == "invalid worksheet name bad[name]"
        }
    }

    @Test func cellNames() {
        #expect(XLSXWriter.cellName(row: 0, col: 0) == "A1")
        #expect(XLSXWriter.cellName(row: 11, col: 8) == "I12")
        #expect(XLSXWriter.cellName(row: 0, col: 26) == "AA1")
    }
}
