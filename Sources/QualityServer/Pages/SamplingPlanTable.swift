import QualityCore

/// The selected enterprises of a plan with their inspectors, for the plan page and the notice.
struct SamplingPlanTable {
    let config: Config
    let plan: SamplingPlanDocument
    let context: PageContext

    static func districtName(_ code: String, _ config: Config, _ c: PageContext) -> String {
        config.district(code: code).map { c.t($0.name) } ?? code
    }

    static func className(_ id: String, _ config: Config, _ c: PageContext) -> String {
        guard let cls = config.sampling?.classes.first(where: { $0.id == id }) else { return id }
        return id + " " + c.t(cls.name)
    }

    func inspectorName(_ id: String) -> String {
        guard let name = config.sampling?.inspectors.first(where: { $0.id == id })?.name else { return id }
        return "\(name) (\(id))"
    }

    /// One table, or with `grouped` one per district.
    func render(_ w: inout HTMLWriter, grouped: Bool) {
        let c = context
        let groups: [(String?, [SamplingPlanDocument.SelectionJSON])] =
            grouped
            ? Dictionary(grouping: plan.plan, by: \.district).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            : [(nil, plan.plan)]
        var number = 0
        for (district, rows) in groups {
            if let district { w.element("h2", text: Self.districtName(district, config, c)) }
            w.open(
                "table",
                [
                    "class": "sampling-plan", "id": district.map { "plan-" + $0 } ?? "notice-list",
                    "data-rows": String(rows.count),
                ])
            w.headerRow([
                c.t("序号", "No."), c.t("企业名称", "Enterprise"), c.t("统一社会信用代码", "USCC"), c.t("区县", "District"),
                c.t("风险等级", "Risk class"), c.t("检查人员", "Inspectors"),
            ])
            w.raw("<tbody>\n")
            for p in rows {
                number += 1
                w.open("tr", ["data-uscc": p.uscc, "data-class": p.riskClass])
                w.td(String(number), class: "num")
                w.td(p.name ?? "", class: "name")
                w.td(p.uscc, class: "uscc")
                w.td(Self.districtName(p.district, config, c))
                w.td(Self.className(p.riskClass, config, c))
                w.td(p.inspectors.map(inspectorName).joined(separator: c.t("、", ", ")), class: "inspectors")
                w.raw("</tr>\n")
            }
            w.raw("</tbody></table>\n")
        }
    }
}
