/// The canonical form of one policy version: its id, its first period, and the indicators,
/// scoring and subsidies in force under it, as compact JSON with keys in a fixed order, names in
/// both languages and expressions as written. Where things are written in the file (lines,
/// comments, layout) and the other versions play no part, so adding a later version never
/// changes an earlier version's SHA-256.
public enum PolicyCanonicalForm {
    /// The stamp of the version `config` is in force under (`Config.inForce(version:)`).
    public static func stamp(of config: Config) -> PolicyStamp {
        PolicyStamp(id: config.policyID, sha256: SHA256.hex(bytes(of: config)))
    }

    public static func bytes(of config: Config) -> [UInt8] {
        var w = JSONWriter(style: .canonical, reserve: 4096)
        w.beginObject()
        w.key("id")
        w.string(config.policyID)
        w.key("from")
        w.string(config.policyFrom?.description)
        w.key("indicators")
        w.beginArray()
        for i in config.indicators {
            w.beginObject()
            field(&w, "id", i.id)
            name(&w, i.name)
            field(&w, "unit", i.unit.rawValue)
            field(&w, "direction", i.direction.rawValue)
            field(&w, "value", i.value.text)
            w.endObject()
        }
        w.endArray()
        w.key("scoring")
        scoring(&w, config.scoring)
        w.key("subsidies")
        subsidies(&w, config.subsidies)
        w.endObject()
        return w.bytes
    }

    private static func field(_ w: inout JSONWriter, _ key: String, _ value: String?) {
        w.key(key)
        w.string(value)
    }

    private static func number(_ w: inout JSONWriter, _ key: String, _ value: Double?) {
        w.key(key)
        w.number(value)
    }

    private static func name(_ w: inout JSONWriter, _ text: LocalizedText) {
        field(&w, "name_zh", text.zh)
        field(&w, "name_en", text.en)
    }

    private static func scoring(_ w: inout JSONWriter, _ s: ScoringConfig) {
        w.beginObject()
        number(&w, "total", s.total)
        number(&w, "max_total", s.maxTotal)
        field(&w, "missing", s.missing.rawValue)
        w.key("dimensions")
        w.beginArray()
        for d in s.dimensions {
            w.beginObject()
            field(&w, "id", d.id)
            name(&w, d.name)
            w.key("indicators")
            w.beginArray()
            for e in d.indicators { entry(&w, e) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        adjustments(&w, "bonus", s.bonus)
        number(&w, "bonus_cap", s.bonusCap)
        adjustments(&w, "penalties", s.penalties)
        number(&w, "penalty_cap", s.penaltyCap)
        rules(&w, "veto", s.veto)
        w.key("grades")
        w.beginArray()
        for g in s.grades {
            w.beginObject()
            field(&w, "id", g.id)
            name(&w, g.name)
            number(&w, "min", g.min)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    private static func entry(_ w: inout JSONWriter, _ e: ScoredIndicator) {
        w.beginObject()
        field(&w, "indicator", e.indicator)
        number(&w, "weight", e.weight)
        field(&w, "method", e.method.name)
        field(&w, "direction", e.direction?.rawValue)
        field(&w, "missing", e.missing?.rawValue)
        switch e.method {
        case .target(let floor, let target):
            number(&w, "floor", floor)
            number(&w, "target", target)
        case .minmax:
            break
        case .bands(let bands):
            w.key("bands")
            w.beginArray()
            for b in bands {
                w.beginObject()
                number(&w, "min", b.min)
                number(&w, "max", b.max)
                number(&w, "score", b.score)
                w.endObject()
            }
            w.endArray()
        case .rank(.rates(let rates, let rest)):
            w.key("rates")
            w.beginArray()
            for r in rates { w.number(r) }
            w.endArray()
            number(&w, "rest", rest)
        case .rank(.step(let step)):
            number(&w, "step", step)
        case .ratio(let reference):
            field(&w, "reference", reference.rawValue)
        }
        w.endObject()
    }

    private static func adjustments(_ w: inout JSONWriter, _ key: String, _ items: [Adjustment]) {
        w.key(key)
        w.beginArray()
        for a in items {
            w.beginObject()
            field(&w, "id", a.id)
            name(&w, a.name)
            field(&w, "points", a.points.text)
            number(&w, "cap", a.cap)
            w.endObject()
        }
        w.endArray()
    }

    private static func rules(_ w: inout JSONWriter, _ key: String, _ items: [Rule]) {
        w.key(key)
        w.beginArray()
        for r in items {
            w.beginObject()
            field(&w, "id", r.id)
            name(&w, r.name)
            field(&w, "when", r.when.text)
            w.endObject()
        }
        w.endArray()
    }

    private static func subsidies(_ w: inout JSONWriter, _ s: SubsidyConfig) {
        w.beginObject()
        number(&w, "budget_yuan", s.budgetYuan)
        field(&w, "allocation", s.allocation.rawValue)
        field(&w, "priority", s.priority?.text)
        number(&w, "enterprise_cap_yuan", s.enterpriseCapYuan)
        rules(&w, "eligibility", s.eligibility)
        w.key("programs")
        w.beginArray()
        for p in s.programs {
            w.beginObject()
            field(&w, "id", p.id)
            name(&w, p.name)
            field(&w, "basis", p.basis)
            field(&w, "when", p.when.text)
            field(&w, "amount_yuan", p.amountYuan.text)
            field(&w, "group", p.group)
            w.key("once_per_years")
            w.integer(p.oncePerYears)
            number(&w, "budget_yuan", p.budgetYuan)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}
