import Foundation
import QualityConfig
import QualityCore
import Testing

/// The two shared examples load with exactly the values they spell out.
@Suite struct ExampleConfigTests {
    @Test func workedExampleLoads() throws {
        let bytes = try Fixtures.bytes("worked/config.yaml")
        let loaded = try ConfigLoader.load(bytes: bytes, file: "worked.yaml", environment: [:])
        let c = loaded.config
        // Independent digest: `sha256sum Tests/Fixtures/worked/config.yaml`.
        #expect(loaded.sha256 == "e96dfd441fdcd86f7a696536bba83e475b705ec03b098653d6f2858b2eb77238")
        #expect(loaded.warnings.isEmpty)
        #expect(c.version == 1)
        #expect(c.period == .year)
        #expect(c.currentPeriod == .auto)
        #expect(c.timezone == "Asia/Shanghai")
        #expect(c.districts.map(\.code) == ["330203", "330205", "330212"])
        #expect(
            c.districts.map(\.name) == [
                LocalizedText(zh: "海曙区", en: "Haishu"), LocalizedText(zh: "江北区", en: "Jiangbei"),
                LocalizedText(zh: "鄞州区", en: "Yinzhou"),
            ])
        #expect(c.districts[2].location == SourceLocation(file: "worked.yaml", line: 9, column: 5))
        #expect(
            c.indicators.map(\.id) == [
                "sampling_pass_rate", "return_rate", "cnas_labs", "standards_led", "rectification_rate",
            ])
        #expect(c.indicators[1].direction == .lower)
        #expect(c.indicators[1].unit == .percent)
        #expect(c.indicators[2].unit == .count)
        #expect(c.indicators[0].direction == .higher)
        #expect(
            c.indicators[0].value
                == ExpressionSource(
                    "sum(batches_passed) / sum(batches_sampled) * 100",
                    location: SourceLocation(file: "worked.yaml", line: 15, column: 13)))

        let s = c.scoring
        #expect(s.total == 100)
        #expect(s.maxTotal == 105)
        #expect(s.missing == .zero)
        #expect(s.dimensions.map(\.id) == ["safety", "foundation", "improvement"])
        #expect(s.dimensions[1].name == LocalizedText(zh: "质量基础", en: "Quality infrastructure"))
        #expect(s.entries.map(\.weight) == [30, 20, 15, 15, 20])
        #expect(s.entries.map(\.indicator) == c.indicators.map(\.id))
        #expect(s.entries[0].method == .target(floor: 85, target: 98))
        #expect(s.entries[1].method == .target(floor: 60, target: 0))
        #expect(s.entries[2].method == .minmax)
        #expect(
            s.entries[3].method == .bands([Band(min: 3, score: 1), Band(min: 2, score: 0.8), Band(min: 1, score: 0.5)]))
        #expect(s.entries[4].missing == .exclude)
        #expect(s.entries[0].missing == nil)
        #expect(s.entries[0].direction == nil)
        #expect(s.bonus.map(\.id) == ["national_award"])
        #expect(s.bonus[0].cap == 4)
        #expect(s.bonus[0].points.text == "2 * count(\"cn_export_quality_demo\" in awards)")
        #expect(s.bonus[0].points.location == SourceLocation(file: "worked.yaml", line: 59, column: 16))
        #expect(s.penalties[0].cap == 3)
        #expect(s.bonusCap == nil)
        #expect(s.veto.map(\.when.text) == ["major_incidents > 0"])
        #expect(s.grades.map(\.id) == ["excellent", "good", "pass", "fail"])
        #expect(s.grades.map(\.min) == [90, 80, 60, 0])

        let sub = c.subsidies
        #expect(sub.budgetYuan == 600_000)
        #expect(sub.allocation == .proRata)
        #expect(sub.enterpriseCapYuan == 250_000)
        #expect(sub.priority == nil)
        #expect(sub.eligibility.map(\.id) == ["no_major_incident"])
        #expect(sub.programs.map(\.id) == ["demo_enterprise", "city_award", "lab_cnas", "standards"])
        let demo = sub.programs[0]
        #expect(demo.amountYuan.text == "200000")
        #expect(demo.amountYuan.location == SourceLocation(file: "worked.yaml", line: 89, column: 20))
        #expect(demo.group == "export_quality")
        #expect(demo.oncePerYears == nil)
        let lab = sub.programs[2]
        #expect(lab.name == LocalizedText(zh: "企业实验室获CNAS认可奖励", en: "CNAS lab accreditation"))
        #expect(lab.basis == "《鄞州区经济发展政策实施细则》第十三条")
        #expect(lab.when.text == "cnas_labs_new > 0")
        #expect(lab.amountYuan.text == "least(lab_investment_yuan * 0.2, 150000)")
        #expect(lab.amountYuan.location == SourceLocation(file: "worked.yaml", line: 101, column: 21))
        #expect(lab.oncePerYears == 3)
        #expect(lab.group == nil)
        #expect(lab.budgetYuan == nil)

        // Defaults of the sections the example leaves out.
        #expect(c.sources.isEmpty)
        #expect(c.server.listen == "127.0.0.1:9470")
        #expect(c.storage.sqlite == "./data/qualityd.sqlite")
        #expect(c.storage.postgres == nil)
        #expect(c.auth.tokens.isEmpty)
        #expect(c.metrics.enterpriseSeries == false)
        #expect(loaded.model.config.districts.count == 3)
    }

    @Test func ingestExampleLoads() throws {
        let bytes = try Fixtures.bytes("ingest/config.yaml")
        let loaded = try ConfigLoader.load(bytes: bytes, file: "ingest.yaml", environment: [:])
        #expect(loaded.sha256 == "f1e734db0833375553165b467538fb55d463944358dc836133e62b111bb50cc2")
        let sources = loaded.config.sources
        #expect(sources.map(\.id) == ["jxj_registry", "ciq_sampling", "scj_awards", "scj_districts", "cz_payouts"])
        #expect(sources.map(\.entity) == [.enterprise, .enterprise, .enterprise, .district, .payout])
        #expect(sources.map(\.format) == [.json, .json, .csv, .json, .json])
        #expect(sources.map(\.records) == ["data.items", "items", nil, nil, "rows"])

        let registry = sources[0]
        #expect(registry.name == LocalizedText(zh: "经信局·企业名录", en: "Economy and IT bureau registry"))
        #expect(registry.url == "http://127.0.0.1:9471/jxj/enterprises?period={period}")
        #expect(registry.key == "uscc")
        #expect(registry.pagination == Pagination(pageParam: "page", sizeParam: "page_size", size: 3))
        #expect(registry.fields.map(\.fact) == ["name", "district", "industry"])
        #expect(registry.fields.map(\.path) == ["name", "district_code", "industry"])
        #expect(registry.fields.map(\.combine) == [.last, .last, .last])
        #expect(registry.fields.allSatisfy { $0.type == nil && $0.map == nil })
        #expect(registry.interval == 900)
        #expect(registry.timeout == 10)
        #expect(registry.retries == 3)
        #expect(registry.maxBytes == 64 * 1024 * 1024)
        #expect(registry.headers.isEmpty)

        let sampling = sources[1]
        #expect(sampling.idField == "batch_no")
        #expect(sampling.pagination == nil)
        #expect(sampling.fields.map(\.fact) == ["batches_sampled", "batches_passed", "sampling_batches"])
        #expect(sampling.fields.map(\.path) == ["sampled", "passed", "sampling_batches"])
        #expect(sampling.fields.map(\.type) == [.number, .number, nil])
        #expect(sampling.fields.map(\.combine) == [.sum, .sum, .count])
        #expect(sampling.fields.map(\.min) == [0, 0, nil])
        #expect(sampling.fields[0].location == SourceLocation(file: "ingest.yaml", line: 34, column: 7))
        #expect(
            sampling.checks == [
                ExpressionSource(
                    "batches_passed <= batches_sampled",
                    location: SourceLocation(file: "ingest.yaml", line: 37, column: 16))
            ])

        let awards = sources[2]
        #expect(awards.encoding == .gb18030)
        #expect(awards.key == "统一社会信用代码")
        #expect(awards.fields.count == 1)
        #expect(awards.fields[0].fact == "awards")
        #expect(awards.fields[0].path == "荣誉名称")
        #expect(awards.fields[0].combine == .set)
        #expect(awards.fields[0].effectiveType == .string)
        #expect(
            awards.fields[0].map == [
                MapEntry(from: "中国出口质量安全示范企业", to: .string("cn_export_quality_demo")),
                MapEntry(from: "市级出口质量奖", to: .string("city_export_quality_award")),
            ])

        #expect(sources[3].key == "code")
        #expect(sources[3].fields.map(\.fact) == ["major_incidents"])
        #expect(sources[4].fields.map(\.fact) == ["program", "year", "granted_fen"])
        #expect(sources[4].fields.map(\.path) == ["program", "year", "amount_fen"])
        #expect(sources[4].url == "http://127.0.0.1:9471/cz/payouts")
    }

    @Test func ingestExampleTakesTheBureauBaseFromTheEnvironment() throws {
        let bytes = try Fixtures.bytes("ingest/config.yaml")
        let plain = try ConfigLoader.load(bytes: bytes, file: "ingest.yaml", environment: [:])
        let loaded = try ConfigLoader.load(
            bytes: bytes, file: "ingest.yaml", environment: ["BUREAU_BASE": "https://bureau.example:8443"])
        #expect(
            loaded.config.sources[1].url
                == "https://bureau.example:8443/ciq/sampling?from={period_start}&to={period_end}")
        // The digest is over the bytes as written, so it does not change with the environment.
        #expect(loaded.sha256 == plain.sha256)
    }

    /// Facts that no source provides are warnings, each at the identifier.
    @Test func ingestExampleWarnsAboutUnprovidedFacts() throws {
        let bytes = try Fixtures.bytes("ingest/config.yaml")
        let loaded = try ConfigLoader.load(bytes: bytes, file: "ingest.yaml", environment: [:])
        #expect(loaded.warnings.allSatisfy { $0.severity == .warning })
        func w(_ line: Int, _ column: Int, _ key: String, _ kind: String, _ name: String) -> Expected {
            Expected(line, column, key, "no source provides the \(kind) fact '\(name)'")
        }
        #expect(
            loaded.warnings.map(Expected.init) == [
                w(79, 19, "indicators[1].value", "enterprise", "returns"),
                w(79, 40, "indicators[1].value", "enterprise", "exporter"),
                w(83, 17, "indicators[2].value", "enterprise", "cnas_labs"),
                w(87, 17, "indicators[3].value", "enterprise", "standards_led"),
                w(91, 17, "indicators[4].value", "enterprise", "issues_rectified"),
                w(91, 41, "indicators[4].value", "enterprise", "issues_found"),
                w(123, 26, "scoring.penalties[0].points", "enterprise", "notifications"),
                w(142, 23, "subsidies.eligibility[0].when", "enterprise", "major_incidents"),
                w(159, 14, "subsidies.programs[2].when", "enterprise", "cnas_labs_new"),
                w(160, 27, "subsidies.programs[2].amount_yuan", "enterprise", "lab_investment_yuan"),
                w(165, 14, "subsidies.programs[3].when", "enterprise", "standards_led"),
                w(166, 29, "subsidies.programs[3].amount_yuan", "enterprise", "standards_led"),
            ])
    }

    @Test func loadsFromAPath() throws {
        let url = try Fixtures.url("worked/config.yaml")
        let loaded = try ConfigLoader.load(path: url.path, environment: [:])
        #expect(loaded.path == url.path)
        #expect(loaded.config.districts[0].location?.file == url.path)
    }

    @Test func missingFileIsOneIssueNamingThePath() {
        #expect {
            _ = try ConfigLoader.load(path: "/nonexistent/qualityd.yaml", environment: [:])
        } throws: { error in
            (error as? ConfigErrors)?.issues == [
                ConfigIssue(
                    location: nil, key: "", message: "cannot read config file /nonexistent/qualityd.yaml: no such file")
            ]
        }
    }
}
