/// `GET /login`: a form that posts a token (a password field) to `/login`; the route sets the
/// HttpOnly cookie and redirects to `next`.
package struct LoginPage: Sendable {
    /// Shown above the form after a failed attempt ("wrong token"); plain text.
    package var error: String?
    /// Where to go after signing in; only a local path is kept (no open redirect through the form).
    package var next: String?
    package var context: PageContext

    /// `next` when it is a path on this server, else `/`.
    ///
    /// A path starts with one `/` (not `//`, which browsers read as another host) and holds no
    /// backslash, whitespace or control character: browsers drop tabs and newlines from a
    /// `Location` and read `\\` as `/`, so `/\t/host` or `/\\host` would lead elsewhere too.
    package static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//") else { return "/" }
        let unsafe = next.unicodeScalars.contains { s in
            s == "\\" || s.properties.isWhitespace || s.properties.generalCategory == .control
                || s.properties.generalCategory == .format
        }
        return unsafe ? "/" : next
    }

    package func render() -> [UInt8] {
        let c = context
        let title = c.t("登录", "Sign in")
        return PageLayout.document(c, title: title, nav: nil, provenance: nil) { w in
            w.element("h1", text: title)
            if let error {
                PageLayout.banner(&w, kind: "error", id: "login-error") { $0.text(error) }
            }
            w.open("form", ["class": "login", "method": "post", "action": c.link("/login")])
            w.element("label", ["for": "token"], text: c.t("访问令牌", "Access token"))
            w.open(
                "input",
                [
                    "id": "token", "name": "token", "type": "password", "required": "required",
                    "autocomplete": "current-password", "autofocus": "autofocus",
                    "aria-describedby": error == nil ? "token-help" : "login-error token-help",
                ])
            w.element(
                "p", ["class": "muted", "id": "token-help"],
                text: c.t(
                    "请输入管理员发放的令牌。登录状态保存在浏览器 Cookie 中。",
                    "Enter the token your administrator gave you. You stay signed in through a browser cookie."))
            w.open("input", ["type": "hidden", "name": "next", "value": Self.safeNext(next)])
            w.element("button", ["type": "submit"], text: title)
            w.close("form")
        }
    }
}
