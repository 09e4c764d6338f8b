/// The error page of every HTML route (401, 403, 404, 500, …), in the page's language.
package struct ErrorPage: Sendable {
    package var status: Int
    /// A specific explanation ("no district 330299"); the status's own text when nil. Plain text.
    package var detail: String?
    package var context: PageContext

    var title: String {
        let c = context
        switch status {
        case 400: return c.t("请求有误", "Bad request")
        case 401: return c.t("需要登录", "Sign-in required")
        case 403: return c.t("权限不足", "Not allowed")
        case 404: return c.t("未找到", "Not found")
        case 503: return c.t("暂不可用", "Not available yet")
        default: return status >= 500 ? c.t("服务器内部错误", "Server error") : c.t("请求失败", "Request failed")
        }
    }

    var message: String {
        let c = context
        switch status {
        case 401: return c.t("请先登录后再访问此页面。", "Please sign in to see this page.")
        case 403: return c.t("您的角色无权访问此页面，请联系管理员。", "Your role may not see this page; ask your administrator.")
        case 404: return c.t("您要找的页面或记录不存在。", "The page or record you asked for does not exist.")
        case 503: return c.t("尚无评分结果，请稍后再试。", "There is no result yet; please try again shortly.")
        default:
            return status >= 500
                ? c.t("处理请求时出错，已记录日志。", "Something went wrong; it has been logged.")
                : c.t("无法处理该请求。", "The request could not be handled.")
        }
    }

    package func render() -> [UInt8] {
        let c = context
        return PageLayout.document(c, title: "\(status) " + title, nav: nil, provenance: nil) { w in
            w.element("h1", ["id": "error-status", "data-status": String(status)], text: "\(status) · " + title)
            w.element("p", ["id": "error-message"], text: detail ?? message)
            w.element("p") { w in
                if status == 401 {
                    w.link(c.link("/login", [("next", c.path)]), c.t("登录", "Sign in"))
                    w.text(" · ")
                }
                w.link(c.link("/"), c.t("返回首页", "Back to the ranking"))
            }
        }
    }
}
