import QualityCore
import QualityIngest
import QualityRecords
import Testing

@Suite struct CombinerTests {
    static let a = "91330203MA000001XP"
    static let b = "91330203MA000002XQ"

    /// Every combine mode over the same records, values absent in some of them.
    @Test func combineModes() throws {
        let modes: [Combine] = [.sum, .min, .max, .first, .last, .count, .set]
        let fields = modes.map { Make.field($0.rawValue, path: "v", type: $0 == .set ? .string : nil, combine: $0) }
        let source = Make.source("c", url: "http://x", fields: fields)
        let v = try Make.validate(
            #"""
            [
              {"uscc": "\#(Self.b)", "v": null},
              {"uscc": "\#(Self.a)", "v": 5},
              {"uscc": "\#(Self.a)"},
              {"uscc": "\#(Self.a)", "v": "2"},
              {"uscc": "\#(Self.a)", "v": 9},
              {"uscc": "\#(Self.a)", "v": "5"}
            ]
            """#, source)
        #expect(v.rejected.isEmpty)
        let data = v.finish(period: "2025")
        #expect(data.keys == [Self.a, Self.b])
        func fact(_ key: String, _ mode: Combine) -> Value { data.value(key: key, fact: mode.rawValue) }
        #expect(fact(Self.a, .sum) == .number(21))
        #expect(fact(Self.a, .min) == .number(2))
        #expect(fact(Self.a, .max) == .number(9))
        // first/last keep the JSON type: the first present value is the number 5, the last the string "5".
        #expect(fact(Self.a, .first) == .number(5))
        #expect(fact(Self.a, .last) == .string("5"))
        #expect(fact(Self.a, .count) == .number(5))
        #expect(fact(Self.a, .set) == .set(StringSet(["2", "5", "9"])))
        // b has one accepted record without a value: no sum/min/max/first/last, a count, an empty set.
        for mode in [Combine.sum, .min, .max, .first, .last] { #expect(fact(Self.b, mode) == .missing) }
        #expect(fact(Self.b, .count) == .number(1))
        #expect(fact(Self.b, .set) == .set(StringSet([])))
    }

    @Test func combineAcrossPagesInRecordOrder() throws {
        let source = Make.source(
            "c", url: "http://x", fields: [Make.field("name"), Make.field("first_name", path: "name", combine: .first)])
        let plan = try SourcePlan(source: source, districts: [])
        var v = RecordValidator(plan: plan)
        v.consume(.json(try PageDecoder.parseJSON(Array(#"[{"uscc": "\#(Self.a)", "name": "甲"}]"#.utf8), records: nil)))
        v.consume(.json(try PageDecoder.parseJSON(Array(#"[{"uscc": "\#(Self.a)", "name": "乙"}]"#.utf8), records: nil)))
        let data = v.finish(period: "2025")
        #expect(data.value(key: Self.a, fact: "name") == .string("乙"))
        #expect(data.value(key: Self.a, fact: "first_name") == .string("甲"))
    }

    @Test func csvValuesAreStringsAndEmptyNumbersAbsent() throws {
        var source = Make.source(
            "c", url: "http://x",
            fields: [
                Make.field("label"), Make.field("amount", type: .number, combine: .sum), Make.field("ok", type: .bool),
            ])
        source.format = .csv
        let plan = try SourcePlan(source: source, districts: [])
        var v = RecordValidator(plan: plan)
        let csv = "uscc,label,amount,ok\n\(Self.a),12,  ,true\n\(Self.a),13,2.5,false\n\(Self.a),,1\n"
        v.consume(.csv(try CSVParser.parse(Array(csv.utf8))))
        #expect(v.rejected.isEmpty)
        let data = v.finish(period: "2025")
        // An empty CSV cell is an empty string: `last` keeps it.
        #expect(data.value(key: Self.a, fact: "label") == .string(""))
        #expect(data.value(key: Self.a, fact: "amount") == .number(3.5))
        #expect(data.value(key: Self.a, fact: "ok") == .bool(false))
    }

    @Test func setsFromMappedValuesAreSortedAndDistinct() throws {
        let source = Make.source(
            "c", url: "http://x",
            fields: [Make.field("awards", combine: .set, map: [("甲", .string("z_award")), ("乙", .string("a_award"))])])
        let v = try Make.validate(
            #"[{"uscc": "\#(Self.a)", "awards": "甲"}, {"uscc": "\#(Self.a)", "awards": "乙"}, {"uscc": "\#(Self.a)", "awards": "甲"}]"#,
            source)
        #expect(v.finish(period: "2025").value(key: Self.a, fact: "awards") == .set(StringSet(["a_award", "z_award"])))
    }
}

@Suite struct FieldConverterTests {
    @Test(arguments: [
        ("12", 12.0), (" -3.5 ", -3.5), ("+4", 4.0), ("1e3", 1000.0), (".5", 0.5), ("0012", 12.0),
        ("123456789012345678", 123_456_789_012_345_678.0),
    ])
    func decimalNumbers(text: String, value: Double) {
        #expect(FieldConverter.convert(.string(text), kind: .number) == .value(.number(value)))
    }

    @Test(arguments: ["abc", "1,000", "0x10", "inf", "nan", "1e", "--1", "1.2.3", "¥12", "1e999"])
    func notDecimalNumbers(text: String) {
        #expect(FieldConverter.convert(.string(text), kind: .number) == .reject(.type))
    }

    @Test func absentNullAndEmptyNumbers() {
        #expect(FieldConverter.convert(nil, kind: .number) == .absent)
        #expect(FieldConverter.convert(.null, kind: .string) == .absent)
        #expect(FieldConverter.convert(.string("  "), kind: .number) == .absent)
        #expect(FieldConverter.convert(.string(""), kind: .string) == .value(.string("")))
        #expect(FieldConverter.convert(.string(""), kind: .bool) == .reject(.type))
    }

    @Test func stringsFromScalarsAndKeepingJSONTypes() {
        #expect(FieldConverter.convert(.number(12), kind: .string) == .value(.string("12")))
        #expect(FieldConverter.convert(.number(12.25), kind: .string) == .value(.string("12.25")))
        #expect(FieldConverter.convert(.bool(true), kind: .string) == .value(.string("true")))
        #expect(FieldConverter.convert(.bool(true), kind: nil) == .value(.bool(true)))
        #expect(
            FieldConverter.convert(.array([.string("b"), .string("a")]), kind: nil)
                == .value(.set(StringSet(["a", "b"]))))
        #expect(FieldConverter.convert(.object(JSONObject()), kind: nil) == .reject(.type))
    }

    @Test func mapThenConvertThenRange() {
        let map: [String: Value] = ["合格": .number(1), "不合格": .number(0), "2": .string("20")]
        #expect(FieldConverter.convert(.string("不合格"), kind: nil, map: map) == .value(.number(0)))
        #expect(FieldConverter.convert(.number(2), kind: .number, map: map) == .value(.number(20)))
        #expect(FieldConverter.convert(.number(2), kind: .number, map: map, max: 10) == .reject(.range))
        #expect(FieldConverter.convert(.string("合格 "), kind: nil, map: map) == .reject(.unmappedValue))
    }
}
