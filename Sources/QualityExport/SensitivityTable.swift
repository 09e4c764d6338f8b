import QualityCore

/// The sensitivity analysis as an official reads it in a terminal: each district's rank with its
/// 5th–95th percentile range and grade shares, then its rank without each indicator.
public enum SensitivityTable {
    public static func render(config: Config, result: AssessmentResult, sensitivity s: SensitivityResult) -> String {
        let spread = ScoreTable(config: config, result: result).number(s.spread * 100)
        var out = "权重敏感性 Weight sensitivity — \(result.period): \(s.samples) samples, "
        out += "weights × [1 − \(spread)%, 1 + \(spread)%], seed \(s.seed)\n\n"
        let order = s.districts.enumerated().sorted { a, b in
            let x = a.element.baseRank ?? Int.max
            let y = b.element.baseRank ?? Int.max
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        func rank(_ r: Int?) -> String { r.map(String.init) ?? "—" }
        func name(_ code: String) -> String { result.district(code: code)?.name ?? code }
        var header = ["排名 Rank", "区县 District", "中位 Median", "区间 P5–P95"]
        for id in s.grades { header.append(config.scoring.grades.first { $0.id == id }?.name.zh ?? id) }
        let rows = order.map { d in
            [
                rank(d.baseRank), name(d.code), rank(d.medianRank),
                d.rankP5.map { "\($0)–\(d.rankP95 ?? $0)" } ?? "—",
            ] + d.gradeShares.map(share)
        }
        out += ScoreTable.layout(
            header: header, rows: rows, rightAligned: Set([0, 2, 3]).union(4..<(4 + s.grades.count)))
        out += "\n去掉一项指标后的排名 Rank without one indicator (other weights rescaled)\n\n"
        let looRows = order.map { d in [rank(d.baseRank), name(d.code)] + d.leaveOneOut.map { rank($0.rank) } }
        out += ScoreTable.layout(
            header: ["排名 Rank", "区县 District"] + s.indicators, rows: looRows,
            rightAligned: Set([0]).union(2..<(2 + s.indicators.count)))
        return out
    }

    /// A share as a whole percentage; "·" for none and "<1%" for a few samples.
    static func share(_ share: NamedNumber) -> String {
        let percent = Int((share.value * 100).rounded())
        return share.value == 0 ? "·" : percent == 0 ? "<1%" : "\(percent)%"
    }
}
