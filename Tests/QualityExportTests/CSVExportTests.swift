import Foundation
import QualityCore
import Testing

@testable import QualityExport

@Suite struct CSVExportTests {
    @Test func workedExampleIsTheWholeGoldenText() throws {
        let (config, result) = try ExportFixtures.worked()
        let file = SubsidyExport(config: config, result: result).csv()
        let basis = "《鄞州区经济发展政策实施细则》"
        let lines = [
            "序号,统一社会信用代码,企业名称,所属区县,奖励项目,政策依据,申请金额(元),核定金额(元),备注",
            "1,91330203MA000001XP,宁波海曙织造有限公司,海曙区,市级出口质量奖,\(basis)第十二条第二款,100000.00,62500.00,总预算按比例核减",
            "2,91330203MA000001XP,宁波海曙织造有限公司,海曙区,标准化建设奖励,\(basis)第十四条,30000.00,18750.00,总预算按比例核减",
            "3,91330205MA000003XN,宁波江北电器有限公司,江北区,中国出口质量安全示范企业奖励,\(basis)第十二条第一款,200000.00,125000.00,"
                + "总预算按比例核减",
            "4,91330205MA000003XN,宁波江北电器有限公司,江北区,企业实验室获CNAS认可奖励,\(basis)第十三条,150000.00,31250.00,"
                + "超出企业奖励上限；总预算按比例核减",
            "5,91330205MA000003XN,宁波江北电器有限公司,江北区,标准化建设奖励,\(basis)第十四条,60000.00,0.00,超出企业奖励上限；总预算按比例核减",
            "6,91330212MA000005XW,宁波鄞州时尚服装有限公司,鄞州区,中国出口质量安全示范企业奖励,\(basis)第十二条第一款,200000.00,"
                + "125000.00,总预算按比例核减",
            "7,91330212MA000005XW,宁波鄞州时尚服装有限公司,鄞州区,企业实验室获CNAS认可奖励,\(basis)第十三条,80000.00,31250.00,"
                + "超出企业奖励上限；总预算按比例核减",
            "8,91330212MA000005XW,宁波鄞州时尚服装有限公司,鄞州区,标准化建设奖励,\(basis)第十四条,90000.00,0.00,"
                + "超出企业奖励上限；总预算按比例核减",
            "9,91330212MA000006XX,宁波鄞州高端汽配有限公司,鄞州区,中国出口质量安全示范企业奖励,\(basis)第十二条第一款,200000.00,"
                + "125000.00,总预算按比例核减",
            "10,91330212MA000006XX,宁波鄞州高端汽配有限公司,鄞州区,标准化建设奖励,\(basis)第十四条,30000.00,18750.00,总预算按比例核减",
            "11,91330212MA000007XY,宁波鄞州智能电器有限公司,鄞州区,市级出口质量奖,\(basis)第十二条第二款,100000.00,62500.00,总预算按比例核减",
            "合计,,,,,,1240000.00,600000.00,",
        ]
        let expected = "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
        #expect(String(decoding: file.bytes, as: UTF8.self) == expected)
        #expect(file.bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        #expect(file.rows == 11)
        #expect(file.sha256 == SHA256.hex(file.bytes))
        #expect(file.format == .csv && file.language == .zh)
    }

    @Test func englishHeadersNamesAndNotes() throws {
        let (config, result) = try ExportFixtures.worked()
        let text = SubsidyExport(config: config, result: result, language: .en).csv().bytes
        let lines = String(decoding: text.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(
            lines[0]
                == "No.,USCC,Enterprise,District,Program,Policy basis,Requested (yuan),Granted (yuan),Notes")
        #expect(
            lines[4]
                == "4,91330205MA000003XN,宁波江北电器有限公司,Jiangbei,CNAS lab accreditation,"
                + "《鄞州区经济发展政策实施细则》第十三条,150000.00,31250.00,Enterprise cap; Overall budget")
        #expect(lines[12] == "Total,,,,,,1240000.00,600000.00,")
        #expect(lines[13] == "")
        #expect(lines.count == 14)
    }

    @Test func formulaTriggersAreNeutralizedAndQuotingFollowsRFC4180() throws {
        let (config, result) = try ExportFixtures.injection()
        let text = String(decoding: SubsidyExport(config: config, result: result).csv().bytes, as: UTF8.self)
        let tail = ",鄞州区,市级出口质量奖,《鄞州区经济发展政策实施细则》第十二条第二款,100000.00,"
        let note = ",总预算按比例核减\r\n"
        // 11 awards of 100,000 yuan under a 600,000 budget: 54,545.45 each and the 5 fen left over
        // to the first five USCCs (equal remainders).
        #expect(text.contains("1,91330212MA000100XY,'=1+1\(tail)54545.46\(note)"))
        #expect(text.contains("2,91330212MA000101X0,'+1\(tail)54545.46\(note)"))
        #expect(text.contains("3,91330212MA000102X1,'-1\(tail)54545.46\(note)"))
        #expect(text.contains("4,91330212MA000103X2,'@SUM(A1)\(tail)54545.46\(note)"))
        #expect(text.contains("5,91330212MA000104X3,'\tx\(tail)54545.46\(note)"))
        #expect(text.contains("6,91330212MA000105X4,\"'\rx\"\(tail)54545.45\(note)"))
        #expect(text.contains("7,91330212MA000106X5,\"宁波\"\"甬江\"\",贸易有限公司\"\(tail)54545.45\(note)"))
        #expect(
            text.contains(
                "8,91330212MA000107X6,\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"点击\"\")\"\(tail)54545.45\(note)"))
        #expect(text.contains("9,91330212MA000108X7,\"宁波换行\n有限公司\"\(tail)54545.45\(note)"))
        // CSV has no `_xHHHH_` escapes: the text stays as sent.
        #expect(text.contains("10,91330212MA000109X8,_x003D_1+1\(tail)54545.45\(note)"))
        #expect(text.contains("11,91330212MA000110XL,宁波甬江正常贸易有限公司\(tail)54545.45\(note)"))
        #expect(text.hasSuffix("合计,,,,,,1100000.00,600000.00,\r\n"))
    }

    @Test func fieldQuoting() {
        var w = CSVWriter(byteOrderMark: false)
        w.row(["plain", "a,b", "say \"hi\"", "cr\rx", "lf\nx", "", "中文"])
        #expect(w.string == "plain,\"a,b\",\"say \"\"hi\"\"\",\"cr\rx\",\"lf\nx\",,中文\r\n")
    }

    @Test func sanitizerCorpus() {
        let cases: [(String, String)] = [
            ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
            ("\rx", "'\rx"), ("宁波,\"x\"", "宁波,\"x\""), ("", ""), ("a=b", "a=b"), ("'=x", "'=x"),
            ("＝1", "＝1"),
        ]
        for (input, output) in cases {
            #expect(CellSanitizer.neutralize(input) == output, "\(input.debugDescription)")
            #expect(CellSanitizer.needsNeutralizing(input) == (input != output))
        }
    }

    @Test func policyBasisFromConfigIsNeutralizedToo() throws {
        var (config, result) = try ExportFixtures.worked()
        config.subsidies.programs[1].basis = "=cmd|' /C calc'!A0"
        let text = String(decoding: SubsidyExport(config: config, result: result).csv().bytes, as: UTF8.self)
        #expect(text.contains(",市级出口质量奖,'=cmd|' /C calc'!A0,100000.00,62500.00,"))
    }
}
