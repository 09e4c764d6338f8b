import QualityCore

/// `GET /api/v1/districts/{code}/explain`: the district's result and how every point of it came
/// about, by the config in force: each indicator's definition, method and parameters, direction,
/// weight, value, score and points, the missing policy and rescaling; bonus and penalty items; vetoes;
/// the grade thresholds.
enum DistrictExplanationJSON {
    static func render(config: Config, configSHA256: String, result: AssessmentResult, district d: DistrictResult)
        -> [UInt8]
    {
        let s = config.scoring
        var w = JSONWriter(style: .compact)
        w.beginObject()
        w.key("period")
        w.string(result.period)
        w.key("config_sha256")
        w.string(configSHA256)
        w.key("result_config_sha256")
        w.string(result.configSHA256)
        w.key("snapshot_sha256")
        w.string(result.snapshotSHA256)
        // The policy version that applied (docs/CONFIG.md, "policy_versions").
        PolicyStampJSON.write(result.policy, into: &w)
        w.key("district")
        summary(d, config: config, into: &w)
        w.key("scoring")
        w.beginObject()
        w.key("total")
        w.number(s.total)
        w.key("max_total")
        w.number(s.effectiveMaxTotal)
        w.key("missing")
        w.string(s.missing.rawValue)
        w.key("weight")
        w.number(result.scoring?.totalWeight)
        w.key("excluded_weight")
        w.number(d.excludedWeight)
        w.key("rescale_factor")
        w.number(d.rescaleFactor)
        w.endObject()
        w.key("dimensions")
        w.beginArray()
        for dimension in s.dimensions {
            w.beginObject()
            w.key("id")
            w.string(dimension.id)
            w.key("name")
            EnterpriseExplanationJSON.localized(dimension.name, into: &w)
            w.key("weight")
            w.number(dimension.indicators.reduce(0) { $0 + $1.weight })
            w.key("points")
            w.number(d.dimension(dimension.id))
            w.key("indicators")
            w.beginArray()
            for entry in dimension.indicators { indicator(entry, config: config, result: result, d: d, into: &w) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("bonus")
        adjustments(s.bonus, cap: s.bonusCap, applied: d.bonus, items: d.bonusItems, into: &w)
        w.key("penalties")
        adjustments(s.penalties, cap: s.penaltyCap, applied: d.penalty, items: d.penaltyItems, into: &w)
        w.key("veto")
        w.beginArray()
        for rule in s.veto {
            w.beginObject()
            w.key("id")
            w.string(rule.id)
            w.key("name")
            EnterpriseExplanationJSON.localized(rule.name, into: &w)
            w.key("when")
            w.string(rule.when.text)
            w.key("triggered")
            w.bool(d.vetoedBy.contains(rule.id))
            w.endObject()
        }
        w.endArray()
        w.key("grades")
        w.beginArray()
        for grade in s.grades.sorted(by: { $0.min > $1.min }) {
            w.beginObject()
            w.key("id")
            w.string(grade.id)
            w.key("name")
            EnterpriseExplanationJSON.localized(grade.name, into: &w)
            w.key("min")
            w.number(grade.min)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.bytes
    }

    private static func summary(_ d: DistrictResult, config: Config, into w: inout JSONWriter) {
        w.beginObject()
        w.key("code")
        w.string(d.code)
        w.key("name")
        w.string(d.name)
        w.key("name_en")
        w.string(d.nameEn)
        w.key("rank")
        w.integer(d.rank)
        w.key("total")
        w.number(d.total)
        w.key("grade")
        w.string(d.grade)
        w.key("grade_name")
        EnterpriseExplanationJSON.localized(config.scoring.grades.first { $0.id == d.grade }?.name, into: &w)
        w.key("base")
        w.number(d.base)
        w.key("bonus")
        w.number(d.bonus)
        w.key("penalty")
        w.number(d.penalty)
        w.key("vetoed_by")
        w.strings(d.vetoedBy)
        w.key("incomplete")
        w.bool(d.incomplete)
        w.key("enterprises")
        w.integer(d.enterprises)
        w.endObject()
    }

    private static func indicator(
        _ entry: ScoredIndicator, config: Config, result: AssessmentResult, d: DistrictResult, into w: inout JSONWriter
    ) {
        let def = config.indicator(id: entry.indicator)
        let r = d.indicator(entry.indicator)
        let resolved = result.scoring?.indicator(entry.indicator)
        w.beginObject()
        w.key("id")
        w.string(entry.indicator)
        w.key("name")
        EnterpriseExplanationJSON.localized(def?.name, into: &w)
        w.key("unit")
        w.string(def?.unit.rawValue)
        w.key("value_expression")
        w.string(def?.value.text)
        w.key("direction")
        w.string(resolved?.direction.rawValue)
        w.key("method")
        w.string(entry.method.name)
        w.key("parameters")
        parameters(resolved, r, into: &w)
        w.key("weight")
        w.number(entry.weight)
        w.key("value")
        w.number(r?.value)
        w.key("score")
        w.number(r?.score)
        w.key("points")
        w.number(r?.points)
        w.key("missing")
        w.bool(r?.missing ?? true)
        w.key("missing_policy")
        w.string(resolved?.missing.rawValue)
        w.key("excluded")
        w.bool(r?.excluded ?? false)
        w.endObject()
    }

    /// What the engine resolved: target: floor and target; minmax: the range it used; bands: the bands
    /// in the order they were tried and the one that matched; rank: the district's rank and the rates
    /// (or step); ratio: the reference value and how it was taken.
    private static func parameters(_ resolved: ResolvedIndicator?, _ r: IndicatorResult?, into w: inout JSONWriter) {
        w.beginObject()
        defer { w.endObject() }
        guard let resolved else { return }
        switch resolved.method {
        case .target(let floor, let target):
            w.key("floor")
            w.number(floor)
            w.key("target")
            w.number(target)
        case .minmax(let range):
            w.key("min")
            w.number(range?.min)
            w.key("max")
            w.number(range?.max)
        case .bands(let bands):
            w.key("bands")
            w.beginArray()
            for band in bands {
                w.beginObject()
                w.key("min")
                w.number(resolved.direction == .higher ? band.bound : nil)
                w.key("max")
                w.number(resolved.direction == .lower ? band.bound : nil)
                w.key("score")
                w.number(band.score)
                w.endObject()
            }
            w.endArray()
            w.key("matched")
            w.integer(r?.band)
        case .rank(let rule):
            w.key("rank")
            w.integer(r?.rank)
            w.key("districts_with_value")
            w.integer(resolved.districtsWithValue)
            if case .rates(let rates, let rest) = rule {
                w.key("rates")
                w.beginArray()
                for rate in rates { w.number(rate) }
                w.endArray()
                w.key("rest")
                w.number(rest)
            } else if case .step(let step) = rule {
                w.key("step")
                w.number(step)
            }
        case .ratio(let reference, let value):
            w.key("reference")
            w.string(reference.rawValue)
            w.key("reference_value")
            w.number(value)
            w.key("districts_with_value")
            w.integer(resolved.districtsWithValue)
        }
    }

    private static func adjustments(
        _ config: [Adjustment], cap: Double?, applied: Double, items: [NamedNumber], into w: inout JSONWriter
    ) {
        w.beginObject()
        w.key("cap")
        w.number(cap)
        w.key("applied")
        w.number(applied)
        w.key("items")
        w.beginArray()
        for item in config {
            w.beginObject()
            w.key("id")
            w.string(item.id)
            w.key("name")
            EnterpriseExplanationJSON.localized(item.name, into: &w)
            w.key("points_expression")
            w.string(item.points.text)
            w.key("cap")
            w.number(item.cap)
            w.key("points")
            w.number(items.first { $0.id == item.id }?.value)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}
