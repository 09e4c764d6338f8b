import QualityCore
import Yams

extension ConfigDecoder {
    func sampling(_ node: Node, _ path: String) -> SamplingConfig {
        let m = mapping(node, path, known: ["risk_score", "classes", "min_per_stratum", "inspectors"])
        var s = SamplingConfig(
            riskScore: m.required("risk_score", expression) ?? placeholderExpression, location: m.location)
        s.classes = m.required("classes") { items($0, $1, riskClass) } ?? []
        if let v = m.optional("min_per_stratum", integer) { s.minPerStratum = v }
        s.inspectors = m.required("inspectors") { items($0, $1, inspector) } ?? []
        return s
    }

    func riskClass(_ node: Node, _ path: String) -> RiskClass {
        let m = mapping(node, path, known: ["id", "name", "min_score", "ratio"])
        let (id, name) = m.idAndName()
        return RiskClass(
            id: id, name: name,
            minScore: m.required("min_score", number) ?? 0,
            ratio: m.required("ratio", number) ?? 0,
            location: m.location
        )
    }

    func inspector(_ node: Node, _ path: String) -> Inspector {
        let m = mapping(node, path, known: ["id", "name", "district", "active"])
        let id = m.required("id", string) ?? ""
        return Inspector(
            id: id,
            name: m.optional("name", string) ?? id,
            district: m.required("district", string) ?? "",
            active: m.optional("active", bool) ?? true,
            location: m.location
        )
    }
}
