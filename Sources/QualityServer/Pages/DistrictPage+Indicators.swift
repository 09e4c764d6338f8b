import QualityCore

extension DistrictPage {
    func dimensions(_ w: inout HTMLWriter) {
        let c = context
        w.element("h2", text: c.t("各指标得分", "Points by indicator"))
        let factor = district.excludedWeight > 0 ? district.rescaleFactor : nil
        if let factor, let all = result.scoring?.totalWeight {
            let ids = district.indicators.filter(\.excluded).map(\.id)
            let names = ids.map { "「" + text.indicator($0) + "」" }.joined(separator: "、")
            let excluded = PageFormat.compact(district.excludedWeight)
            let (w0, rest) = (PageFormat.compact(all), PageFormat.compact(all - district.excludedWeight))
            w.element(
                "p", ["class": "banner info", "id": "exclude-note", "data-factor": PageFormat.fixed(factor)],
                text: c.t(
                    "\(names)数据缺失，按 exclude 规则不计入（排除权重 E = \(excluded)）；"
                        + "其余各指标得分乘以 W/(W−E) = \(w0)/\(rest) = \(PageFormat.fixed(factor))，使满分仍为 \(w0)。",
                    "\(ids.map(text.indicator).joined(separator: ", ")) is missing and left out (missing: exclude, "
                        + "excluded weight E = \(excluded)); every other indicator's points are "
                        + "multiplied by W/(W−E) = \(w0)/\(rest) = \(PageFormat.fixed(factor)), so the scale stays \(w0)."
                ))
        }
        for dim in config.scoring.dimensions {
            let weight = dim.indicators.reduce(0) { $0 + $1.weight }
            let points = district.dimension(dim.id) ?? 0
            w.element("h3", ["data-dimension": dim.id]) { w in
                w.text(c.t(dim.name) + " ")
                w.element(
                    "span", ["class": "dimension-points", "data-value": PageFormat.fixed(points)],
                    text: PageFormat.fixed(points) + " / " + PageFormat.compact(weight))
            }
            w.open("table", ["class": "indicators", "data-dimension": dim.id])
            w.headerRow([
                c.t("指标", "Indicator"), c.t("数值", "Value"), c.t("方法与参数", "Method and parameters"),
                c.t("方向", "Direction"), c.t("得分率", "Score ratio"), c.t("权重", "Weight"), c.t("得分", "Points"),
            ])
            w.raw("<tbody>")
            for entry in dim.indicators { indicatorRow(&w, entry, factor: factor) }
            w.raw("</tbody></table>")
        }
    }

    private func indicatorRow(_ w: inout HTMLWriter, _ entry: ScoredIndicator, factor: Double?) {
        let c = context
        let def = config.indicator(id: entry.indicator)
        let r = district.indicator(entry.indicator)
        let resolved = result.scoring?.indicator(entry.indicator)
        let missing = r?.missing ?? true
        w.open("tr", ["data-indicator": entry.indicator, "class": missing ? "missing" : nil])
        w.element("th", ["scope": "row"]) { w in
            w.text(text.indicator(entry.indicator))
            w.element("div", ["class": "muted"]) { w in
                w.text(c.t("单位：", "Unit: ") + (def.map { text.unit($0.unit) } ?? "—") + c.t("；数值 = ", "; value = "))
                w.element("code", text: def?.value.text ?? entry.indicator)
            }
        }
        if missing {
            let policy = resolved.map { text.missingPolicy($0.missing) } ?? "—"
            w.td(c.t("缺失", "missing") + " — " + policy, class: "value missing-value")
        } else {
            w.td(
                PageFormat.value(r?.value, unit: def?.unit ?? .count, c.language), class: "value",
                value: PageFormat.fixed(r?.value))
        }
        w.element("td", ["class": "method", "data-method": entry.method.name]) { w in
            w.element("strong", text: text.method(entry.method))
            if let resolved { MethodView(c: c, resolved: resolved, indicator: r).render(&w) }
        }
        w.td(
            resolved.map { text.direction($0.direction) } ?? "—", class: "direction",
            value: resolved?.direction.rawValue)
        w.td(
            PageFormat.percent(r?.score), class: "ratio", value: r?.score.map { PageFormat.fixed($0, digits: 4) })
        w.td(PageFormat.compact(entry.weight), class: "num weight", value: PageFormat.compact(entry.weight))
        w.element("td", ["class": "points", "data-value": r?.points.map { PageFormat.fixed($0) }]) { w in
            switch (r?.points, r?.score) {
            case (let points?, _) where missing:
                w.text(PageFormat.fixed(points))
                w.element("div", ["class": "muted calc"], text: c.t("缺失计 0 分", "missing scores 0"))
            case (let points?, let score?):
                w.text(PageFormat.fixed(points))
                var calc = "= " + PageFormat.compact(entry.weight) + " × " + PageFormat.percent(score)
                if let factor { calc += " × " + PageFormat.fixed(factor) }
                w.element("div", ["class": "muted calc"], text: calc)
            case (let points?, nil):
                w.text(PageFormat.fixed(points))
            default:
                w.text(r?.excluded == true ? c.t("不计入", "left out") : "—")
            }
        }
        w.raw("</tr>\n")
    }
}
