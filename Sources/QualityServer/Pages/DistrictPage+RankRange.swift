import QualityCore

extension DistrictPage {
    /// "排名区间 2–4" beside the rank: the district's 5th to 95th percentile rank when the weights
    /// vary, from the daemon's sensitivity run of this result (docs/SEMANTICS.md §15).
    func rankRange(_ w: inout HTMLWriter) {
        guard let sensitivity, let d = sensitivity.district(code: district.code), let p5 = d.rankP5,
            let p95 = d.rankP95
        else { return }
        let c = context
        let percent = PageFormat.fixed(sensitivity.spread * 100)
        let title = c.t(
            "\(sensitivity.samples) 次随机调整各指标权重（±\(percent)%）后，90% 的排名落在此区间",
            "90% of the ranks over \(sensitivity.samples) draws of the weights (each ±\(percent)%)")
        w.text(" ")
        w.element(
            "span",
            ["class": "muted", "id": "rank-range", "data-p5": String(p5), "data-p95": String(p95), "title": title],
            text: c.t("排名区间 \(p5)–\(p95)", "rank range \(p5)–\(p95)"))
    }
}
