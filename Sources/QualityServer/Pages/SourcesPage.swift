import QualityCore
import QualityStore

/// `GET /sources`: data freshness per bureau source — up or down, fresh or stale, the last success
/// in the config's time zone, the last pull's result, records, rejects by reason, duration and error.
package struct SourcesPage: Sendable {
    package var sources: [SourceView]
    /// The result the dashboards show, for the footer; nil before the first scoring.
    package var provenance: Provenance?
    package var context: PageContext

    package func render() -> [UInt8] {
        let c = context
        let title = c.t("数据源状态", "Data sources")
        return PageLayout.document(c, title: title, nav: .sources, provenance: provenance) { w in
            w.element("h1", text: title)
            Self.staleBanner(&w, sources, c)
            guard !sources.isEmpty else {
                w.element("p", ["class": "muted"], text: c.t("未配置数据源。", "No sources are configured."))
                return
            }
            w.element(
                "p", ["class": "muted"],
                text: c.t("时间为 \(c.timezone) 时区。", "Times are in \(c.timezone)."))
            table(&w)
        }
    }

    private func table(_ w: inout HTMLWriter) {
        let c = context
        w.open("table", ["id": "sources"])
        w.headerRow([
            c.t("数据源", "Source"), c.t("状态", "Status"), c.t("最近成功", "Last success"),
            c.t("最近拉取", "Last pull"), c.t("记录数", "Records"), c.t("拒收记录", "Rejected"),
            c.t("耗时(秒)", "Duration (s)"), c.t("错误信息", "Error"),
        ])
        w.raw("<tbody>")
        for s in sources {
            w.open("tr", ["data-source": s.id, "class": s.stale ? "stale" : nil])
            w.element("th", ["scope": "row"]) { w in
                w.text(c.t(s.name))
                if let other = c.language == .zh ? s.name.en : s.name.zh, other != c.t(s.name) {
                    w.element("span", ["class": "en"], text: other)
                }
                w.element("div", ["class": "muted"]) { $0.element("code", text: s.id) }
            }
            let status =
                (s.up ? c.t("正常", "up") : c.t("故障", "down")) + " · "
                + (s.stale ? c.t("过期", "stale") : c.t("新鲜", "fresh"))
            w.td(
                (s.stale || !s.up ? "⚠ " : "✓ ") + status, class: s.stale || !s.up ? "status bad" : "status ok",
                value: s.stale ? "stale" : s.up ? "up" : "down")
            w.td(s.lastSuccess.map(c.time) ?? c.t("从未成功", "never"), class: "last-success")
            if let pull = s.lastPull {
                w.td(
                    c.time(pull.finishedAt) + " · " + Self.pullResult(pull.status.rawValue, c),
                    value: pull.status.rawValue)
                w.td(String(pull.records), class: "num", value: String(pull.records))
                w.element("td", ["class": "rejects", "data-value": String(pull.rejectedTotal)]) { w in
                    let reasons = pull.rejected.filter { $0.value > 0 }.sorted { $0.key < $1.key }
                    guard !reasons.isEmpty else { return w.text("0") }
                    w.raw("<ul>")
                    for (reason, count) in reasons {
                        w.element("li", ["data-reason": reason], text: Self.rejectReason(reason, c) + " \(count)")
                    }
                    w.raw("</ul>")
                }
                w.td(PageFormat.fixed(pull.durationSeconds), class: "num")
                w.td(pull.error ?? "", class: "error")
            } else {
                w.td(c.t("尚未拉取", "not yet pulled"))
                for _ in 0..<4 { w.td("—", class: "num") }
            }
            w.raw("</tr>\n")
        }
        w.raw("</tbody></table>")
    }

    /// The warning shown on the ranking and sources pages while any source is stale.
    static func staleBanner(_ w: inout HTMLWriter, _ sources: [SourceView], _ c: PageContext) {
        let stale = sources.filter(\.stale)
        guard !stale.isEmpty else { return }
        PageLayout.banner(&w, kind: "warn", id: "stale-banner") { w in
            w.element("strong", text: c.t("数据可能已过期：", "Data may be out of date: "))
            w.text(stale.map { c.t($0.name) }.joined(separator: c.t("、", ", ")))
            w.text(c.t("。得分基于这些数据源最近一次成功拉取的数据。", ". Scores use their last successful pull. "))
            w.link(c.link("/sources"), c.t("查看详情", "Details"))
        }
    }

    /// The `result` of a pull (docs/SEMANTICS.md §12) in words.
    static func pullResult(_ id: String, _ c: PageContext) -> String {
        switch id {
        case "success": c.t("成功", "success")
        case "http_error": c.t("HTTP 错误", "HTTP error")
        case "timeout": c.t("超时", "timeout")
        case "connection_error": c.t("连接失败", "connection error")
        case "decode_error": c.t("数据无法解析", "undecodable data")
        case "too_large": c.t("响应过大", "response too large")
        default: id
        }
    }

    /// A reject reason of docs/SEMANTICS.md §9 in words.
    static func rejectReason(_ id: String, _ c: PageContext) -> String {
        switch id {
        case "missing_key": c.t("缺少主键", "missing key")
        case "invalid_uscc": c.t("统一社会信用代码无效", "invalid USCC")
        case "unknown_district": c.t("区县未配置", "unknown district")
        case "duplicate": c.t("重复记录", "duplicate")
        case "unmapped_value": c.t("无法映射的取值", "unmapped value")
        case "type": c.t("类型错误", "wrong type")
        case "range": c.t("超出范围", "out of range")
        case "check": c.t("校验未通过", "failed check")
        case "missing_field": c.t("缺少字段", "missing field")
        case "control_character": c.t("含控制字符", "control character")
        default: id
        }
    }
}
