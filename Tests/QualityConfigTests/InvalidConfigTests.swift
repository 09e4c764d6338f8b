import Foundation
import QualityConfig
import QualityCore
import Testing

/// Invalid top-level, source, subsidy, expression, service and YAML problems: each case asserts
/// every error, its exact text, line and column. Appended sections start at line 24.
@Suite struct InvalidConfigTests {
    static let digest = String(repeating: "ab", count: 32)

    /// A source appended after the base, at lines 24–27, with `extra` lines from line 28.
    static func source(_ extra: String) -> String {
        Base.appending(
            """
            sources:
              - id: a
                url: "http://127.0.0.1:9471/a"
                key: uscc
            \(extra)
            """)
    }

    static func program(_ lines: String) -> String {
        Base.appending(
            """
            subsidies:
              programs:
                - id: lab
                  when: "cnas_labs_new > 0"
            \(lines)
            """)
    }

    static let cases: [InvalidCase] = [
        InvalidCase(
            "unsupportedVersion", Base.replacing(1, with: "version: 2"),
            Expected(1, 10, "version", "unsupported version 2; only version 1 exists")),
        InvalidCase(
            "currentPeriodOfTheWrongKind", Base.replacing(2, with: "period: year\ncurrent_period: 2025Q3"),
            Expected(3, 17, "current_period", "current_period 2025Q3 is a quarter, but period is year")),
        InvalidCase(
            "malformedCurrentPeriod", Base.replacing(2, with: "period: quarter\ncurrent_period: 2025Q5"),
            Expected(
                3, 17, "current_period",
                "expected auto or a period such as 2025, 2025Q3 or 2025-07 (found '2025Q5')")),
        InvalidCase(
            "unknownTimeZone", Base.appending("timezone: Asia/Shanghia\n"),
            Expected(
                24, 11, "timezone", "unknown time zone 'Asia/Shanghia'; use an IANA name such as Asia/Shanghai")),
        InvalidCase(
            "duplicateDistrictCode", Base.replacing(5, with: "  - { code: \"330203\", name: 鄞州区 }"),
            Expected(5, 13, "districts[1].code", "duplicate code '330203' (first at line 4)")),
        InvalidCase(
            "unsetEnvironmentVariable", Base.appending("server:\n  listen: \"${LISTEN}\"\n"),
            Expected(
                25, 11, "server.listen",
                "environment variable 'LISTEN' is not set (write ${LISTEN:-default} for a fallback)")),
        InvalidCase(
            "listenIsNotHostAndPort", Base.appending("server:\n  listen: localhost\n"),
            Expected(25, 11, "server.listen", "expected host:port such as 127.0.0.1:9470 (found 'localhost')")),
        InvalidCase(
            "negativeBudget", Base.appending("subsidies:\n  budget_yuan: -5\n"),
            Expected(25, 16, "subsidies.budget_yuan", "must not be negative (found -5)")),
        InvalidCase(
            "negativeAmount", Self.program("      amount_yuan: -100\n"),
            Expected(28, 20, "subsidies.programs[0].amount_yuan", "must not be negative (found -100)")),
        InvalidCase(
            "oncePerYearsNeedsYearPeriods",
            Self.program("      amount_yuan: 1000\n      once_per_years: 3\n")
                .replacingOccurrences(of: "period: year", with: "period: quarter"),
            Expected(
                29, 23, "subsidies.programs[0].once_per_years",
                "once_per_years needs period: year (period is quarter)")),
        InvalidCase(
            "oncePerYearsAtLeastOne", Self.program("      amount_yuan: 1000\n      once_per_years: 0\n"),
            Expected(29, 23, "subsidies.programs[0].once_per_years", "once_per_years must be at least 1 (found 0)")),
        InvalidCase(
            "factFromTwoSources",
            Self.source(
                """
                    fields: { passed: ok_count, sampled: n }
                  - id: b
                    url: "http://127.0.0.1:9471/b"
                    key: uscc
                    fields:
                      passed: passed

                """),
            Expected(33, 7, "sources[1].fields.passed", "fact 'passed' is already provided by source 'a'")),
        InvalidCase(
            "badDuration", Self.source("    interval: 15 minutes\n"),
            Expected(
                28, 15, "sources[0].interval",
                "expected a duration such as 10s, 15m, 1h30m or 500ms (found '15 minutes')")),
        InvalidCase(
            "badSize", Self.source("    max_bytes: lots\n"),
            Expected(
                28, 16, "sources[0].max_bytes", "expected a size such as 64MiB, 512KiB, 1GB or 1000 (found 'lots')")),
        InvalidCase(
            "urlSchemeMustBeKnown",
            Self.source("").replacingOccurrences(of: "http://127.0.0.1:9471/a", with: "gopher://bureau/a"),
            Expected(
                26, 10, "sources[0].url",
                "url must start with http://, https://, sftp://, ftp://, ftps:// or file://")),
        InvalidCase(
            "recordsOnlyForJSON", Self.source("    format: csv\n    records: data.items\n"),
            Expected(29, 14, "sources[0].records", "records applies only to format: json")),
        InvalidCase(
            "paginationSizeAndRetries", Self.source("    pagination: { size: 0 }\n    retries: -1\n"),
            Expected(28, 25, "sources[0].pagination.size", "size must be at least 1 (found 0)"),
            Expected(29, 14, "sources[0].retries", "retries must not be negative (found -1)")),
        InvalidCase(
            "checkReadsAFieldTheSourceDoesNotHave",
            Self.source("    fields: { passed: p, sampled: s }\n    checks: [ \"passed <= sampeld\" ]\n"),
            Expected(
                29, 26, "sources[0].checks[0]", "'sampeld' is not a field of this source; did you mean 'sampled'?")),
        InvalidCase(
            "payoutSourceNeedsItsFields",
            Self.source("    entity: payout\n    fields: { program: p, year: y, amount: a }\n"),
            Expected(29, 13, "sources[0].fields", "a payout source needs the fields granted_fen"),
            Expected(
                29, 36, "sources[0].fields.amount", "a payout source provides only program, year and granted_fen")),
        InvalidCase(
            "expressionSyntaxErrorColumnInsideTheQuotes",
            Base.replacing(10, with: "    value: \"sum(passed) / * 100\""),
            Expected(10, 27, "indicators[0].value", "unexpected '*'")),
        InvalidCase(
            "unknownFunction", Base.replacing(10, with: "    value: \"summ(passed)\""),
            Expected(10, 13, "indicators[0].value", "unknown function 'summ'")),
        InvalidCase(
            "minWithTwoArguments", Base.replacing(10, with: "    value: \"min(passed, sampled)\""),
            Expected(
                10, 13, "indicators[0].value",
                "min is an aggregate and takes one argument; use least(a, b, …) for scalars")),
        InvalidCase(
            "aggregateInEligibility",
            Base.appending("subsidies:\n  eligibility:\n    - { id: big, when: \"sum(export_value) > 0\" }\n"),
            Expected(
                26, 25, "subsidies.eligibility[0].when",
                "aggregate 'sum' is allowed only in district context (indicators, bonus, penalties, veto)")),
        InvalidCase(
            "listLiteralWithANumber",
            Base.appending(
                "subsidies:\n  eligibility:\n    - { id: ind, when: 'industry in [\"textile\", 3]' }\n"),
            Expected(26, 49, "subsidies.eligibility[0].when", "a list literal holds only strings, found number 3.0")),
        InvalidCase(
            "badRole", Base.appending("auth:\n  tokens:\n    - { name: ops, role: root, sha256: \(Self.digest) }\n"),
            Expected(26, 26, "auth.tokens[0].role", "expected one of: viewer, finance, admin (found 'root')")),
        InvalidCase(
            "badSHA256", Base.appending("auth:\n  tokens:\n    - { name: ops, role: admin, sha256: ABC }\n"),
            Expected(
                26, 41, "auth.tokens[0].sha256",
                "expected 64 lowercase hexadecimal digits (the SHA-256 of the token)")),
        InvalidCase(
            "yamlSyntaxError", Base.replacing(4, with: "  - { code: \"330203\", name: { zh: 海曙区, en: Haishu }"),
            Expected(
                5, 3, "",
                "invalid YAML: did not find expected ',' or '}' (while parsing a flow mapping at line 4, column 5)")),
    ]

    @Test(arguments: cases) func reportsEveryError(_ c: InvalidCase) {
        #expect(errors(c.yaml) == c.expected)
    }

    @Test func invalidUTF8() {
        var bytes = Array(Base.text.utf8)
        bytes.insert(0xFF, at: 19)  // line 2 is "period: year": the bad byte goes before "year"
        #expect {
            _ = try ConfigLoader.load(bytes: bytes, file: "test.yaml", environment: [:])
        } throws: { error in
            (error as? ConfigErrors)?.issues.map(Expected.init) == [
                Expected(2, 9, "", "invalid UTF-8 (byte 0xFF); save the file as UTF-8")
            ]
        }
    }

    /// One file with many problems in different sections: all are reported, in file order.
    @Test func everyErrorIsReportedAtOnce() {
        var yaml = Base.replacing(12, with: "    direction: down")
        yaml = yaml.replacingOccurrences(of: "weight: 40", with: "weight: 30")
        yaml = yaml.replacingOccurrences(of: "\"sum(passed) / sum(sampled) * 100\"", with: "\"sum(passed) /\"")
        yaml +=
            "subsidies:\n  budget_yuan: -1\n  programs:\n    - { id: p, when: \"true\", amount_yuan: \"${AMOUNT}\" }\n"
        yaml += "metrics: { enterprise_series: maybe }\n"
        #expect(
            errors(yaml) == [
                Expected(10, 26, "indicators[0].value", "unexpected end of expression"),
                Expected(12, 16, "indicators[1].direction", "expected one of: higher, lower (found 'down')"),
                Expected(15, 10, "scoring.total", "indicator weights add up to 90, but total is 100"),
                Expected(25, 16, "subsidies.budget_yuan", "must not be negative (found -1)"),
                Expected(
                    27, 43, "subsidies.programs[0].amount_yuan",
                    "environment variable 'AMOUNT' is not set (write ${AMOUNT:-default} for a fallback)"),
                Expected(28, 31, "metrics.enterprise_series", "expected true or false (found 'maybe')"),
            ])
    }
}
