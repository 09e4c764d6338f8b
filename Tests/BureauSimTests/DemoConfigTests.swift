import Glibc
import QualityCore
import Testing
import Yams

@testable import BureauSim

@Suite struct DemoConfigTests {
    static let repositoryRoot: String = {
        // Tests/BureauSimTests/DemoConfigTests.swift → the repository root.
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static func read(_ path: String) throws -> String {
        guard let file = fopen(path, "rb") else { throw TestFailure("cannot open \(path)") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer.prefix(n)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The repository's demo config is exactly what `bureau-sim print-config` prints for Ningbo.
    @Test func repositoryConfigIsThePrintedNingboConfig() throws {
        let file = try Self.read(Self.repositoryRoot + "/config.yaml")
        let printed = DemoConfig(world: World()).yaml
        #expect(file == printed, "regenerate with: swift run bureau-sim print-config > config.yaml")
    }

    /// The printed YAML parses, and reads back as the model it was printed from.
    @Test(arguments: [World(), World(seed: 2, districts: 40, enterprises: 20000)])
    func printedYAMLReadsBackAsTheModel(world: World) throws {
        let demo = DemoConfig(world: world)
        let config = demo.config
        let yaml = try #require(try Yams.load(yaml: demo.yaml) as? [String: Any])
        #expect(
            Set(yaml.keys) == [
                "version", "period", "current_period", "timezone", "districts", "sources", "indicators", "scoring",
                "subsidies", "server", "storage", "auth", "metrics", "sampling", "reports",
            ])
        #expect(yaml["version"] as? Int == 1 && yaml["current_period"] as? String == "auto")
        let districts = try #require(yaml["districts"] as? [[String: Any]])
        #expect(districts.map { $0["code"] as? String } == config.districts.map(\.code))
        #expect(districts.map { ($0["name"] as? [String: String])?["zh"] } == config.districts.map(\.name.zh))

        let sources = try #require(yaml["sources"] as? [[String: Any]])
        #expect(sources.map { $0["id"] as? String } == config.sources.map(\.id))
        for (parsed, source) in zip(sources, config.sources) {
            #expect(parsed["url"] as? String == source.url)
            #expect(parsed["key"] as? String == source.key)
            #expect(parsed["id_field"] as? String == source.idField)
            #expect(
                (parsed["headers"] as? [String: String])?["Authorization"]
                    == "Bearer ${BUREAU_TOKEN:-demo-bureau-token}")
            let fields = try #require(parsed["fields"] as? [String: Any])
            #expect(Set(fields.keys) == Set(source.fields.map(\.fact)))
            for f in source.fields {
                if let path = fields[f.fact] as? String {
                    #expect(path == f.path)
                } else {
                    let spec = try #require(fields[f.fact] as? [String: Any])
                    #expect((spec["path"] as? String ?? f.fact) == f.path)
                    #expect((spec["combine"] as? String ?? "last") == f.combine.rawValue)
                    #expect(spec["min"] as? Int == f.min.map { Int($0) })
                    #expect((spec["map"] as? [String: Any])?.count == f.map?.count)
                }
            }
            #expect((parsed["checks"] as? [String] ?? []) == source.checks.map(\.text))
        }

        let indicators = try #require(yaml["indicators"] as? [[String: Any]])
        #expect(indicators.map { $0["value"] as? String } == config.indicators.map(\.value.text))
        let scoring = try #require(yaml["scoring"] as? [String: Any])
        let dimensions = try #require(scoring["dimensions"] as? [[String: Any]])
        let weights = dimensions.flatMap {
            ($0["indicators"] as? [[String: Any]] ?? []).compactMap { $0["weight"] as? Int }
        }
        #expect(weights.reduce(0, +) == 100 && weights.count == 8)
        #expect((scoring["veto"] as? [[String: Any]])?.first?["when"] as? String == "major_incidents > 0")
        let subsidies = try #require(yaml["subsidies"] as? [String: Any])
        let programs = try #require(subsidies["programs"] as? [[String: Any]])
        #expect(programs.map { $0["when"] as? String } == config.subsidies.programs.map(\.when.text))
        #expect(programs.map { $0["basis"] as? String } == config.subsidies.programs.map(\.basis))
        #expect(subsidies["budget_yuan"] as? Int == config.subsidies.budgetYuan.map { Int($0) })
        let auth = try #require(yaml["auth"] as? [String: Any])
        #expect((auth["tokens"] as? [[String: String]])?.map { $0["role"] } == ["viewer", "finance", "admin", "admin"])
        #expect((yaml["metrics"] as? [String: Bool])?["enterprise_series"] == false)
    }

    @Test func sourcesMapExactlyTheSimulatorsEndpoints() {
        let config = DemoConfig(world: World()).config
        let paths = config.sources.map { s in
            String(s.url.split(separator: "}", maxSplits: 1)[1].split(separator: "?")[0])
        }
        #expect(paths == Simulator.paths)
        #expect(config.sources.allSatisfy { $0.url.hasPrefix("${BUREAU_BASE:-http://127.0.0.1:9471}/") })
    }

    @Test func demoTokensMatchTheirDigests() {
        for t in DemoConfig.demoTokens {
            #expect(SHA256.hex(Array(t.token.utf8)) == t.sha256)
        }
    }

    @Test func modelCompilesAndHasTheDemosShape() throws {
        let config = DemoConfig(world: World()).config
        _ = try AssessmentModel(config: config)
        #expect(config.indicators.count == 8)
        #expect(config.scoring.dimensions.count == 4)
        #expect(Set(config.scoring.entries.map(\.method.name)) == ["target", "minmax", "bands"])
        #expect(config.scoring.entries.reduce(0) { $0 + $1.weight } == config.scoring.total)
        #expect(config.subsidies.programs.count == 6)
        #expect(config.subsidies.programs.filter { $0.group == "export_quality" }.count == 3)
        #expect(config.subsidies.budgetYuan == 8_000_000)
    }

    @Test func budgetsScaleWithTheWorld() {
        let national = DemoConfig(world: World(districts: 3000, enterprises: 1_000_000)).config.subsidies
        #expect(national.budgetYuan == 2_666_670_000)
        #expect(national.programs.first { $0.id == "standards" }?.budgetYuan == 666_670_000)
        let tiny = DemoConfig(world: World(districts: 3, enterprises: 10)).config.subsidies
        #expect(tiny.budgetYuan == 30_000)
    }

    @Test func printConfigFollowsListenAndToken() {
        let demo = DemoConfig(
            world: World(districts: 12, enterprises: 500), listen: ListenAddress(host: "127.0.0.1", port: 19471),
            token: "t0ken")
        let yaml = demo.yaml
        #expect(yaml.contains(#"url: "${BUREAU_BASE:-http://127.0.0.1:19471}/jxj/enterprises?period={period}""#))
        #expect(yaml.contains(#"headers: { Authorization: "Bearer ${BUREAU_TOKEN:-t0ken}" }"#))
        #expect(yaml.contains(#"  - { code: "900012", name: { zh: 第12区, en: District 12 } }"#))
    }

    @Test func yamlScalarsAreQuotedWhenTheyMustBe() {
        #expect(YAMLText.scalar("鄞州区") == "鄞州区")
        #expect(YAMLText.scalar("330212") == #""330212""#)
        #expect(YAMLText.scalar("true") == #""true""#)
        #expect(YAMLText.scalar("a: b") == #""a: b""#)
        #expect(YAMLText.scalar("x, y") == #""x, y""#)
        #expect(YAMLText.quoted(#""a" in b"#) == #"'"a" in b'"#)
        #expect(YAMLText.quoted(#"say "it's""#) == #""say \"it's\"""#)
        #expect(YAMLText.expression("200000") == "200000")
        #expect(YAMLText.expression("least(a, 1)") == #""least(a, 1)""#)
        #expect(YAMLText.duration(900) == "15m" && YAMLText.duration(3600) == "1h" && YAMLText.duration(10) == "10s")
        #expect(YAMLText.bytes(16 << 20) == "16MiB" && YAMLText.bytes(1000) == "1000")
    }
}
