import QualityCore
import Yams

extension ConfigDecoder {
    func scoring(_ node: Node, _ path: String) -> ScoringConfig {
        let m = mapping(
            node, path,
            known: [
                "total", "max_total", "missing", "dimensions", "bonus", "bonus_cap", "penalties", "penalty_cap", "veto",
                "grades",
            ])
        var s = ScoringConfig()
        if let v = m.optional("total", number) { s.total = v }
        s.maxTotal = m.optional("max_total", number)
        if let v: MissingPolicy = m.optional("missing", choice) { s.missing = v }
        s.dimensions = m.required("dimensions") { items($0, $1, dimension) } ?? []
        s.bonus = m.optional("bonus") { items($0, $1, adjustment) } ?? []
        s.bonusCap = m.optional("bonus_cap", number)
        s.penalties = m.optional("penalties") { items($0, $1, adjustment) } ?? []
        s.penaltyCap = m.optional("penalty_cap", number)
        s.veto = m.optional("veto") { items($0, $1, rule) } ?? []
        s.grades = m.required("grades") { items($0, $1, grade) } ?? []
        return s
    }

    func dimension(_ node: Node, _ path: String) -> Dimension {
        let m = mapping(node, path, known: ["id", "name", "indicators"])
        let (id, name) = m.idAndName()
        return Dimension(
            id: id, name: name,
            indicators: m.required("indicators") { items($0, $1, scoredIndicator) } ?? [],
            location: m.location
        )
    }

    func scoredIndicator(_ node: Node, _ path: String) -> ScoredIndicator {
        let m = mapping(
            node, path,
            known: [
                "indicator", "weight", "method", "direction", "missing", "floor", "target", "bands", "rates", "rest",
                "step", "reference",
            ])
        let methodName: String? = m.required("method") { [self] node, path in
            guard let kind: MethodName = choice(node, path) else { return nil }
            return kind.rawValue
        }
        // Keys that belong to another method are mistakes worth naming.
        let owners = [
            ("floor", "target"), ("target", "target"), ("bands", "bands"), ("rates", "rank"), ("rest", "rank"),
            ("step", "rank"), ("reference", "ratio"),
        ]
        for (key, owner) in owners where m.has(key) && methodName != nil && methodName != owner {
            let keyPath = m.childPath(key)
            markFailed(keyPath)
            error(keyPath, at: keyLocations[keyPath], "'\(key)' applies only to method: \(owner)")
        }
        var method = ScoringMethod.minmax
        switch methodName {
        case "target":
            let floor = m.required("floor", number)
            let target = m.required("target", number)
            method = .target(floor: floor ?? 0, target: target ?? 1)
        case "bands":
            method = .bands(m.required("bands") { items($0, $1, band) } ?? [])
        case "rank":
            method = .rank(rankRule(m))
        case "ratio":
            method = .ratio(m.optional("reference", choice) ?? .best)
        default:
            break
        }
        return ScoredIndicator(
            indicator: m.required("indicator", string) ?? "",
            weight: m.required("weight", number) ?? 0,
            method: method,
            direction: m.optional("direction", choice),
            missing: m.optional("missing", choice),
            location: m.location
        )
    }

    private enum MethodName: String, CaseIterable {
        case target, minmax, bands, rank, ratio
    }

    /// `rates` (with an optional `rest`) or `step`: exactly one of the two. Their ranges are checked by
    /// `ConfigValidator`.
    private func rankRule(_ m: MappingReader) -> RankRule {
        switch (m.has("rates"), m.has("step")) {
        case (true, true):
            markFailed(m.childPath("step"))
            error(
                m.childPath("step"), at: keyLocations[m.childPath("step")],
                "method rank takes either 'rates' or 'step', not both")
            return .step(1)
        case (false, false):
            markFailed(m.childPath("rates"))
            error(m.childPath("rates"), at: m.location, "method rank needs 'rates' (with an optional 'rest') or 'step'")
            return .step(1)
        case (true, false):
            let rates = m.optional("rates") { items($0, $1, number) } ?? []
            return .rates(rates.map { $0 ?? 0 }, rest: m.optional("rest", number) ?? 0)
        case (false, true):
            if m.has("rest") {
                markFailed(m.childPath("rest"))
                error(
                    m.childPath("rest"), at: keyLocations[m.childPath("rest")],
                    "'rest' goes with 'rates' (the score of a rank past the list); with 'step' every rank has a score")
            }
            return .step(m.optional("step", number) ?? 1)
        }
    }

    func band(_ node: Node, _ path: String) -> Band {
        let m = mapping(node, path, known: ["min", "max", "score"])
        return Band(
            min: m.optional("min", number), max: m.optional("max", number), score: m.required("score", number) ?? 0)
    }

    /// A bonus or penalty item.
    func adjustment(_ node: Node, _ path: String) -> Adjustment {
        let m = mapping(node, path, known: ["id", "name", "points", "cap"])
        let (id, name) = m.idAndName()
        return Adjustment(
            id: id, name: name,
            points: m.required("points", expression) ?? placeholderExpression,
            cap: m.optional("cap", number),
            location: m.location
        )
    }

    func grade(_ node: Node, _ path: String) -> Grade {
        let m = mapping(node, path, known: ["id", "name", "min"])
        let (id, name) = m.idAndName()
        return Grade(
            id: id, name: name,
            min: m.required("min", number) ?? 0,
            location: m.location
        )
    }
}
