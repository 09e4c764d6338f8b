import Foundation
import QualityCore
import Testing

@testable import QualityConfig

@Suite struct DecodingTests {
    @Test func durations() {
        #expect(Quantities.duration("15m") == 900)
        #expect(Quantities.duration("10s") == 10)
        #expect(Quantities.duration("1h") == 3600)
        #expect(Quantities.duration("500ms") == 0.5)
        #expect(Quantities.duration("1h30m") == 5400)
        #expect(Quantities.duration("1.5s") == 1.5)
        #expect(Quantities.duration("2d") == 172_800)
        for bad in ["", "15", "15 m", "m", "1x", "1h-5m", "ms"] { #expect(Quantities.duration(bad) == nil, "\(bad)") }
    }

    @Test func sizes() {
        #expect(Quantities.size("64MiB") == 67_108_864)
        #expect(Quantities.size("512KiB") == 524_288)
        #expect(Quantities.size("1GB") == 1_000_000_000)
        #expect(Quantities.size("1000") == 1000)
        #expect(Quantities.size("2GiB") == 2_147_483_648)
        #expect(Quantities.size("10 MB") == 10_000_000)
        for bad in ["", "MiB", "64mib", "1TB", "-5"] { #expect(Quantities.size(bad) == nil, "\(bad)") }
    }

    @Test func numbers() {
        #expect(ConfigDecoder.parseNumber("12") == 12)
        #expect(ConfigDecoder.parseNumber("-0.5") == -0.5)
        #expect(ConfigDecoder.parseNumber("1e6") == 1_000_000)
        #expect(ConfigDecoder.parseNumber(".5") == 0.5)
        #expect(ConfigDecoder.parseNumber("+3") == 3)
        for bad in ["", ".", "nan", ".inf", "0x10", "1e", "1-2", "e5", "1 000"] {
            #expect(ConfigDecoder.parseNumber(bad) == nil, "\(bad)")
        }
    }

    @Test func didYouMean() {
        let keys = ["total", "max_total", "missing", "dimensions"]
        #expect(DidYouMean.suggestion(for: "totl", among: keys) == "total")
        #expect(DidYouMean.suggestion(for: "TOTAL", among: keys) == "total")
        #expect(DidYouMean.suggestion(for: "dimension", among: keys) == "dimensions")
        #expect(DidYouMean.suggestion(for: "grades", among: keys) == nil)
        // Two candidates equally close: no guess.
        #expect(DidYouMean.suggestion(for: "ab", among: ["ax", "xb"]) == nil)
    }

    /// Every optional section and source option, decoded to the model.
    @Test func everySection() throws {
        let yaml =
            Base.replacing(2, with: "period: year\ncurrent_period: \"2025\"\ntimezone: UTC") + """
                sources:
                  - id: reg
                    url: "https://bureau.example/reg?p={period}"
                    key: uscc
                    headers: { X-B: "2", Authorization: "Bearer ${T:-x}", X-A: "1" }
                    pagination: { size: 100 }
                    interval: 1h30m
                    timeout: 500ms
                    retries: 0
                    max_bytes: 512KiB
                    fields:
                      passed: p
                      sampled: { combine: count }
                      verdict: { path: result, type: number, map: { 合格: 1, 不合格: 0, 免检: true, 未知: unknown, "2": "two" } }
                      band: { combine: max, min: 0, max: 5 }
                  - id: dist
                    url: "http://b/d"
                    format: csv
                    encoding: gb18030
                    entity: district
                    key: code
                    fields: { passed: passed_batches }
                subsidies:
                  allocation: priority
                  programs:
                    - { id: flat, name: 定额, when: "passed > 0", amount_yuan: 1.5e4, budget_yuan: 0 }
                server: { listen: "[::1]:9000" }
                storage: { postgres: "postgres://q@db/quality" }
                auth:
                  tokens:
                    - { name: ops, role: finance, sha256: \(String(repeating: "0f", count: 32)) }
                metrics: { enterprise_series: true }

                """
        let c = try load(yaml).config
        #expect(c.currentPeriod == .fixed(Period(year: 2025)))
        #expect(c.timezone == "UTC")
        let reg = c.sources[0]
        #expect(
            reg.headers == [
                Header(name: "X-B", value: "2"), Header(name: "Authorization", value: "Bearer x"),
                Header(name: "X-A", value: "1"),
            ])
        #expect(reg.pagination == Pagination(pageParam: "page", sizeParam: "page_size", size: 100))
        #expect(reg.interval == 5400)
        #expect(reg.timeout == 0.5)
        #expect(reg.retries == 0)
        #expect(reg.maxBytes == 524_288)
        #expect(reg.format == .json)
        #expect(reg.fields.map(\.fact) == ["passed", "sampled", "verdict", "band"])
        #expect(reg.fields.map(\.path) == ["p", "sampled", "result", "band"])
        #expect(reg.fields.map(\.combine) == [.last, .count, .last, .max])
        #expect(reg.fields[2].type == .number)
        #expect(
            reg.fields[2].map == [
                MapEntry(from: "合格", to: .number(1)), MapEntry(from: "不合格", to: .number(0)),
                MapEntry(from: "免检", to: .bool(true)), MapEntry(from: "未知", to: .string("unknown")),
                MapEntry(from: "2", to: .string("two")),
            ])
        #expect(reg.fields[3].min == 0)
        #expect(reg.fields[3].max == 5)
        #expect(reg.fields[3].effectiveType == .number)
        let dist = c.sources[1]
        #expect(dist.entity == .district)
        #expect(dist.format == .csv)
        #expect(dist.encoding == .gb18030)
        #expect(dist.fields.map(\.path) == ["passed_batches"])
        #expect(c.subsidies.allocation == .priority)
        #expect(c.subsidies.priority == nil)
        #expect(c.subsidies.programs[0].name == LocalizedText(zh: "定额"))
        #expect(c.subsidies.programs[0].amountYuan.text == "1.5e4")
        #expect(c.subsidies.programs[0].budgetYuan == 0)
        #expect(c.server.listen == "[::1]:9000")
        #expect(c.storage.postgres == PostgresStorage(url: "postgres://q@db/quality", pool: 8))
        #expect(c.storage.sqlite == nil)
        #expect(
            c.auth.tokens == [
                TokenConfig(
                    name: "ops", role: .finance, sha256: String(repeating: "0f", count: 32),
                    location: SourceLocation(file: "test.yaml", line: 56, column: 7))
            ])
        #expect(c.metrics.enterpriseSeries)
    }

    /// An expression in a literal block scalar: errors on its second line land on that line, at the right column.
    @Test func blockScalarExpressionLocation() throws {
        let block = "    value: |\n      sum(passed) /\n        sum(sampled) * * 100"
        #expect(
            errors(Base.replacing(10, with: block)) == [
                Expected(12, 24, "indicators[0].value", "unexpected '*'")
            ])
        let loaded = try load(Base.replacing(10, with: "    value: >-\n      sum(passed) / sum(sampled)"))
        #expect(
            loaded.config.indicators[0].value
                == ExpressionSource(
                    "sum(passed) / sum(sampled)", location: SourceLocation(file: "test.yaml", line: 11, column: 7)))
    }

    @Test func plainScalarExpressionAndNullDefaults() throws {
        let yaml = Base.replacing(10, with: "    value: sum(passed) / sum(sampled)\n    direction: ~")
        let indicator = try load(yaml).config.indicators[0]
        #expect(indicator.value.text == "sum(passed) / sum(sampled)")
        #expect(indicator.value.location?.column == 12)
        #expect(indicator.direction == .higher)
    }

    /// Enterprise and district facts are separate namespaces, and payout sources may be several.
    @Test func factNamespaces() throws {
        let yaml = Base.appending(
            """
              bonus:
                - { id: b, points: "pass_rate / 10 + district_awards" }
            sources:
              - { id: e, url: "http://b/e", key: uscc, fields: { passed: p } }
              - { id: d, url: "http://b/d", key: code, entity: district, fields: { passed: p } }
              - { id: p1, url: "http://b/p1", key: uscc, entity: payout, fields: { program: a, year: b, granted_fen: c } }
              - { id: p2, url: "http://b/p2", key: uscc, entity: payout, fields: { program: a, year: b, granted_fen: c } }

            """)
        let loaded = try load(yaml)
        #expect(loaded.config.sources.count == 4)
        // `sampled` and `returns` are read inside aggregates (enterprise facts); in bonus, `pass_rate`
        // is the indicator and `district_awards` a district fact.
        #expect(
            loaded.warnings.map(Expected.init) == [
                Expected(10, 31, "indicators[0].value", "no source provides the enterprise fact 'sampled'"),
                Expected(13, 19, "indicators[1].value", "no source provides the enterprise fact 'returns'"),
                Expected(25, 42, "scoring.bonus[0].points", "no source provides the district fact 'district_awards'"),
            ])
    }
}
