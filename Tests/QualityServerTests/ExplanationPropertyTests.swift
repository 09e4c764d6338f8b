import Foundation
import QualityCore
import Testing

@testable import QualityServer

/// Random configs and snapshots (every method and variant, both directions, every missing policy,
/// bonus and penalty caps, a veto, enterprise caps, program and overall budgets, both allocations):
/// every figure on each district page and explanation, and on each enterprise explanation, is the
/// engine's; and a result read back from JSON is explained exactly as the scorer explained it.
@Suite struct ExplanationPropertyTests {
    static let cases = 220

    @Test func pagesAndExplanationsShowTheEnginesFigures() throws {
        var rng = SplitMix(seed: 16)
        var checkedIndicators = 0
        var methods: Set<String> = []
        for n in 0..<Self.cases {
            let (config, snapshot) = RandomCase.make(&rng)
            let model = try AssessmentModel(config: config)
            let result = model.assess(snapshot, configSHA256: String(repeating: "a", count: 64))
            let scoring = try #require(result.scoring)
            #expect(model.explained(try AssessmentResult.parse(json: result.json())) == result, "case \(n)")
            for d in result.districts {
                let json = try JSONParser.parse(
                    APIJSON.bytes(
                        DistrictExplanationJSON(
                            config: config, configSHA256: String(repeating: "b", count: 64), result: result, district: d
                        )))
                try checkDistrictJSON(json, d, scoring, case: n)
                let page = try #require(
                    DistrictPage(
                        config: config, result: result, code: d.code,
                        context: PagesFixture.context(.en, path: "/districts/" + d.code)))
                checkDistrictPage(PagesFixture.text(page.render()), d, scoring, case: n)
                for r in d.indicators { methods.insert(r.id) }
                checkedIndicators += d.indicators.count
            }
            for uscc in snapshot.enterprises.keys {
                try checkEnterprise(uscc, model: model, snapshot: snapshot, result: result, case: n)
            }
            for resolved in scoring.indicators {
                if case .rank(let rule) = resolved.method {
                    if case .step = rule { methods.insert("rank.step") } else { methods.insert("rank.rates") }
                } else if case .ratio(let reference, _) = resolved.method {
                    methods.insert("ratio.\(reference.rawValue)")
                } else {
                    methods.insert(Self.name(resolved.method))
                }
                methods.insert("\(resolved.direction)/\(resolved.missing)")
            }
        }
        #expect(checkedIndicators > 2_000)
        for needed in [
            "target", "minmax", "bands", "rank.rates", "rank.step", "ratio.best", "ratio.mean", "higher/zero",
            "lower/exclude", "higher/fail", "lower/zero",
        ] {
            #expect(methods.contains(needed), "no case used \(needed)")
        }
    }

    static func name(_ m: ResolvedMethod) -> String {
        switch m {
        case .target: "target"
        case .minmax: "minmax"
        case .bands: "bands"
        case .rank: "rank"
        case .ratio: "ratio"
        }
    }

    private func checkDistrictJSON(_ json: JSONValue, _ d: DistrictResult, _ s: ScoringExplanation, case n: Int) throws
    {
        let where_ = "case \(n) \(d.code)"
        #expect(json.value(atPath: "district.total")?.numberValue == d.total, "\(where_)")
        #expect(json.value(atPath: "district.base")?.numberValue == d.base, "\(where_)")
        #expect(json.value(atPath: "district.bonus")?.numberValue == d.bonus, "\(where_)")
        #expect(json.value(atPath: "district.penalty")?.numberValue == d.penalty, "\(where_)")
        #expect(json.value(atPath: "district.rank")?.numberValue == d.rank.map(Double.init), "\(where_)")
        #expect(json.value(atPath: "district.grade")?.stringValue == d.grade, "\(where_)")
        #expect(json.value(atPath: "scoring.weight")?.numberValue == s.totalWeight, "\(where_)")
        #expect(json.value(atPath: "scoring.excluded_weight")?.numberValue == d.excludedWeight, "\(where_)")
        #expect(json.value(atPath: "scoring.rescale_factor")?.numberValue == d.rescaleFactor, "\(where_)")
        // The factor is W / (W − E) of the weights excluded in this district.
        let excluded = zip(s.indicators, d.indicators).filter { $1.excluded }.reduce(0.0) { $0 + $1.0.weight }
        #expect(excluded == d.excludedWeight, "\(where_)")
        if excluded > 0, s.totalWeight > excluded {
            #expect(nearly(d.rescaleFactor, s.totalWeight / (s.totalWeight - excluded)), "\(where_)")
        }
        var rows: [String: JSONValue] = [:]
        for dimension in json.value(atPath: "dimensions")?.arrayValue ?? [] {
            for row in dimension.value(atPath: "indicators")?.arrayValue ?? [] {
                rows[row.value(atPath: "id")?.stringValue ?? ""] = row
            }
            let id = dimension.value(atPath: "id")?.stringValue ?? ""
            #expect(dimension.value(atPath: "points")?.numberValue == d.dimension(id), "\(where_) \(id)")
        }
        for (resolved, r) in zip(s.indicators, d.indicators) {
            let row = try #require(rows[r.id], "\(where_) \(r.id)")
            let at = "\(where_) \(r.id)"
            #expect(row.value(atPath: "value")?.numberValue == r.value, "\(at)")
            #expect(row.value(atPath: "score")?.numberValue == r.score, "\(at)")
            #expect(row.value(atPath: "points")?.numberValue == r.points, "\(at)")
            #expect(row.value(atPath: "missing") == .bool(r.missing), "\(at)")
            #expect(row.value(atPath: "excluded") == .bool(r.excluded), "\(at)")
            #expect(row.value(atPath: "direction")?.stringValue == resolved.direction.rawValue, "\(at)")
            #expect(row.value(atPath: "missing_policy")?.stringValue == resolved.missing.rawValue, "\(at)")
            if let score = r.score, let points = r.points, !r.missing {
                #expect(nearly(points, resolved.weight * score * (d.rescaleFactor ?? 1)), "\(at)")
            }
            let p = row.value(atPath: "parameters")
            switch resolved.method {
            case .target(let floor, let target):
                #expect(p?.value(atPath: "floor")?.numberValue == floor, "\(at)")
                #expect(p?.value(atPath: "target")?.numberValue == target, "\(at)")
            case .minmax(let range):
                #expect(p?.value(atPath: "min")?.numberValue == range?.min, "\(at)")
                #expect(p?.value(atPath: "max")?.numberValue == range?.max, "\(at)")
            case .bands(let bands):
                #expect(p?.value(atPath: "matched")?.numberValue == r.band.map(Double.init), "\(at)")
                #expect(p?.value(atPath: "bands")?.arrayValue?.count == bands.count, "\(at)")
                if let k = r.band { #expect(r.score == bands[k].score, "\(at)") }
            case .rank:
                #expect(p?.value(atPath: "rank")?.numberValue == r.rank.map(Double.init), "\(at)")
                #expect(
                    p?.value(atPath: "districts_with_value")?.numberValue == Double(resolved.districtsWithValue),
                    "\(at)")
                #expect((r.rank == nil) == r.missing, "\(at)")
            case .ratio(let reference, let value):
                #expect(p?.value(atPath: "reference")?.stringValue == reference.rawValue, "\(at)")
                #expect(p?.value(atPath: "reference_value")?.numberValue == value, "\(at)")
            }
        }
    }

    private func checkDistrictPage(_ html: String, _ d: DistrictResult, _ s: ScoringExplanation, case n: Int) {
        let where_ = "case \(n) \(d.code)"
        if let total = d.total {
            #expect(html.contains("id=\"total\" data-value=\"\(PageFormat.fixed(total))\""), "\(where_)")
        }
        let factor = d.excludedWeight > 0 ? d.rescaleFactor : nil
        #expect(
            html.contains("id=\"exclude-note\" data-factor=\"\(PageFormat.fixed(factor ?? 0))\"") == (factor != nil),
            "\(where_)")
        for (resolved, r) in zip(s.indicators, d.indicators) {
            let row = PagesDistrictTests.row(html, r.id)
            let at = "\(where_) \(r.id)"
            #expect(row.contains("data-value=\"\(resolved.direction.rawValue)\""), "\(at)")
            if let points = r.points {
                #expect(row.contains("<td class=\"points\" data-value=\"\(PageFormat.fixed(points))\">"), "\(at)")
            }
            if let score = r.score {
                #expect(row.contains("data-value=\"\(PageFormat.fixed(score, digits: 4))\""), "\(at)")
            }
            switch resolved.method {
            case .minmax(let range?):
                let attrs = "data-min=\"\(PageFormat.fixed(range.min))\" data-max=\"\(PageFormat.fixed(range.max))\""
                #expect(row.contains(attrs), "\(at)")
            case .bands(let bands) where !r.missing:
                #expect(row.contains("data-matched=\"\(r.band ?? bands.count)\""), "\(at)")
            case .rank:
                if let rank = r.rank { #expect(row.contains("data-rank=\"\(rank)\""), "\(at)") }
            case .ratio(_, let value?):
                #expect(row.contains("data-reference=\"\(PageFormat.fixed(value, digits: 6))\""), "\(at)")
            default:
                break
            }
        }
    }

    private func checkEnterprise(
        _ uscc: String, model: AssessmentModel, snapshot: Snapshot, result: AssessmentResult, case n: Int
    ) throws {
        let at = "case \(n) \(uscc)"
        let e = try #require(model.explain(uscc: uscc, in: snapshot))
        let found = Explainer.Found(
            explanation: e, result: result, config: model.config, configSHA256: String(repeating: "b", count: 64))
        let json = try JSONParser.parse(APIJSON.bytes(EnterpriseExplanationJSON(found)))
        let awards = result.subsidies.awards.filter { $0.uscc == uscc }
        let ineligible = result.subsidies.ineligible.contains { $0.uscc == uscc }
        #expect(json.value(atPath: "eligible") == .bool(e.eligible), "\(at)")
        if e.rejected == nil { #expect(e.eligible == !ineligible, "\(at)") }
        let cap = model.config.subsidies.enterpriseCapYuan.flatMap { Money.fen(yuan: $0) }
        #expect(json.value(atPath: "enterprise_cap_fen")?.numberValue == cap.map(Double.init), "\(at)")
        if e.rejected == nil, e.eligible {
            #expect(
                json.value(atPath: "budget_fen")?.numberValue == result.subsidies.budgetFen.map(Double.init), "\(at)")
        }
        for p in json.value(atPath: "programs")?.arrayValue ?? [] {
            let program = p.value(atPath: "program")?.stringValue ?? ""
            let award = awards.first { $0.program == program }
            #expect(p.value(atPath: "granted_fen")?.numberValue == award.map { Double($0.grantedFen) }, "\(at)")
            #expect(p.value(atPath: "requested_fen")?.numberValue == award.map { Double($0.requestedFen) }, "\(at)")
            let excluded = result.subsidies.excluded.first { $0.uscc == uscc && $0.program == program }
            #expect(p.value(atPath: "excluded")?.stringValue == excluded?.reason, "\(at) \(program)")
            let replaced = p.value(atPath: "replaced_by")?.stringValue
            #expect((replaced != nil) == (excluded?.reason == "group"), "\(at) \(program)")
            if let replaced { #expect(awards.contains { $0.program == replaced }, "\(at) \(program)") }
            // The amount after each step never grows.
            let steps = ["requested_fen", "after_cap_fen", "after_program_budget_fen", "granted_fen"].compactMap {
                p.value(atPath: $0)?.numberValue
            }
            #expect(steps == steps.sorted(by: >), "\(at) \(program)")
        }
        let page = EnterprisePage(
            config: model.config, explanation: e, awards: awards, context: PagesFixture.context(.zh))
        let granted = awards.reduce(Int64(0)) { $0 + $1.grantedFen }
        #expect(
            PagesFixture.text(page.render()).contains(
                "id=\"granted-total\" data-value=\"\(PageFormat.moneyValue(granted))\""), "\(at)")
    }
}

/// Deterministic random numbers for generated cases.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func nearly(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let x?, let y?): return abs(x - y) <= 1e-9 || abs(x - y) <= 1e-9 * max(abs(x), abs(y))
    default: return false
    }
}
