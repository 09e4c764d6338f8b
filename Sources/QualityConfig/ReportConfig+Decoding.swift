import QualityCore
import Yams

extension ConfigDecoder {
    func report(_ node: Node, _ path: String) -> ReportConfig {
        let m = mapping(node, path, known: ["id", "name", "group_by", "groups", "figures", "trend", "compare"])
        let (id, name) = m.idAndName()
        var r = ReportConfig(
            id: id, name: name,
            groupBy: m.required("group_by", string) ?? "", location: m.location)
        r.groups = m.optional("groups", groupNames) ?? []
        r.figures = m.required("figures") { items($0, $1, figure) } ?? []
        r.trend = m.optional("trend", string)
        r.compare = m.optional("compare", string)
        return r
    }

    /// `{ value: name, … }` in file order.
    func groupNames(_ node: Node, _ path: String) -> [(value: String, name: LocalizedText)]? {
        let m = mapping(node, path, known: nil)
        return m.entries.compactMap { entry in
            localized(entry.value, m.childPath(entry.key)).map { (entry.key, $0) }
        }
    }

    func figure(_ node: Node, _ path: String) -> ReportFigure {
        let m = mapping(node, path, known: ["id", "name", "unit", "value"])
        let (id, name) = m.idAndName()
        var f = ReportFigure(
            id: id, name: name,
            value: m.required("value", expression) ?? placeholderExpression, location: m.location)
        if let v: IndicatorUnit = m.optional("unit", choice) { f.unit = v }
        return f
    }
}
