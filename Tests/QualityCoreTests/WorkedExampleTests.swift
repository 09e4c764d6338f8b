import QualityConfig
import TestFixtures
import Testing

@testable import QualityCore

/// The golden tests: the shared worked and ingestion examples (`Tests/Fixtures`), scored whole.
@Suite struct WorkedExampleTests {
    /// Where `actual` differs from `expected`: every key of `expected` must be present; numbers agree
    /// within 1e-9 relative or 1e-12 absolute, except fen and ranks, which are exact; lists are exact.
    static func mismatches(_ actual: JSONValue?, _ expected: JSONValue, path: String = "$") -> [String] {
        guard let actual else { return ["\(path): missing"] }
        switch (actual, expected) {
        case (.object(let a), .object(let e)):
            return e.pairs.flatMap { key, value in mismatches(a[key], value, path: "\(path).\(key)") }
        case (.array(let a), .array(let e)):
            guard a.count == e.count else { return ["\(path): \(a.count) elements, expected \(e.count)"] }
            return zip(a, e).enumerated().flatMap { i, pair in mismatches(pair.0, pair.1, path: "\(path)[\(i)]") }
        case (.number(let a), .number(let e)):
            let exact = path.hasSuffix("_fen") || path.hasSuffix(".rank")
            return (exact ? a == e : close(a, e)) ? [] : ["\(path): \(a), expected \(e)"]
        default:
            return actual == expected ? [] : ["\(path): \(actual), expected \(expected)"]
        }
    }

    static func workedModel() throws -> AssessmentModel {
        try ConfigLoader.load(path: TestFixtures.path("worked/config.yaml"), environment: [:]).model
    }

    static func workedSnapshot() throws -> Snapshot {
        try Snapshot.parse(json: try Fixtures.bytes("worked/snapshot.json"))
    }

    @Test func workedExampleMatchesExpected() throws {
        let result = try Self.workedModel().assess(try Self.workedSnapshot())
        let actual = try JSONParser.parse(result.json())
        let expected = try Fixtures.json("worked/expected.json")
        #expect(Self.mismatches(actual, expected) == [])
        // A few of the numbers by name, so a failure reads plainly.
        #expect(result.districts.map(\.rank) == [2, 3, 1])
        #expect(result.districts.map(\.grade) == ["fail", "fail", "good"])
        #expect(result.subsidies.grantedFen == 60_000_000)
        #expect(result.rejected.map(\.reason) == ["invalid_uscc", "unknown_district"])
    }

    @Test func ingestExampleMatchesExpected() throws {
        let file = try Fixtures.json("ingest/expected-snapshot.json")
        let snapshot = try Snapshot(json: try #require(file.value(atPath: "snapshot")))
        let result = try Self.workedModel().assess(snapshot)
        let actual = try JSONParser.parse(result.json())
        let expected = try Fixtures.json("ingest/expected-result.json")
        #expect(Self.mismatches(actual, expected) == [])
        #expect(result.districts.map(\.total) == [45.99358974358974, 39.980769230769205, 58.25])
    }

    @Test func mismatchesCatchWhatTheyShould() throws {
        let expected = try JSONParser.parse(#"{"a": 1.0, "b": [1, 2], "c": {"granted_fen": 5}, "d": null}"#)
        #expect(
            Self.mismatches(
                try JSONParser.parse(
                    #"{"a": 1.0000000000001, "b": [1, 2], "c": {"granted_fen": 5}, "d": null, "e": 0}"#), expected)
                == [])
        #expect(
            Self.mismatches(try JSONParser.parse(#"{"a": 1.01, "b": [1], "c": {"granted_fen": 5.0000001}}"#), expected)
                == [
                    "$.a: 1.01, expected 1.0", "$.b: 1 elements, expected 2",
                    "$.c.granted_fen: 5.0000001, expected 5.0",
                    "$.d: missing",
                ]
        )
    }

    @Test func resultJsonIsTheSameBytesOnEveryRun() throws {
        let model = try Self.workedModel()
        let sources = [SourceStatus(id: "ciq", lastSuccess: "2025-07-01T00:00:00Z", stale: false)]
        let first = model.assess(try Self.workedSnapshot(), configSHA256: "abc", sources: sources).json()
        let second = try Self.workedModel().assess(try Self.workedSnapshot(), configSHA256: "abc", sources: sources)
            .json()
        #expect(first == second)
        #expect(first.last == 0x0A)
        let compact = model.assess(try Self.workedSnapshot()).json(style: .compact)
        #expect(compact == model.assess(try Self.workedSnapshot()).json(style: .compact))
        #expect(!compact.contains(0x0A))
    }

    @Test func resultReadsBackWhatItWrote() throws {
        let sources = [
            SourceStatus(id: "ciq", lastSuccess: "2025-07-01T00:00:00Z", stale: false),
            SourceStatus(id: "scj", lastSuccess: nil, stale: true),
        ]
        let model = try Self.workedModel()
        let result = model.assess(try Self.workedSnapshot(), configSHA256: "c0ffee", sources: sources)
        // The explanation is not in the JSON: the model rebuilds exactly what the scorer decided.
        let back = try AssessmentResult.parse(json: result.json())
        #expect(back.scoring == nil)
        #expect(model.explained(back) == result)
        #expect(model.explained(try AssessmentResult.parse(json: result.json(style: .compact))) == result)
        let plain = model.assess(try Self.workedSnapshot())
        #expect(model.explained(try AssessmentResult.parse(json: plain.json())) == plain)
    }

    @Test func snapshotHashIsOverCanonicalJson() throws {
        let snapshot = try Self.workedSnapshot()
        let result = try Self.workedModel().assess(snapshot)
        #expect(result.snapshotSHA256 == SHA256.hex(snapshot.json(style: .canonical)))
        #expect(result.snapshotSHA256 == snapshot.sha256)
    }

    @Test func explainFollowsEveryStep() throws {
        let model = try Self.workedModel()
        let snapshot = try Self.workedSnapshot()
        let e = try #require(model.explain(uscc: "91330205MA000003XN", in: snapshot))
        #expect(e.name == "宁波江北电器有限公司")
        #expect(e.district == "330205")
        #expect(e.eligible)
        #expect(e.programs.map(\.program) == ["demo_enterprise", "city_award", "lab_cnas", "standards"])
        #expect(e.programs.map(\.when) == [true, true, true, true])
        #expect(e.programs.map(\.excluded) == [nil, "group", nil, nil])
        #expect(e.programs.map(\.requestedFen) == [20_000_000, nil, 15_000_000, 6_000_000])
        #expect(e.programs.map(\.afterCapFen) == [20_000_000, nil, 5_000_000, 0])
        #expect(e.programs.map(\.grantedFen) == [12_500_000, nil, 3_125_000, 0])
        #expect(
            e.programs.map(\.notes) == [["budget"], [], ["enterprise_cap", "budget"], ["enterprise_cap", "budget"]])

        let once = try #require(model.explain(uscc: "91330212MA000006XX", in: snapshot))
        #expect(once.programs[2].excluded == "once_per_years")
        #expect(once.programs[2].lastPayoutYear == 2023)

        let ineligible = try #require(model.explain(uscc: "91330205MA000004XP", in: snapshot))
        #expect(!ineligible.eligible)
        #expect(ineligible.eligibility == [RuleOutcome(id: "no_major_incident", held: false)])

        #expect(model.explain(uscc: "91330212MA00000999", in: snapshot)?.rejected == "invalid_uscc")
        #expect(model.explain(uscc: "91330299MA000009X2", in: snapshot)?.rejected == "unknown_district")
        #expect(model.explain(uscc: "91000000000000000X", in: snapshot) == nil)
    }

    @Test func sanityAtAFewThousandEnterprises() throws {
        // No timing: only that a larger population scores and the budget still adds up exactly.
        var enterprises: [String: [String: Value]] = [:]
        let codes = ["330203", "330205", "330212"]
        for n in 1...3000 {
            let code = codes[n % 3]
            var facts: [String: Value] = [
                "district": .string(code), "exporter": .bool(true), "batches_sampled": .number(Double(10 + n % 7)),
                "batches_passed": .number(Double(9 + n % 5 > 10 + n % 7 ? 10 + n % 7 : 9 + n % 5)),
                "returns": .number(Double(n % 11 == 0 ? 1 : 0)), "standards_led": .number(Double(n % 4)),
            ]
            if n % 5 == 0 { facts["awards"] = .set(StringSet(["cn_export_quality_demo"])) }
            enterprises[uscc(n, district: code)] = facts
        }
        let snapshot = makeSnapshot(enterprises: enterprises)
        let result = try Self.workedModel().assess(snapshot)
        #expect(result.districts.allSatisfy { $0.enterprises == 1000 && $0.total != nil })
        #expect(result.subsidies.grantedFen == 60_000_000)
        #expect(result.subsidies.awards.reduce(0) { $0 + $1.grantedFen } == 60_000_000)
        #expect(result.rejected == [])
    }
}
