import QualityCore
import QualityIngest
import QualityRecords
import Testing

@Suite struct CSVParserTests {
    /// Doubled quotes, CRLF and a BOM; line feeds, blank lines and empty quoted fields.
    @Test(arguments: [
        (
            "csv/utf8-bom-crlf.csv", ["uscc", "name", "note"],
            [
                ["91330203MA000001XP", "宁波\"海曙\"织造, 有限公司", "line one\r\nline two"],
                ["91330205MA000003XN", "宁波江北电器有限公司", ""],
            ]
        ),
        (
            "csv/utf8-lf.csv", ["uscc", "name", "amount"],
            [
                ["91330212MA000005XW", "宁波鄞州时尚服装有限公司", " 12.5 "],
                ["91330212MA000006XX", "", ""],
            ]
        ),
    ])
    func parsesTheFixture(file: String, header: [String], rows: [[String]]) throws {
        let table = try CSVParser.parse(try Fixture.bytes(file))
        #expect(table.header == header)
        #expect(table.rows == rows)
    }

    @Test func shortRowsAndNoTrailingNewline() throws {
        let table = try CSVParser.parse(Array("a,b,c\n1,2\n\"x\",\"y\"\"\",z".utf8))
        #expect(table.rows == [["1", "2"], ["x", "y\"", "z"]])
    }

    @Test func emptyBodyHasNoHeader() throws {
        #expect(try CSVParser.parse([]) == CSVTable(header: [], rows: []))
        #expect(try CSVParser.parse(Array("a,b\r\n".utf8)) == CSVTable(header: ["a", "b"], rows: []))
    }

    @Test(arguments: [
        ("a,b\n\"open,1\n", 2, "unterminated quoted field"),
        ("a,b\n\"x\"y,1\n", 2, "unexpected character after a closing quote"),
        ("a,b\n\n1,x\"y\n", 3, "a quote inside an unquoted field"),
    ])
    func malformedCSVNamesTheLine(text: String, line: Int, message: String) {
        #expect(throws: CSVError(line: line, message: message)) { try CSVParser.parse(Array(text.utf8)) }
    }

    @Test func gb18030RoundTripsChineseNames() throws {
        // The fixture was written with `iconv -t GB18030`; it includes four-byte sequences (𠀀𪚥).
        let raw = try Fixture.bytes("csv/gb18030.csv")
        let table = try PageDecoder.parseCSV(raw, encoding: .gb18030)
        #expect(table.header == ["统一社会信用代码", "企业名称", "荣誉名称"])
        #expect(table.rows.map { $0[1] } == ["宁波鄞州时尚服装有限公司", "宁波鄞州\"精密\"轴承, 有限公司", "𠀀𪚥测试企业"])
        #expect(table.rows.map { $0[2] } == ["中国出口质量安全示范企业", "市级出口质量奖", "省级名牌产品"])
        // And back: the UTF-8 text encodes to the same GB18030 bytes.
        let utf8 = try TextDecoding.utf8(raw, encoding: .gb18030)
        #expect(try TextDecoding.convert(utf8, from: "UTF-8", to: "GB18030") == raw)
    }

    @Test func workedExampleAwardsCSV() throws {
        let table = try PageDecoder.parseCSV(try Fixture.bytes("ingest/bodies/scj_awards.1.csv"), encoding: .gb18030)
        #expect(table.header == ["统一社会信用代码", "荣誉名称", "年度"])
        #expect(table.rows.count == 7)
        #expect(table.rows[5] == ["91330212MA000006XX", "省级名牌产品", "2025"])
    }
}

@Suite struct TextDecodingTests {
    @Test func utf8BOMIsDropped() throws {
        #expect(try TextDecoding.utf8([0xEF, 0xBB, 0xBF, 0x61], encoding: .utf8) == [0x61])
        #expect(try TextDecoding.utf8(Array("质量".utf8), encoding: .utf8) == Array("质量".utf8))
    }

    @Test func invalidUTF8IsAnError() {
        #expect(throws: TextDecodingError("invalid UTF-8", offset: 1)) {
            try TextDecoding.utf8([0x61, 0xC3, 0x28], encoding: .utf8)
        }
    }

    @Test func gb18030BOMAndInvalidSequences() throws {
        #expect(try TextDecoding.utf8([0x84, 0x31, 0x95, 0x33, 0xD6, 0xD0], encoding: .gb18030) == Array("中".utf8))
        // 0xFF never starts a GB18030 sequence; a lone lead byte at the end is incomplete.
        #expect(throws: TextDecodingError.self) { try TextDecoding.utf8([0x61, 0xFF, 0x62], encoding: .gb18030) }
        #expect(throws: TextDecodingError.self) { try TextDecoding.utf8([0x61, 0xD6], encoding: .gb18030) }
    }

    @Test func gb18030BadCSVIsADecodeError() {
        #expect(throws: FetchError.self) { try PageDecoder.parseCSV([0x61, 0x0A, 0xFF, 0x30], encoding: .gb18030) }
        do {
            _ = try PageDecoder.parseCSV([0x61, 0x0A, 0xFF, 0x30], encoding: .gb18030)
        } catch {
            #expect(error.result == .decodeError)
        }
    }
}
