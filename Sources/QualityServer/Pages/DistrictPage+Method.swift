import QualityCore

extension DistrictPage {
    /// The "method and parameters" cell of one indicator: what the engine resolved (the range, the
    /// bands in the order they were tried, the rank and its rates, the reference) and, for this district,
    /// which band matched or which rank it has.
    struct MethodView {
        let c: PageContext
        let resolved: ResolvedIndicator
        let indicator: IndicatorResult?

        private var count: Int { resolved.districtsWithValue }

        func render(_ w: inout HTMLWriter) {
            w.raw("<br>")
            switch resolved.method {
            case .target(let floor, let target):
                let (f, t) = (PageFormat.compact(floor), PageFormat.compact(target))
                w.text(
                    c.t(
                        "下限 \(f) → 目标 \(t)：s = (v − \(f)) / (\(t) − \(f))，截取到 0–1",
                        "floor \(f) → target \(t): s = (v − \(f)) / (\(t) − \(f)), clamped to 0–1"))
            case .minmax(let range):
                minmax(&w, range)
            case .bands(let bands):
                bandsTable(&w, bands)
            case .rank(let rule):
                rank(&w, rule)
            case .ratio(let reference, let value):
                ratio(&w, reference, value)
            }
        }

        private func minmax(_ w: inout HTMLWriter, _ range: ValueRange?) {
            guard let range else { return w.text(c.t("各区均无数值", "no district has a value")) }
            let (lo, hi) = (PageFormat.fixed(range.min), PageFormat.fixed(range.max))
            w.element(
                "span", ["class": "range", "data-min": lo, "data-max": hi],
                text: c.t(
                    "各区最小值 \(lo)，最大值 \(hi)（\(count) 个区有值）",
                    "among \(count) districts with a value: min \(lo), max \(hi)"))
            w.raw("<br>")
            w.text(
                range.min == range.max
                    ? c.t("各区相同，s = 1", "all equal: s = 1")
                    : resolved.direction == .higher ? "s = (v − min) / (max − min)" : "s = (max − v) / (max − min)")
        }

        private func bandsTable(_ w: inout HTMLWriter, _ bands: [ResolvedBand]) {
            let higher = resolved.direction == .higher
            let matched = indicator?.missing == false ? indicator?.band ?? bands.count : nil
            w.open("table", ["class": "bands", "data-matched": matched.map(String.init)])
            w.headerRow([c.t("档次", "Band"), c.t("得分率", "Score ratio")])
            w.raw("<tbody>")
            for (k, b) in bands.enumerated() {
                w.open("tr", ["class": k == matched ? "current" : nil])
                w.th((higher ? "v ≥ " : "v ≤ ") + PageFormat.compact(b.bound), scope: "row")
                w.td(PageFormat.fixed(b.score), class: "num")
                w.raw("</tr>")
            }
            w.open("tr", ["class": matched == bands.count ? "current" : nil])
            w.th(c.t("其他", "otherwise"), scope: "row")
            w.td(PageFormat.fixed(0), class: "num")
            w.raw("</tr></tbody></table>")
        }

        private func rank(_ w: inout HTMLWriter, _ rule: RankRule) {
            let better =
                resolved.direction == .higher
                ? c.t("数值越高名次越前", "higher ranks first")
                : c.t("数值越低名次越前", "lower ranks first")
            if let r = indicator?.rank, let s = indicator?.score {
                w.element(
                    "span", ["class": "rank", "data-rank": String(r), "data-rate": PageFormat.fixed(s, digits: 4)],
                    text: c.t(
                        "在 \(count) 个有数值的区中排第 \(r) 名，得分率 \(PageFormat.percent(s))",
                        "rank \(r) among \(count) districts with a value: rate \(PageFormat.percent(s))"))
                w.raw("<br>")
            }
            w.text(better + c.t("；并列取较前名次，其后名次顺延。", "; ties share the better rank and the next rank is skipped."))
            switch rule {
            case .rates(let rates, let rest):
                w.open("table", ["class": "rates"])
                w.headerRow([c.t("名次", "Rank"), c.t("得分率", "Score ratio")])
                w.raw("<tbody>")
                for (k, rate) in rates.enumerated() {
                    w.open("tr", ["class": indicator?.rank == k + 1 ? "current" : nil])
                    w.th(c.t("第 \(k + 1) 名", "rank \(k + 1)"), scope: "row")
                    w.td(PageFormat.fixed(rate), class: "num")
                    w.raw("</tr>")
                }
                let past = (indicator?.rank ?? 0) > rates.count
                w.open("tr", ["class": past ? "current" : nil])
                w.th(c.t("第 \(rates.count + 1) 名及以后（rest）", "rank \(rates.count + 1) and after (rest)"), scope: "row")
                w.td(PageFormat.fixed(rest), class: "num")
                w.raw("</tr></tbody></table>")
            case .step(let d):
                w.raw("<br>")
                let step = PageFormat.compact(d)
                w.text(
                    c.t(
                        "第 1 名得满分，每后退一名扣 \(step)：s = 1 − \(step) × (r − 1)，最低为 0",
                        "rank 1 scores 1, each rank after it \(step) less: s = 1 − \(step) × (r − 1), at least 0"))
            }
        }

        private func ratio(_ w: inout HTMLWriter, _ reference: Reference, _ value: Double?) {
            let higher = resolved.direction == .higher
            guard let value else { return w.text(c.t("各区均无数值", "no district has a value")) }
            let how: String
            switch (reference, higher) {
            case (.best, true): how = c.t("各区最高值", "the highest value")
            case (.best, false): how = c.t("各区最低值", "the lowest value")
            case (.mean, _): how = c.t("各区平均值", "the mean")
            }
            let r = PageFormat.fixed(value)
            w.element(
                "span",
                [
                    "class": "reference", "data-reference": PageFormat.fixed(value, digits: 6),
                    "data-kind": reference.rawValue,
                ],
                text: c.t(
                    "基准 R = \(r)：\(how)（\(count) 个区有值）",
                    "reference R = \(r): \(how) of the \(count) districts with a value"))
            w.raw("<br>")
            if value <= 0 {
                w.text(
                    c.t(
                        higher ? "v ≥ R 得满分；R ≤ 0，其余得 0" : "v ≤ R 得满分；R ≤ 0，其余得 0",
                        higher
                            ? "v ≥ R scores 1; R ≤ 0, so any other scores 0"
                            : "v ≤ R scores 1; R ≤ 0, so any other scores 0"))
            } else {
                w.text(
                    higher
                        ? c.t("v ≥ R 得满分，否则 s = v / R", "v ≥ R scores 1, else s = v / R")
                        : c.t("v ≤ R 得满分，否则 s = R / v", "v ≤ R scores 1, else s = R / v"))
            }
        }
    }
}
