import QualityCore

/// "政策版本：2027（sha256 1a2b3c4d5e6f）": the policy version a result was scored under, on the
/// district page and the notice (docs/CONFIG.md, "policy_versions"). Nothing for a result stored
/// before versions existed.
enum PolicyLine {
    static func write(_ w: inout HTMLWriter, _ c: PageContext, _ stamp: PolicyStamp?) {
        guard let stamp else { return }
        w.element("p", ["class": "muted", "id": "policy-version", "data-policy": stamp.id]) { w in
            w.text(c.t("政策版本：", "Policy version: "))
            w.element("strong", text: stamp.id)
            w.text(c.t("（sha256 ", " (sha256 "))
            w.element("code", ["title": stamp.sha256], text: PageFormat.shortHash(stamp.sha256))
            w.text(c.t("）", ")"))
        }
    }
}
