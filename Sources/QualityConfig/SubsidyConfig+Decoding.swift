import QualityCore
import Yams

extension ConfigDecoder {
    func subsidies(_ node: Node, _ path: String) -> SubsidyConfig {
        let m = mapping(
            node, path,
            known: [
                "budget_yuan", "allocation", "priority", "enterprise_cap_yuan", "eligibility", "programs",
                "publish_with_open_appeals",
            ])
        var s = SubsidyConfig()
        s.budgetYuan = m.optional("budget_yuan", number)
        if let v: Allocation = m.optional("allocation", choice) { s.allocation = v }
        s.priority = m.optional("priority", expression)
        s.enterpriseCapYuan = m.optional("enterprise_cap_yuan", number)
        s.eligibility = m.optional("eligibility") { items($0, $1, rule) } ?? []
        s.programs = m.optional("programs") { items($0, $1, program) } ?? []
        s.publishWithOpenAppeals = m.optional("publish_with_open_appeals", bool) ?? false
        return s
    }

    func program(_ node: Node, _ path: String) -> Program {
        let m = mapping(
            node, path,
            known: ["id", "name", "basis", "when", "amount_yuan", "group", "once_per_years", "budget_yuan"])
        let (id, name) = m.idAndName()
        return Program(
            id: id, name: name,
            basis: m.optional("basis", string) ?? "",
            when: m.required("when", expression) ?? placeholderExpression,
            amountYuan: m.required("amount_yuan", expression) ?? placeholderExpression,
            group: m.optional("group", string),
            oncePerYears: m.optional("once_per_years", integer),
            budgetYuan: m.optional("budget_yuan", number),
            location: m.location
        )
    }
}
