import QualityCore
import Yams

extension ConfigDecoder {
    /// `policy: { id, from }`: names the top-level sections as the first policy version.
    func policy(_ node: Node, _ path: String, into config: inout Config) {
        let m = mapping(node, path, known: ["id", "from"])
        if let v = m.optional("id", string) { config.policyID = v }
        config.policyFrom = m.optional("from", period)
    }

    /// One of `policy_versions`: id, from, and the sections it replaces.
    func policyVersion(_ node: Node, _ path: String) -> PolicyVersion {
        let m = mapping(node, path, known: ["id", "from", "indicators", "scoring", "subsidies"])
        return PolicyVersion(
            id: m.required("id", string) ?? "",
            from: m.required("from", period) ?? Period(year: 1),
            indicators: m.optional("indicators") { items($0, $1, indicator) },
            scoring: m.optional("scoring", scoring),
            subsidies: m.optional("subsidies", subsidies),
            location: m.location
        )
    }

    /// A period written `2025`, `2025Q3` or `2025-07`.
    func period(_ node: Node, _ path: String) -> Period? {
        guard let text = string(node, path) else { return nil }
        guard let period = Period(text) else {
            fail(path, node, "expected a period such as 2025, 2025Q3 or 2025-07 (found '\(text)')")
            return nil
        }
        return period
    }
}
