import QualityCore

extension DistrictPage {
    /// W, E and the excluded indicators when this district has indicators left out under `exclude`.
    var exclusion: (all: Double, excluded: Double, ids: [String])? {
        let s = config.scoring
        let all = s.entries.reduce(0) { $0 + $1.weight }
        let out = s.entries.filter { e in
            (e.missing ?? s.missing) == .exclude && district.indicator(e.indicator)?.missing == true
        }
        guard !out.isEmpty else { return nil }
        return (all, out.reduce(0) { $0 + $1.weight }, out.map(\.indicator))
    }

    func dimensions(_ w: inout HTMLWriter) {
        let c = context
        w.element("h2", text: c.t("各指标得分", "Points by indicator"))
        var factor = 1.0
        if let ex = exclusion, ex.all > ex.excluded {
            factor = ex.all / (ex.all - ex.excluded)
            let names = ex.ids.map { "「" + text.indicator($0) + "」" }.joined(separator: "、")
            let (all, rest) = (PageFormat.compact(ex.all), PageFormat.compact(ex.all - ex.excluded))
            w.element(
                "p", ["class": "banner info", "id": "exclude-note", "data-factor": PageFormat.fixed(factor)],
                text: c.t(
                    "\(names)数据缺失，按 exclude 规则不计入（排除权重 E = \(PageFormat.compact(ex.excluded))）；"
                        + "其余各指标得分乘以 W/(W−E) = \(all)/\(rest) = \(PageFormat.fixed(factor))，使满分仍为 \(all)。",
                    "\(ex.ids.map(text.indicator).joined(separator: ", ")) is missing and left out (missing: exclude, "
                        + "excluded weight E = \(PageFormat.compact(ex.excluded))); every other indicator's points are "
                        + "multiplied by W/(W−E) = \(all)/\(rest) = \(PageFormat.fixed(factor)), so the scale stays \(all)."
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

    private func indicatorRow(_ w: inout HTMLWriter, _ entry: ScoredIndicator, factor: Double) {
        let c = context
        let def = config.indicator(id: entry.indicator)
        let r = district.indicator(entry.indicator)
        let direction = entry.direction ?? def?.direction ?? .higher
        let policy = entry.missing ?? config.scoring.missing
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
            w.td(c.t("缺失", "missing") + " — " + text.missingPolicy(policy), class: "value missing-value")
        } else {
            w.td(
                PageFormat.value(r?.value, unit: def?.unit ?? .count, c.language), class: "value",
                value: PageFormat.fixed(r?.value))
        }
        w.element("td", ["class": "method", "data-method": entry.method.name]) { w in
            method(&w, entry, direction: direction)
        }
        w.td(text.direction(direction), class: "direction", value: direction.rawValue)
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
                if factor != 1 { calc += " × " + PageFormat.fixed(factor) }
                w.element("div", ["class": "muted calc"], text: calc)
            case (let points?, nil):
                w.text(PageFormat.fixed(points))
            default:
                w.text(policy == .exclude ? c.t("不计入", "left out") : "—")
            }
        }
        w.raw("</tr>\n")
    }

    private func method(_ w: inout HTMLWriter, _ entry: ScoredIndicator, direction: Direction) {
        let c = context
        w.element("strong", text: text.method(entry.method))
        w.raw("<br>")
        switch entry.method {
        case .target(let floor, let target):
            let (f, t) = (PageFormat.compact(floor), PageFormat.compact(target))
            w.text(
                c.t(
                    "下限 \(f) → 目标 \(t)：s = (v − \(f)) / (\(t) − \(f))，截取到 0–1",
                    "floor \(f) → target \(t): s = (v − \(f)) / (\(t) − \(f)), clamped to 0–1"))
        case .minmax:
            let values = result.districts.compactMap { $0.indicator(entry.indicator).flatMap(\.value) }
            guard let lo = values.min(), let hi = values.max() else {
                return w.text(c.t("各区均无数值", "no district has a value"))
            }
            let range = c.t(
                "各区最小值 \(PageFormat.fixed(lo))，最大值 \(PageFormat.fixed(hi))（\(values.count) 个区有值）",
                "among \(values.count) districts with a value: min \(PageFormat.fixed(lo)), max \(PageFormat.fixed(hi))"
            )
            w.element(
                "span", ["class": "range", "data-min": PageFormat.fixed(lo), "data-max": PageFormat.fixed(hi)],
                text: range)
            w.raw("<br>")
            w.text(
                hi == lo
                    ? c.t("各区相同，s = 1", "all equal: s = 1")
                    : direction == .higher ? "s = (v − min) / (max − min)" : "s = (max − v) / (max − min)")
        case .bands(let bands):
            bandsTable(&w, bands, direction: direction)
        }
    }

    private func bandsTable(_ w: inout HTMLWriter, _ bands: [Band], direction: Direction) {
        let c = context
        let sorted =
            direction == .higher
            ? bands.sorted { ($0.min ?? -.infinity) > ($1.min ?? -.infinity) }
            : bands.sorted { ($0.max ?? .infinity) < ($1.max ?? .infinity) }
        w.open("table", ["class": "bands"])
        w.headerRow([c.t("档次", "Band"), c.t("得分率", "Score ratio")])
        w.raw("<tbody>")
        for b in sorted {
            let bound =
                direction == .higher ? "v ≥ " + PageFormat.compact(b.min ?? 0) : "v ≤ " + PageFormat.compact(b.max ?? 0)
            w.raw("<tr>")
            w.th(bound, scope: "row")
            w.td(PageFormat.fixed(b.score), class: "num")
            w.raw("</tr>")
        }
        w.raw("<tr>")
        w.th(c.t("其他", "otherwise"), scope: "row")
        w.td(PageFormat.fixed(0), class: "num")
        w.raw("</tr></tbody></table>")
    }
}
