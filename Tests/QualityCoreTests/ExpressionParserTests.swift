import Testing

@testable import QualityCore

/// The grammar of docs/SEMANTICS.md §4 and its errors, each with the exact column and message.
@Suite struct ExpressionParserTests {
    struct Failure: Sendable, CustomStringConvertible {
        var text: String
        var scope: ExpressionScope = .district
        var column: Int
        var message: String

        var description: String { text }
    }

    static let failures: [Failure] = [
        Failure(text: "x == \"abc", column: 6, message: "unterminated string"),
        Failure(text: "1 + * 2", column: 5, message: "unexpected '*'"),
        Failure(text: "(1 + 2", column: 7, message: "expected ')' to close '(' at column 1, found end of expression"),
        Failure(text: "least(1 2)", column: 9, message: "expected ')' after the arguments, found number 2.0"),
        Failure(text: "foo(1) > 0", column: 1, message: "unknown function 'foo'"),
        Failure(
            text: "least(1, min(a, b))", column: 10,
            message: "min is an aggregate and takes one argument; use least(a, b, …) for scalars"
        ),
        Failure(
            text: "max(a, b)", scope: .enterprise, column: 1,
            message: "max is an aggregate and takes one argument; use greatest(a, b, …) for scalars"
        ),
        Failure(
            text: "sum(x) > 0", scope: .enterprise, column: 1,
            message: "aggregate 'sum' is allowed only in district context (indicators, bonus, penalties, veto)"
        ),
        Failure(
            text: "1 + max(x)", scope: .enterprise, column: 5,
            message:
                "aggregate 'max' is allowed only in district context (indicators, bonus, penalties, veto); use greatest for scalars"
        ),
        Failure(
            text: "count() > 0", scope: .record, column: 1,
            message: "aggregate 'count' is allowed only in district context (indicators, bonus, penalties, veto)"
        ),
        // An aggregate's argument is enterprise context, where aggregates cannot appear.
        Failure(
            text: "sum(count())", column: 5,
            message: "aggregate 'count' is allowed only in district context (indicators, bonus, penalties, veto)"
        ),
        Failure(
            text: "\"a\" in [\"b\", 1]", column: 14, message: "a list literal holds only strings, found number 1.0"),
        Failure(text: "[\"a\",]", column: 6, message: "a list literal holds only strings, found ']'"),
        Failure(
            text: "[\"a\" \"b\"]", column: 6,
            message: "expected ']' to close the list at column 1, found string \"b\""
        ),
        Failure(text: "a < b < c", column: 7, message: "comparisons do not chain; combine them with && or ||"),
        Failure(text: "a in b == c", column: 8, message: "comparisons do not chain; combine them with && or ||"),
        Failure(text: "a == b in c", column: 8, message: "comparisons do not chain; combine them with && or ||"),
        Failure(text: "a = 1", column: 3, message: "unexpected '='; use '==' to compare"),
        Failure(text: "a & b", column: 3, message: "unexpected '&'; use '&&'"),
        Failure(text: "a | b", column: 3, message: "unexpected '|'; use '||'"),
        Failure(text: "a # b", column: 3, message: "unexpected character '#'"),
        Failure(text: "'a'", column: 1, message: "strings are written in double quotes"),
        Failure(text: "\"a\\x\"", column: 3, message: "unknown escape in string; only \\\" and \\\\ are allowed"),
        Failure(text: "1e", column: 2, message: "malformed number: exponent needs digits"),
        Failure(text: "1e+", column: 2, message: "malformed number: exponent needs digits"),
        Failure(text: "3x", column: 2, message: "unexpected 'x' after number"),
        Failure(text: "", column: 1, message: "empty expression"),
        Failure(text: "   ", column: 1, message: "empty expression"),
        Failure(text: "1 2", column: 3, message: "unexpected number 2.0 after the expression"),
        Failure(text: "a)", column: 2, message: "unexpected ')' after the expression"),
        Failure(text: "x in", column: 5, message: "unexpected end of expression"),
        Failure(text: "in x", column: 1, message: "'in' needs a value on its left"),
        Failure(text: "foo(", column: 5, message: "unexpected end of expression"),
        Failure(
            text: "round(1, 2, 3)", column: 1, message: "round takes one or two arguments: round(x) or round(x, digits)"
        ),
        Failure(text: "count(a, b)", column: 1, message: "count takes no argument or one condition"),
        Failure(text: "abs()", column: 1, message: "abs takes one argument"),
        Failure(text: "least()", column: 1, message: "least needs at least one argument"),
        Failure(text: "sum()", column: 1, message: "sum takes one argument"),
        // Columns count Unicode scalars, so Chinese text before the error moves it by one per character.
        Failure(text: "\"质量\" == x +", column: 12, message: "unexpected end of expression"),
        Failure(text: "名称 & x", column: 4, message: "unexpected '&'; use '&&'"),
        Failure(text: "\"质量\" == 'x'", column: 9, message: "strings are written in double quotes"),
        Failure(
            text: "\"质量\" in [\"品牌\", 3]", column: 16, message: "a list literal holds only strings, found number 3.0"),
    ]

    @Test(arguments: failures)
    func parseError(_ failure: Failure) {
        let error = expressionError(failure.text, scope: failure.scope)
        #expect(error == ExpressionError(column: failure.column, message: failure.message))
    }

    @Test func nestingTooDeepIsRefused() {
        let deep = String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300)
        #expect(expressionError(deep)?.message == "expression nested too deeply")
        let fine = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        #expect(expressionError(fine) == nil)
    }

    @Test func aggregatesAreAllowedInDistrictContexts() {
        for scope in [ExpressionScope.district, .districtWithIndicators] {
            #expect(expressionError("sum(a) + avg(b) + min(c) + max(d) + count() + count(e > 1)", scope: scope) == nil)
        }
        #expect(
            expressionError("least(a, b) + greatest(a) + abs(a) + round(a) + round(a, 2)", scope: .enterprise) == nil)
    }

    static let trees: [(String, ExpressionSyntax)] = [
        ("12", .number(12)), ("0.5", .number(0.5)), ("1e6", .number(1_000_000)), ("2.5E-3", .number(0.0025)),
        ("\"a\\\"b\\\\c\"", .string("a\"b\\c")), ("true", .bool(true)), ("false", .bool(false)),
        ("[]", .list([])), ("[\"b\", \"a\"]", .list(["b", "a"])),
        (
            "a - b - c",
            .binary(
                .subtract, .binary(.subtract, .identifier("a", column: 1), .identifier("b", column: 5)),
                .identifier("c", column: 9))
        ),
        ("-a * b", .binary(.multiply, .negate(.identifier("a", column: 2)), .identifier("b", column: 6))),
        ("!a == b", .not(.binary(.equal, .identifier("a", column: 2), .identifier("b", column: 7)))),
        (
            "a || b && c",
            .binary(
                .or, .identifier("a", column: 1),
                .binary(.and, .identifier("b", column: 6), .identifier("c", column: 11)))
        ),
        ("x in y", .binary(.isIn, .identifier("x", column: 1), .identifier("y", column: 6))),
        (
            "a + b in c",
            .binary(
                .isIn, .binary(.add, .identifier("a", column: 1), .identifier("b", column: 5)),
                .identifier("c", column: 10))
        ),
        ("count()", .call("count", [], column: 1)),
        ("质量_1", .identifier("质量_1", column: 1)),
    ]

    @Test(arguments: trees)
    func syntaxTree(_ text: String, _ expected: ExpressionSyntax) throws {
        #expect(try ExpressionParser.parse(text) == expected)
    }

    @Test func factReadsSplitDistrictAndEnterprise() throws {
        let district = try Expression("sum(a) + b * count(c > d)", scope: .district).factReads
        #expect(district.district == ["b"])
        #expect(district.enterprise == ["a", "c", "d"])
        let enterprise = try Expression("a + least(b, c)", scope: .enterprise).factReads
        #expect(enterprise.district == [])
        #expect(enterprise.enterprise == ["a", "b", "c"])
    }

    @Test func configErrorsNameEveryExpressionWithItsPlace() {
        var config = Config()
        config.districts = [District(code: "330212", name: text("鄞州区"))]
        let at = SourceLocation(file: "c.yaml", line: 10, column: 12)
        config.indicators = [Indicator(id: "x", name: text("x"), value: ExpressionSource("sum(x", location: at))]
        config.subsidies.programs = [
            Program(id: "p0", name: text("p0"), when: "true", amountYuan: "1"),
            Program(
                id: "p1", name: text("p1"), when: "true",
                amountYuan: ExpressionSource("sum(x)", location: SourceLocation(file: "c.yaml", line: 30, column: 20))
            ),
        ]
        #expect {
            _ = try AssessmentModel(config: config)
        } throws: { error in
            guard let errors = error as? ConfigErrors else { return false }
            return errors.issues.map(\.description) == [
                "c.yaml:10:17: indicators[0].value: expected ')' after the arguments, found end of expression",
                "c.yaml:30:20: subsidies.programs[1].amount_yuan: aggregate 'sum' is allowed only in district context"
                    + " (indicators, bonus, penalties, veto)",
            ]
        }
    }
}
