import QualityCore
import QualityExport

/// `GET /subsidies/{period}/list`: the full award list as finance staff check it against the export,
/// then what was excluded, who was ineligible and who was rejected. Each USCC links to its explanation.
///
/// Built straight into a byte buffer with names escaped once per program and district, so 100,000
/// awards render in linear time; `pageSize` splits very long lists.
package struct AwardListPage: Sendable {
    package var config: Config
    package var result: AssessmentResult
    package var list: ListState = .draft
    /// 1-based; clamped to the pages there are.
    package var page: Int = 1
    /// Awards per page; nil shows every award on one page.
    package var pageSize: Int?
    /// Names of enterprises without an award row (the ineligible ones), by USCC, e.g. from the snapshot;
    /// awards carry their own names.
    package var names: [String: String] = [:]
    package var context: PageContext

    var pageCount: Int {
        guard let size = pageSize, size > 0 else { return 1 }
        return max(1, (result.subsidies.awards.count + size - 1) / size)
    }

    /// The page actually shown, within 1…pageCount.
    var currentPage: Int { min(max(page, 1), pageCount) }

    var rows: Range<Int> {
        let awards = result.subsidies.awards
        guard let size = pageSize, size > 0 else { return awards.indices }
        let start = min((currentPage - 1) * size, awards.count)
        return start..<min(start + size, awards.count)
    }

    package func render() -> [UInt8] {
        let c = context
        let title = c.t("财政奖励名单", "Subsidy list")
        let reserve = 65_536 + rows.count * 720
        return PageLayout.document(
            c, title: title, nav: .subsidies, provenance: Provenance(result), reserve: reserve
        ) { w in
            w.element("h1", text: PageFormat.period(result.period, c.language) + " " + title)
            list.banner(&w, c)
            w.element("p", ["class": "actions"]) { w in
                w.link(c.link("/subsidies"), c.t("← 返回概览", "← Overview"))
                w.link(
                    c.link(
                        "/subsidies/" + PageFormat.urlEncode(result.period) + "/list", [("period", result.period)],
                        fragment: "excluded"), c.t("排除与不符合条件", "Excluded and ineligible"))
            }
            pager(&w)
            awards(&w)
            pager(&w)
            if currentPage == 1 { others(&w) }
        }
    }

    private func awards(_ w: inout HTMLWriter) {
        let c = context
        let text = PageText(config: config, c: c)
        var programNames: [String: (name: String, basis: String)] = [:]
        for p in config.subsidies.programs where programNames[p.id] == nil {
            programNames[p.id] = (HTML.escape(c.t(p.name)), HTML.escape(p.basis))
        }
        var districtNames: [String: String] = [:]
        for d in config.districts where districtNames[d.code] == nil {
            districtNames[d.code] = HTML.escape(c.t(d.name))
        }
        var noteCache: [UInt8: String] = [:]
        let awards = result.subsidies.awards
        w.open("table", ["id": "awards", "data-rows": String(awards.count)])
        w.headerRow(ExportLabels(c.language).columns)
        w.raw("<tbody>\n")
        for i in rows {
            let a = awards[i]
            w.raw("<tr data-uscc=\"")
            w.text(a.uscc)
            w.raw("\" data-program=\"")
            w.text(a.program)
            w.raw("\"><td class=\"num\">")
            w.raw(String(i + 1))
            w.raw("</td><td class=\"uscc\"><a href=\"")
            w.text(c.link("/enterprises/" + PageFormat.urlEncode(a.uscc)))
            w.raw("\">")
            w.text(a.uscc)
            w.raw("</a></td><td class=\"name\">")
            w.bureauText(a.name)
            w.raw("</td><td>")
            if let name = districtNames[a.district] { w.raw(name) } else { w.text(a.district) }
            w.raw("</td><td>")
            if let program = programNames[a.program] {
                w.raw(program.name)
                w.raw("</td><td class=\"basis\">")
                w.raw(program.basis)
            } else {
                w.text(a.program)
                w.raw("</td><td class=\"basis\">")
            }
            amount(&w, a.requestedFen, "requested")
            amount(&w, a.grantedFen, "granted")
            w.raw("</td><td class=\"notes\">")
            if !a.notes.isEmpty {
                if noteCache[a.notes.rawValue] == nil {
                    noteCache[a.notes.rawValue] = HTML.escape(text.notes(a.notes.names))
                }
                w.raw(noteCache[a.notes.rawValue] ?? "")
            }
            w.raw("</td></tr>\n")
        }
        w.raw("</tbody><tfoot>")
        if pageCount > 1 {
            let page = rows.reduce((Int64(0), Int64(0))) {
                ($0.0 + awards[$1].requestedFen, $0.1 + awards[$1].grantedFen)
            }
            totalsRow(&w, c.t("本页小计", "Page subtotal"), page.0, page.1, id: "page-total")
        }
        totalsRow(&w, c.t("合计", "Total"), result.subsidies.requestedFen, result.subsidies.grantedFen, id: "list-total")
        w.raw("</tfoot></table>")
    }

    /// Closes the previous cell and writes an amount cell without its `</td>`.
    private func amount(_ w: inout HTMLWriter, _ fen: Int64, _ cls: String) {
        let plain = Money.format(fen: fen, grouping: false)
        w.raw("</td><td class=\"money ")
        w.raw(cls)
        w.raw("\" data-value=\"")
        w.raw(plain)
        w.raw("\">")
        w.raw(fen.magnitude < 100_000 ? plain : Money.format(fen: fen))
    }

    private func totalsRow(_ w: inout HTMLWriter, _ label: String, _ requested: Int64, _ granted: Int64, id: String) {
        w.open("tr", ["id": id])
        w.element("th", ["scope": "row", "colspan": "6"], text: label)
        w.td(PageFormat.money(requested), class: "money requested", value: PageFormat.moneyValue(requested))
        w.td(PageFormat.money(granted), class: "money granted", value: PageFormat.moneyValue(granted))
        w.td("")
        w.close("tr")
    }

    private func pager(_ w: inout HTMLWriter) {
        guard pageCount > 1, let size = pageSize else { return }
        let c = context
        let path = "/subsidies/" + PageFormat.urlEncode(result.period) + "/list"
        func query(_ p: Int) -> [(String, String)] {
            [("period", result.period), ("page", String(p)), ("page_size", String(size))]
        }
        w.open("nav", ["class": "pager", "aria-label": c.t("分页", "Pages")])
        if currentPage > 1 { w.link(c.link(path, query(currentPage - 1)), c.t("← 上一页", "← Previous"), class: "prev") }
        w.element(
            "span", ["class": "page", "data-page": String(currentPage)],
            text: c.t("第 \(currentPage) / \(pageCount) 页", "Page \(currentPage) of \(pageCount)"))
        if currentPage < pageCount {
            w.link(c.link(path, query(currentPage + 1)), c.t("下一页 →", "Next →"), class: "next")
        }
        w.close("nav")
    }
}
