import QualityCore

/// What a person asked for from a page, and the words for it in both languages.
struct ActionText: Sendable, Equatable {
    var zh: String
    var en: String

    func text(_ c: PageContext) -> String { c.t(zh, en) }
}

/// The page of an action posted from a form (docs/SEMANTICS.md §14): the confirmation step that
/// names what will happen, with the same fields posted again and `confirm=yes`; then the outcome;
/// or the refusal with its status (403, 409, …).
package struct ActionPage: Sendable {
    enum Step: Sendable {
        /// `what` will happen once confirmed; `fields` are posted again to `action`.
        case confirm(what: ActionText, action: String, fields: [(String, String)])
        case done(ActionText)
        case refused(status: Int, detail: String)
    }

    var step: Step
    /// Where to go on afterwards (the page the form was on).
    var back: String
    var context: PageContext

    package func render() -> [UInt8] {
        let c = context
        let title: String
        switch step {
        case .confirm: title = c.t("请确认", "Please confirm")
        case .done: title = c.t("已完成", "Done")
        case .refused(let status, _): title = c.t("未执行", "Refused") + " (\(status))"
        }
        return PageLayout.document(c, title: title, nav: nil, provenance: nil) { w in
            w.element("h1", ["id": "action-title"], text: title)
            switch step {
            case .confirm(let what, let action, let fields):
                w.element("p", ["id": "action-confirm"], text: what.text(c))
                w.open("form", ["method": "post", "action": action, "id": "confirm-form"])
                for (name, value) in fields where name != "confirm" {
                    w.open("input", ["type": "hidden", "name": name, "value": value])
                }
                w.open("input", ["type": "hidden", "name": "confirm", "value": "yes"])
                w.element("button", ["type": "submit", "id": "confirm-button"], text: c.t("确认", "Confirm"))
                w.text(" ")
                w.link(back, c.t("取消", "Cancel"))
                w.close("form")
            case .done(let outcome):
                PageLayout.banner(&w, kind: "info", id: "action-outcome") { $0.text(outcome.text(c)) }
                w.element("p") { $0.link(back, c.t("返回", "Back")) }
            case .refused(let status, let detail):
                PageLayout.banner(&w, kind: "error", id: "action-refused") { w in
                    w.element("strong", ["data-status": String(status)], text: Self.reason(status, c))
                    w.element("p", text: detail)
                }
                w.element("p") { $0.link(back, c.t("返回", "Back")) }
            }
        }
    }

    /// Why an action is refused, by its status, in the page's language.
    static func reason(_ status: Int, _ c: PageContext) -> String {
        switch status {
        case 403:
            c.t(
                "无权执行：您的角色不够，或四眼原则要求由提议人以外的管理员决定。",
                "Not allowed: your role is too low, or four eyes require an admin other than the proposer.")
        case 409:
            c.t("与当前状态冲突，未做任何更改。", "It conflicts with the current state; nothing was changed.")
        case 404: c.t("未找到所指的记录。", "The record named does not exist.")
        case 400: c.t("填写有误，请检查后重试。", "A field is not right; check it and try again.")
        default: c.t("操作失败，未做任何更改。", "The action failed; nothing was changed.")
        }
    }
}

/// A form that posts an action to `action`; the first post shows the confirmation step.
enum ActionForm {
    static func open(_ w: inout HTMLWriter, action: String, id: String, class cls: String = "action") {
        w.open("form", ["method": "post", "action": action, "id": id, "class": cls])
    }

    static func field(_ w: inout HTMLWriter, label: String, name: String, value: String = "", required: Bool = true) {
        w.element("label") { w in
            w.text(label + " ")
            w.open(
                "input",
                ["type": "text", "name": name, "value": value.isEmpty ? nil : value, "required": required ? "" : nil])
        }
        w.text(" ")
    }

    static func select(_ w: inout HTMLWriter, label: String, name: String, options: [(String, String)]) {
        w.element("label") { w in
            w.text(label + " ")
            w.element("select", ["name": name]) { w in
                for (value, text) in options { w.element("option", ["value": value], text: text) }
            }
        }
        w.text(" ")
    }

    static func submit(_ w: inout HTMLWriter, _ text: String, id: String? = nil) {
        w.element("button", ["type": "submit", "id": id], text: text)
        w.close("form")
    }
}
