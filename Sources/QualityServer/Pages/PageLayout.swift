import QualityCore

/// The shell every page shares: doctype, `lang`, title, stylesheet, header with navigation, language
/// switch and sign-in state, then the page's content, then the footer with provenance.
enum PageLayout {
    static func document(
        _ c: PageContext, title: String, nav: NavItem?, provenance: Provenance?, bodyClass: String? = nil,
        reserve: Int = 32_768, content: (inout HTMLWriter) -> Void
    ) -> [UInt8] {
        var w = HTMLWriter(reserve: reserve)
        w.raw("<!DOCTYPE html>\n")
        w.open("html", ["lang": c.language == .zh ? "zh-CN" : "en"])
        w.raw("<head><meta charset=\"utf-8\">")
        w.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        w.element("title", text: title + " · " + siteName(c))
        switch c.stylesheet {
        case .inline: w.raw("<style>" + PageStyle.css + "</style>")
        case .link(let href): w.open("link", ["rel": "stylesheet", "href": href])
        }
        w.raw("</head>\n")
        w.open("body", ["class": bodyClass])
        header(&w, c, nav: nav)
        w.raw("<main id=\"main\">")
        content(&w)
        w.raw("</main>\n")
        footer(&w, c, provenance)
        w.raw("</body></html>\n")
        return w.bytes
    }

    static func siteName(_ c: PageContext) -> String {
        c.t("质量强区评价与财政奖励", "Quality-strong district assessment")
    }

    private static func header(_ w: inout HTMLWriter, _ c: PageContext, nav: NavItem?) {
        w.raw("<header class=\"site\"><a class=\"skip\" href=\"#main\">")
        w.text(c.t("跳到正文", "Skip to content"))
        w.raw("</a>")
        w.link(c.link("/"), siteName(c), class: "brand")
        w.open("nav", ["aria-label": c.t("主导航", "Main")])
        w.raw("<ul>")
        for item in NavItem.allCases where item.isShown(to: c) {
            w.raw("<li>")
            w.element(
                "a", ["href": c.link(item.path), "aria-current": item == nav ? "page" : nil], text: item.title(c))
            w.raw("</li>")
        }
        w.raw("</ul></nav><div class=\"session\">")
        w.element(
            "a", ["href": c.languageSwitch, "id": "lang-switch", "hreflang": c.language == .zh ? "en" : "zh-CN"],
            text: c.language == .zh ? "English" : "中文")
        if let user = c.user {
            w.element("span", ["class": "user", "id": "signed-in"], text: user.name + " · " + roleName(user.role, c))
            w.open("form", ["method": "post", "action": "/logout", "class": "inline"])
            w.element("button", ["type": "submit"], text: c.t("退出", "Sign out"))
            w.close("form")
        } else if c.path != "/login" {
            w.element(
                "a", ["href": c.link("/login", [("next", c.path)]), "id": "sign-in"], text: c.t("登录", "Sign in"))
        }
        w.raw("</div></header>\n")
    }

    private static func footer(_ w: inout HTMLWriter, _ c: PageContext, _ p: Provenance?) {
        w.raw("<footer class=\"site\"><dl>")
        if let period = p?.period {
            item(&w, c.t("评价期", "Period"), PageFormat.period(period, c.language), id: "footer-period")
        }
        if let p {
            item(&w, c.t("配置", "Config"), PageFormat.shortHash(p.configSHA256), id: "footer-config", code: true)
            item(&w, c.t("快照", "Snapshot"), PageFormat.shortHash(p.snapshotSHA256), id: "footer-snapshot", code: true)
        }
        item(&w, c.t("生成时间", "Generated"), c.time(c.generatedAt) + " (" + c.timezone + ")", id: "footer-generated")
        w.raw("</dl></footer>\n")
    }

    private static func item(_ w: inout HTMLWriter, _ term: String, _ value: String, id: String, code: Bool = false) {
        w.element("dt", text: term)
        w.element("dd", ["id": id]) { w in
            if code { w.element("code", text: value) } else { w.text(value) }
        }
    }

    static func roleName(_ role: Role, _ c: PageContext) -> String {
        switch role {
        case .viewer: c.t("查看者", "viewer")
        case .finance: c.t("财务", "finance")
        case .admin: c.t("管理员", "admin")
        }
    }

    /// A note (`info`), warning (`warn`) or error box; warnings and errors are `role="alert"` so screen
    /// readers announce them.
    static func banner(_ w: inout HTMLWriter, kind: String, id: String? = nil, _ body: (inout HTMLWriter) -> Void) {
        w.element("div", ["class": "banner " + kind, "id": id, "role": kind == "info" ? "status" : "alert"], body)
    }
}
