import QualityCore

/// `GET /`: the districts of the current period by rank, with grade, vetoes, the change against the
/// previous period, each district's points per dimension as a stacked bar, and data freshness.
package struct RankingPage: Sendable {
    package var config: Config
    package var result: AssessmentResult
    /// The previous period's result, for Δ total and Δ rank; nil when none is stored.
    package var previous: AssessmentResult?
    /// Every configured source; stale ones raise a warning banner.
    package var sources: [SourceView] = []
    package var context: PageContext

    package func render() -> [UInt8] {
        let c = context
        let title = c.t("质量强区评价排名", "District ranking")
        return PageLayout.document(c, title: title, nav: .ranking, provenance: Provenance(result)) { w in
            w.element("h1", text: PageFormat.period(result.period, c.language) + " " + title)
            SourcesPage.staleBanner(&w, sources, c)
            summary(&w)
            legend(&w)
            table(&w)
            freshness(&w)
        }
    }

    /// Districts by rank; incomplete ones last; ties in config order.
    var ordered: [DistrictResult] {
        result.districts.enumerated().sorted { a, b in
            (a.element.rank ?? Int.max, a.offset) < (b.element.rank ?? Int.max, b.offset)
        }.map(\.element)
    }

    private func summary(_ w: inout HTMLWriter) {
        let c = context
        let vetoed = result.districts.filter { !$0.vetoedBy.isEmpty }.count
        let incomplete = result.districts.filter(\.incomplete).count
        var text = c.t(
            "共 \(result.districts.count) 个区县，一票否决 \(vetoed) 个，数据不完整 \(incomplete) 个。",
            "\(result.districts.count) districts, \(vetoed) vetoed, \(incomplete) incomplete.")
        if let previous {
            text +=
                " "
                + c.t(
                    "变化与 \(PageFormat.period(previous.period, .zh)) 相比。",
                    "Changes are against \(PageFormat.period(previous.period, .en)).")
        }
        w.element("p", ["class": "muted", "id": "summary"], text: text)
    }

    private func legend(_ w: inout HTMLWriter) {
        w.open("ul", ["class": "legend", "id": "dimension-legend", "aria-label": context.t("维度图例", "Dimensions")])
        for (i, d) in config.scoring.dimensions.enumerated() {
            let weight = d.indicators.reduce(0) { $0 + $1.weight }
            w.element("li", ["data-dimension": d.id]) { w in
                w.element("span", ["class": "swatch", "style": "background:" + PageStyle.colour(i)], text: "")
                w.text(context.t(d.name) + " (" + PageFormat.compact(weight) + ")")
            }
        }
        w.close("ul")
    }

    private func table(_ w: inout HTMLWriter) {
        let c = context
        let text = PageText(config: config, c: c)
        w.open("table", ["id": "ranking"])
        w.element("caption", text: c.t("各区县得分与排名", "Scores and ranks"))
        w.headerRow([
            c.t("排名", "Rank"), c.t("区县", "District"), c.t("总分", "Total"), c.t("等级", "Grade"),
            c.t("一票否决", "Veto"), c.t("总分变化", "Δ total"), c.t("排名变化", "Δ rank"),
            c.t("维度得分", "Points by dimension"),
        ])
        w.raw("<tbody>")
        for d in ordered {
            let before = previous?.district(code: d.code)
            let cls = [d.incomplete ? "incomplete" : nil, d.vetoedBy.isEmpty ? nil : "vetoed"].compactMap { $0 }
            w.open("tr", ["data-district": d.code, "class": cls.isEmpty ? nil : cls.joined(separator: " ")])
            w.td(d.rank.map(String.init) ?? "—", class: "rank", value: d.rank.map(String.init))
            w.element("th", ["scope": "row", "class": "district"]) { w in
                w.link(c.link("/districts/" + PageFormat.urlEncode(d.code)), text.districtName(d))
                w.element("span", ["class": "en"], text: c.language == .zh ? d.nameEn : d.name)
            }
            totalCell(&w, d)
            w.td(
                d.incomplete ? "—" : text.grade(d.grade), class: "grade grade-" + (d.grade ?? "none"),
                value: d.grade)
            vetoCell(&w, d, text)
            deltaCells(&w, d, before)
            w.element("td", ["class": "chart"]) { w in dimensionBar(&w, d) }
            w.raw("</tr>\n")
        }
        w.raw("</tbody></table>")
    }

    private func totalCell(_ w: inout HTMLWriter, _ d: DistrictResult) {
        let c = context
        guard let total = d.total, !d.incomplete else {
            w.element("td", ["class": "score", "data-value": nil]) { w in
                w.element("span", ["class": "badge incomplete-mark"], text: c.t("数据不完整", "Incomplete"))
            }
            return
        }
        let formula = c.t(
            "基础分 \(PageFormat.fixed(d.base)) + 加分 \(PageFormat.fixed(d.bonus)) − 扣分 \(PageFormat.fixed(d.penalty))",
            "base \(PageFormat.fixed(d.base)) + bonus \(PageFormat.fixed(d.bonus)) − penalty \(PageFormat.fixed(d.penalty))"
        )
        w.td(PageFormat.fixed(total), class: "score", value: PageFormat.fixed(total), title: formula)
    }

    private func vetoCell(_ w: inout HTMLWriter, _ d: DistrictResult, _ text: PageText) {
        let c = context
        w.element("td", ["class": "veto-cell"]) { w in
            guard !d.vetoedBy.isEmpty else { return }
            let lowest = config.scoring.grades.min { $0.min < $1.min }
            for id in d.vetoedBy {
                let rule = config.scoring.veto.first { $0.id == id }
                let tip = c.t(
                    "一票否决：\(text.veto(id))（条件 \(rule?.when.text ?? id)），等级定为\(lowest.map { c.t($0.name) } ?? "—")，不论总分。",
                    "Vetoed: \(text.veto(id)) (when \(rule?.when.text ?? id)); graded \(lowest.map { c.t($0.name) } ?? "—") "
                        + "whatever the total.")
                w.element("span", ["class": "veto", "data-veto": id, "title": tip], text: "✖ " + text.veto(id))
            }
        }
    }

    private func deltaCells(_ w: inout HTMLWriter, _ d: DistrictResult, _ before: DistrictResult?) {
        let c = context
        if let now = d.total, let then = before?.total {
            let delta = now - then
            let shown = PageFormat.signed(delta)
            let cls = shown.hasPrefix("+") ? "delta up" : shown.hasPrefix("-") ? "delta down" : "delta"
            w.td(shown, class: cls, value: shown, title: c.t("上期 ", "previous ") + PageFormat.fixed(then))
        } else {
            w.td(previous == nil || before == nil ? "—" : c.t("不可比", "n/a"), class: "delta")
        }
        if let now = d.rank, let then = before?.rank {
            let moved = then - now
            let shown = moved > 0 ? "▲\(moved)" : moved < 0 ? "▼\(-moved)" : "="
            let cls = moved > 0 ? "delta up" : moved < 0 ? "delta down" : "delta"
            w.td(shown, class: cls + " rank-delta", value: String(moved), title: c.t("上期第 \(then) 名", "was #\(then)"))
        } else {
            w.td(previous != nil && before == nil ? c.t("新", "new") : "—", class: "delta rank-delta")
        }
    }

    private func dimensionBar(_ w: inout HTMLWriter, _ d: DistrictResult) {
        let c = context
        let segments = config.scoring.dimensions.enumerated().map { i, dim in
            let points = d.dimension(dim.id) ?? 0
            return SVGChart.Segment(
                label: c.t(dim.name) + " " + PageFormat.fixed(points), value: points, colour: PageStyle.colour(i))
        }
        let title =
            (c.language == .zh ? d.name : d.nameEn) + c.t("维度得分：", " points by dimension: ")
            + segments.map(\.label).joined(separator: c.t("，", ", "))
        SVGChart.stackedBar(
            &w, id: "bar-" + d.code, title: title, segments: segments, scaleMax: config.scoring.total)
    }

    private func freshness(_ w: inout HTMLWriter) {
        guard !sources.isEmpty else { return }
        let c = context
        w.element("h2", text: c.t("数据新鲜度", "Data freshness"))
        w.open("ul", ["id": "freshness"])
        for s in sources {
            w.element("li", ["data-source": s.id, "class": s.stale ? "bad" : "ok"]) { w in
                w.text((s.stale ? "⚠ " : "✓ ") + c.t(s.name) + " — ")
                w.text(s.lastSuccess.map { c.t("最近成功 ", "last success ") + c.time($0) } ?? c.t("尚无成功拉取", "never"))
            }
        }
        w.close("ul")
        w.link(c.link("/sources"), c.t("查看数据源详情", "Source details"))
    }
}
