import Hummingbird
import QualityCore

/// `GET /api/v1/districts/{code}/explain`: the district's result and how every point of it came
/// about, by the config in force: each indicator's definition, method and parameters, direction,
/// weight, value, score and points, the missing policy and rescaling; bonus and penalty items; vetoes;
/// the grade thresholds. Everything here was decided by the engine (`ScoringExplanation`) or read
/// from the config; nothing is worked out again.
struct DistrictExplanationJSON: ResponseEncodable {
    struct District: Encodable {
        var code, name, nameEn: String
        @Nullable var rank: Int?
        @Nullable var total: Double?
        @Nullable var grade: String?
        @Nullable var gradeName: Localized?
        var base, bonus, penalty: Double
        var vetoedBy: [String]
        var incomplete: Bool
        var enterprises: Int
    }

    struct Scoring: Encodable {
        var total, maxTotal: Double
        var missing: String
        @Nullable var weight: Double?
        var excludedWeight: Double
        @Nullable var rescaleFactor: Double?
    }

    struct Dimension: Encodable {
        var id: String
        var name: Localized
        var weight: Double
        @Nullable var points: Double?
        var indicators: [Indicator]
    }

    struct Indicator: Encodable {
        var id: String
        @Nullable var name: Localized?
        @Nullable var unit: String?
        @Nullable var valueExpression: String?
        @Nullable var direction: String?
        var method: String
        var parameters: Parameters
        var weight: Double
        @Nullable var value: Double?
        @Nullable var score: Double?
        @Nullable var points: Double?
        var missing, excluded: Bool
        @Nullable var missingPolicy: String?
    }

    /// Bonus or penalty items: the config's items with the points each gave, and the cap.
    struct Adjustments: Encodable {
        struct Item: Encodable {
            var id, pointsExpression: String
            var name: Localized
            @Nullable var cap: Double?
            @Nullable var points: Double?
        }
        @Nullable var cap: Double?
        var applied: Double
        var items: [Item]
    }

    struct Veto: Encodable {
        var id, when: String
        var name: Localized
        var triggered: Bool
    }

    struct Grade: Encodable {
        var id: String
        var name: Localized
        var min: Double
    }

    var period, configSHA256: String
    @Nullable var resultConfigSHA256: String?
    @Nullable var snapshotSHA256: String?
    /// The policy version that applied (docs/CONFIG.md, "policy_versions"); null for a result
    /// stored before versions existed.
    @Nullable var policy: PolicyStamp?
    var district: District
    /// The rank interval of the daemon's weight sensitivity run (docs/SEMANTICS.md §15).
    @Nullable var rankRange: RankRangeJSON?
    var scoring: Scoring
    var dimensions: [Dimension]
    var bonus, penalties: Adjustments
    var veto: [Veto]
    /// Highest threshold first.
    var grades: [Grade]
    /// Corrections applied to the district's facts (docs/SEMANTICS.md §14).
    var corrections: [AppliedCorrectionJSON]
}

extension DistrictExplanationJSON {
    init(
        config: Config, configSHA256: String, result: AssessmentResult, district d: DistrictResult,
        sensitivity: SensitivityResult? = nil
    ) {
        let s = config.scoring
        self.init(
            period: result.period, configSHA256: configSHA256, resultConfigSHA256: result.configSHA256,
            snapshotSHA256: result.snapshotSHA256, policy: result.policy,
            district: District(
                code: d.code, name: d.name, nameEn: d.nameEn, rank: d.rank, total: d.total, grade: d.grade,
                gradeName: Localized(s.grades.first { $0.id == d.grade }?.name), base: d.base, bonus: d.bonus,
                penalty: d.penalty, vetoedBy: d.vetoedBy, incomplete: d.incomplete, enterprises: d.enterprises),
            rankRange: RankRangeJSON(sensitivity, code: d.code),
            scoring: Scoring(
                total: s.total, maxTotal: s.effectiveMaxTotal, missing: s.missing.rawValue,
                weight: result.scoring?.totalWeight, excludedWeight: d.excludedWeight, rescaleFactor: d.rescaleFactor),
            dimensions: s.dimensions.map { dimension in
                Dimension(
                    id: dimension.id, name: Localized(dimension.name),
                    weight: dimension.indicators.reduce(0) { $0 + $1.weight }, points: d.dimension(dimension.id),
                    indicators: dimension.indicators.map { Indicator($0, config: config, result: result, district: d) })
            },
            bonus: Adjustments(s.bonus, cap: s.bonusCap, applied: d.bonus, items: d.bonusItems),
            penalties: Adjustments(s.penalties, cap: s.penaltyCap, applied: d.penalty, items: d.penaltyItems),
            veto: s.veto.map {
                Veto(id: $0.id, when: $0.when.text, name: Localized($0.name), triggered: d.vetoedBy.contains($0.id))
            },
            grades: s.grades.sorted { $0.min > $1.min }.map { Grade(id: $0.id, name: Localized($0.name), min: $0.min) },
            corrections: result.corrections(district: d.code).map(AppliedCorrectionJSON.init))
    }
}

extension DistrictExplanationJSON.Indicator {
    init(_ entry: ScoredIndicator, config: Config, result: AssessmentResult, district d: DistrictResult) {
        let def = config.indicator(id: entry.indicator)
        let r = d.indicator(entry.indicator)
        let resolved = result.scoring?.indicator(entry.indicator)
        self.init(
            id: entry.indicator, name: Localized(def?.name), unit: def?.unit.rawValue, valueExpression: def?.value.text,
            direction: resolved?.direction.rawValue, method: entry.method.name,
            parameters: DistrictExplanationJSON.Parameters(resolved, r), weight: entry.weight, value: r?.value,
            score: r?.score, points: r?.points, missing: r?.missing ?? true, excluded: r?.excluded ?? false,
            missingPolicy: resolved?.missing.rawValue)
    }
}

extension DistrictExplanationJSON.Adjustments {
    init(_ config: [Adjustment], cap: Double?, applied: Double, items: [NamedNumber]) {
        self.init(
            cap: cap, applied: applied,
            items: config.map { item in
                Item(
                    id: item.id, pointsExpression: item.points.text, name: Localized(item.name), cap: item.cap,
                    points: items.first { $0.id == item.id }?.value)
            })
    }
}
