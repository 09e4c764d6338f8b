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
        w.member("id", config.policyID)
        w.member("from", config.policyFrom?.description)
        named(&w, "indicators", config.indicators) { w, i in
            w.member("unit", i.unit.rawValue)
            w.member("direction", i.direction.rawValue)
            w.member("value", i.value.text)
        }
        w.key("scoring")
        scoring(&w, config.scoring)
        w.key("subsidies")
        subsidies(&w, config.subsidies)
        w.endObject()
        return w.bytes
    }

    /// `key`: an object per item, its id and names first, then what `rest` writes.
    private static func named<Item: NamedItem>(
        _ w: inout JSONWriter, _ key: String, _ items: [Item], _ rest: (inout JSONWriter, Item) -> Void
    ) {
        w.key(key)
        w.objects(items) { w, item in
            w.member("id", item.id)
            w.member("name_zh", item.name.zh)
            w.member("name_en", item.name.en)
            rest(&w, item)
        }
    }

    private static func scoring(_ w: inout JSONWriter, _ s: ScoringConfig) {
        w.beginObject()
        w.member("total", s.total)
        w.member("max_total", s.maxTotal)
        w.member("missing", s.missing.rawValue)
        named(&w, "dimensions", s.dimensions) { w, d in
            w.key("indicators")
            w.beginArray()
            for e in d.indicators { entry(&w, e) }
            w.endArray()
        }
        named(&w, "bonus", s.bonus, adjustment)
        w.member("bonus_cap", s.bonusCap)
        named(&w, "penalties", s.penalties, adjustment)
        w.member("penalty_cap", s.penaltyCap)
        named(&w, "veto", s.veto, rule)
        named(&w, "grades", s.grades) { w, g in w.member("min", g.min) }
        w.endObject()
    }

    private static func entry(_ w: inout JSONWriter, _ e: ScoredIndicator) {
        w.beginObject()
        w.member("indicator", e.indicator)
        w.member("weight", e.weight)
        w.member("method", e.method.name)
        w.member("direction", e.direction?.rawValue)
        w.member("missing", e.missing?.rawValue)
        switch e.method {
        case .target(let floor, let target):
            w.member("floor", floor)
            w.member("target", target)
        case .minmax:
            break
        case .bands(let bands):
            w.key("bands")
            w.objects(bands) { w, b in
                w.member("min", b.min)
                w.member("max", b.max)
                w.member("score", b.score)
            }
        case .rank(.rates(let rates, let rest)):
            w.key("rates")
            w.beginArray()
            for r in rates { w.number(r) }
            w.endArray()
            w.member("rest", rest)
        case .rank(.step(let step)):
            w.member("step", step)
        case .ratio(let reference):
            w.member("reference", reference.rawValue)
        }
        w.endObject()
    }

    private static func adjustment(_ w: inout JSONWriter, _ a: Adjustment) {
        w.member("points", a.points.text)
        w.member("cap", a.cap)
    }

    private static func rule(_ w: inout JSONWriter, _ r: Rule) {
        w.member("when", r.when.text)
    }

    private static func subsidies(_ w: inout JSONWriter, _ s: SubsidyConfig) {
        w.beginObject()
        w.member("budget_yuan", s.budgetYuan)
        w.member("allocation", s.allocation.rawValue)
        w.member("priority", s.priority?.text)
        w.member("enterprise_cap_yuan", s.enterpriseCapYuan)
        named(&w, "eligibility", s.eligibility, rule)
        named(&w, "programs", s.programs) { w, p in
            w.member("basis", p.basis)
            w.member("when", p.when.text)
            w.member("amount_yuan", p.amountYuan.text)
            w.member("group", p.group)
            w.member("once_per_years", p.oncePerYears)
            w.member("budget_yuan", p.budgetYuan)
        }
        w.endObject()
    }
}

/// What every listed part of a policy has: an id and a name in both languages.
protocol NamedItem {
    var id: String { get }
    var name: LocalizedText { get }
}

extension Indicator: NamedItem {}
extension Dimension: NamedItem {}
extension Adjustment: NamedItem {}
extension Rule: NamedItem {}
extension Grade: NamedItem {}
extension Program: NamedItem {}
