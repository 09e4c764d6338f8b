import QualityCore
import QualityIngest
import QualityRecords
import Testing

/// One test per reject reason of docs/SEMANTICS.md §9, each with the record next to a good one.
@Suite struct RecordValidatorTests {
    static let good = "91330203MA000001XP"

    func sampling(checks: [ExpressionSource] = [], idField: String? = nil) -> SourceConfig {
        var source = Make.source(
            "s", url: "http://x", records: "items",
            fields: [
                Make.field("sampled", type: .number, combine: .sum, min: 0),
                Make.field("passed", type: .number, combine: .sum, min: 0, max: 1000),
            ])
        source.checks = checks
        source.idField = idField
        return source
    }

    @Test func missingKey() throws {
        let v = try Make.validate(
            #"{"items": [{"sampled": 1}, {"uscc": "  ", "sampled": 1}, {"uscc": null}, {"uscc": "\#(Self.good)"}, 7]}"#,
            sampling())
        #expect(v.rejected == [.missingKey: 4])
        #expect(v.accepted == 1)
    }

    @Test func invalidUSCCAfterTrimAndUpperCase() throws {
        let v = try Make.validate(
            #"{"items": [{"uscc": " 91330203ma000001xp "}, {"uscc": "91330203MA000001X0"}, {"uscc": "ABC"}]}"#,
            sampling())
        #expect(v.rejected == [.invalidUSCC: 2])
        #expect(v.finish(period: "2025").keys == [Self.good])
    }

    @Test func unknownDistrict() throws {
        let source = Make.source(
            "d", url: "http://x", entity: .district, key: "code", fields: [Make.field("major_incidents", type: .number)]
        )
        let v = try Make.validate(#"[{"code": "330299"}, {"code": 330203, "major_incidents": "2"}]"#, source)
        #expect(v.rejected == [.unknownDistrict: 1])
        let data = v.finish(period: "2025")
        #expect(data.keys == ["330203"])
        #expect(data.value(key: "330203", fact: "major_incidents") == .number(2))
    }

    @Test func duplicateIDsCountEvenWhenTheFirstWasRejected() throws {
        let v = try Make.validate(
            #"""
            {"items": [
              {"uscc": "\#(Self.good)", "batch": "B1", "sampled": 2, "passed": 1},
              {"uscc": "\#(Self.good)", "batch": "B1", "sampled": 2, "passed": 1},
              {"uscc": "\#(Self.good)", "batch": "B2", "sampled": -1},
              {"uscc": "\#(Self.good)", "batch": "B2", "sampled": 3},
              {"uscc": "bad", "batch": "B3", "sampled": 3},
              {"uscc": "\#(Self.good)", "batch": "B3", "sampled": 3},
              {"uscc": "\#(Self.good)", "sampled": 3}
            ]}
            """#, sampling(idField: "batch"))
        #expect(v.rejected == [.duplicate: 2, .range: 1, .invalidUSCC: 1])
        #expect(v.finish(period: "2025").value(key: Self.good, fact: "sampled") == .number(8))
    }

    @Test func unmappedValue() throws {
        let source = Make.source(
            "a", url: "http://x",
            fields: [Make.field("verdict", path: "result", map: [("合格", .number(1)), ("不合格", .number(0))])])
        let v = try Make.validate(
            #"[{"uscc": "\#(Self.good)", "result": "合格"}, {"uscc": "\#(Self.good)", "result": "待定"}, {"uscc": "\#(Self.good)", "result": 1}]"#,
            source)
        #expect(v.rejected == [.unmappedValue: 2])
        #expect(v.finish(period: "2025").value(key: Self.good, fact: "verdict") == .number(1))
    }

    @Test func typeErrors() throws {
        let source = Make.source(
            "t", url: "http://x",
            fields: [
                Make.field("n", type: .number), Make.field("b", type: .bool), Make.field("s", type: .string),
                Make.field("total", combine: .sum),
            ])
        let records = [
            #"{"uscc": "\#(Self.good)", "n": "abc"}"#, #"{"uscc": "\#(Self.good)", "n": true}"#,
            #"{"uscc": "\#(Self.good)", "n": "0x10"}"#, #"{"uscc": "\#(Self.good)", "b": "yes"}"#,
            #"{"uscc": "\#(Self.good)", "b": 1}"#, #"{"uscc": "\#(Self.good)", "s": {"a": 1}}"#,
            #"{"uscc": "\#(Self.good)", "s": [1]}"#, #"{"uscc": "\#(Self.good)", "total": "1,000"}"#,
            #"{"uscc": "\#(Self.good)", "n": " 12.5 ", "b": "false", "s": 42, "total": "7"}"#,
        ]
        let v = try Make.validate("[\(records.joined(separator: ","))]", source)
        #expect(v.rejected == [.type: 8])
        let data = v.finish(period: "2025")
        #expect(data.value(key: Self.good, fact: "n") == .number(12.5))
        #expect(data.value(key: Self.good, fact: "b") == .bool(false))
        #expect(data.value(key: Self.good, fact: "s") == .string("42"))
        #expect(data.value(key: Self.good, fact: "total") == .number(7))
    }

    @Test func rangeAppliesToMinAndMax() throws {
        let v = try Make.validate(
            #"{"items": [{"uscc": "\#(Self.good)", "sampled": -0.5}, {"uscc": "\#(Self.good)", "passed": 1001}, {"uscc": "\#(Self.good)", "sampled": 0, "passed": 1000}]}"#,
            sampling())
        #expect(v.rejected == [.range: 2])
        #expect(v.accepted == 1)
    }

    @Test func checksOverConvertedValuesMissingOperandFails() throws {
        let v = try Make.validate(
            #"""
            {"items": [
              {"uscc": "\#(Self.good)", "sampled": "5", "passed": "4"},
              {"uscc": "\#(Self.good)", "sampled": 5, "passed": 6},
              {"uscc": "\#(Self.good)", "sampled": 5},
              {"uscc": "\#(Self.good)", "sampled": "", "passed": 1}
            ]}
            """#, sampling(checks: ["passed <= sampled", "sampled > 0 || passed == 0"]))
        #expect(v.rejected == [.check: 3])
        #expect(v.finish(period: "2025").value(key: Self.good, fact: "passed") == .number(4))
    }

    @Test func payoutsNeedProgramYearAndAmount() throws {
        let source = Make.source(
            "p", url: "http://x", entity: .payout, records: "rows",
            fields: [
                Make.field("program"), Make.field("year", type: .number),
                Make.field("granted_fen", path: "amount_fen", type: .number),
            ])
        let v = try Make.validate(
            #"""
            {"rows": [
              {"uscc": "\#(Self.good)", "program": "lab_cnas", "year": 2023, "amount_fen": 15000000},
              {"uscc": "\#(Self.good)", "program": "lab_cnas", "year": 2024},
              {"uscc": "\#(Self.good)", "year": 2024, "amount_fen": 1},
              {"uscc": "\#(Self.good)", "program": "standards", "year": "2024", "amount_fen": null},
              {"uscc": "\#(Self.good)", "program": "standards", "year": 2024.5, "amount_fen": 1},
              {"uscc": " 91330203ma000001xp", "program": "standards", "year": "2024", "amount_fen": "3000000"}
            ]}
            """#, source)
        #expect(v.rejected == [.missingField: 3, .type: 1])
        #expect(
            v.finish(period: "2025").payouts == [
                Payout(uscc: Self.good, program: "lab_cnas", year: 2023, grantedFen: 15_000_000),
                Payout(uscc: Self.good, program: "standards", year: 2024, grantedFen: 3_000_000),
            ])
    }

    @Test func orderOfChecksFirstFailureWins() throws {
        // A record both duplicate and out of range is a duplicate; out of range and failing a check is `range`.
        let v = try Make.validate(
            #"""
            {"items": [
              {"uscc": "\#(Self.good)", "batch": "B1", "sampled": 1, "passed": 1},
              {"uscc": "\#(Self.good)", "batch": "B1", "sampled": -1, "passed": 1},
              {"uscc": "\#(Self.good)", "batch": "B2", "sampled": -1, "passed": 1}
            ]}
            """#, sampling(checks: ["passed <= sampled"], idField: "batch"))
        #expect(v.rejected == [.duplicate: 1, .range: 1])
    }

    @Test func badCheckIsAConfigError() {
        var source = sampling(checks: ["passed <= "])
        source.checks = [ExpressionSource("passed <=", location: SourceLocation(file: "c.yaml", line: 9, column: 14))]
        #expect(throws: ConfigErrors.self) { try SourcePlan(source: source, districts: [], index: 2) }
        do {
            _ = try SourcePlan(source: source, districts: [], index: 2)
        } catch {
            #expect(error.issues.map(\.key) == ["sources[2].checks[0]"])
            #expect(error.issues.first?.location?.line == 9)
        }
    }
}

/// Control characters and bidirectional overrides in bureau text (issue 15): the record is refused.
@Suite struct UnsafeTextTests {
    @Test func recordsWithControlCharactersOrBidiOverridesAreRejected() throws {
        let good = RecordValidatorTests.good
        var source = Make.source(
            "s", url: "http://x", records: "items",
            fields: [Make.field("name", type: .string), Make.field("sampled", type: .number, combine: .sum)])
        source.idField = "batch"
        let names = [
            "ACME\\u0000 Ltd", "ACME\\u001b[31m", "ACME\\u202eoC", "\\u2066ACME\\u2069", "ACME\\u007f", "ACME\\u0085",
            "宁波\\t某某\\n有限公司", "宁波甬江 (ACME) Co.", "‏ACME",
        ]
        let records = names.enumerated().map { i, name in
            #"{"uscc": "\#(good)", "batch": "B\#(i)", "name": "\#(name)", "sampled": 1}"#
        }
        let badID = #"{"uscc": "\#(good)", "batch": "B\u0007", "sampled": 1}"#
        let v = try Make.validate(#"{"items": [\#(records.joined(separator: ",")), \#(badID)]}"#, source)
        let reason = try #require(RejectReason(rawValue: "control_character"))
        #expect(v.rejected == [reason: 7])
        #expect(v.accepted == 3)
    }
}
