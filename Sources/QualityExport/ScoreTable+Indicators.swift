import QualityCore

extension ScoreTable {
    /// For every indicator scored by rank or by ratio: how the engine applied it (the rates or step,
    /// the reference and how it was taken), then each district's value, rank and rate. Nothing when
    /// the result carries no scoring explanation.
    func indicatorTables() -> String {
        guard let scoring = result.scoring else { return "" }
        var out = ""
        for (k, resolved) in scoring.indicators.enumerated() {
            let title: String
            let withRank: Bool
            switch resolved.method {
            case .rank(let rule):
                title = "排名赋分 Rank — \(indicatorName(resolved.id)): \(rankRule(rule)); \(order(resolved.direction))"
                withRank = true
            case .ratio(let reference, let value):
                title = "比例得分 Ratio — \(indicatorName(resolved.id)): " + referenceText(reference, value, resolved)
                withRank = false
            default:
                continue
            }
            out += "\n" + title + "\n"
            var header = ["区县 District", "数值 Value"]
            if withRank { header.append("名次 Rank") }
            header += ["得分率 Rate", "得分 Points"]
            var rows: [(rank: Int?, cells: [String])] = []
            for d in result.districts {
                let i =
                    d.indicators.indices.contains(k) && d.indicators[k].id == resolved.id
                    ? d.indicators[k] : d.indicator(resolved.id)
                var cells = ["\(d.name) \(d.nameEn)", i?.missing == false ? number(i?.value) : "缺失 missing"]
                if withRank { cells.append(i?.rank.map { "\($0) / \(resolved.districtsWithValue)" } ?? "—") }
                cells += [i?.score.map { number($0 * 100) + "%" } ?? "—", number(i?.points)]
                rows.append((i?.rank, cells))
            }
            if withRank {
                rows = rows.enumerated().sorted { a, b in
                    (a.element.rank ?? .max, a.offset) < (b.element.rank ?? .max, b.offset)
                }.map(\.element)
            }
            let aligned = withRank ? Set([1, 2, 3, 4]) : Set([1, 2, 3])
            out += Self.layout(header: header, rows: rows.map(\.cells), rightAligned: aligned)
        }
        return out
    }

    private func indicatorName(_ id: String) -> String {
        guard let name = config.indicator(id: id)?.name else { return id }
        return "\(name.zh) \(name.text(.en))"
    }

    private func order(_ direction: Direction) -> String {
        direction == .higher ? "数值高者在前 higher ranks first" : "数值低者在前 lower ranks first"
    }

    private func rankRule(_ rule: RankRule) -> String {
        switch rule {
        case .rates(let rates, let rest):
            let list = rates.enumerated().map { "\($0 + 1):\(compact($1))" }.joined(separator: " ")
            return "名次得分率 rates \(list), 其后 rest \(compact(rest))"
        case .step(let d):
            return "第1名满分，每后退一名扣 step \(compact(d)) (s = 1 − \(compact(d)) × (r − 1), ≥ 0)"
        }
    }

    private func referenceText(_ reference: Reference, _ value: Double?, _ resolved: ResolvedIndicator) -> String {
        let how: String
        switch (reference, resolved.direction) {
        case (.best, .higher): how = "最高值 the highest"
        case (.best, .lower): how = "最低值 the lowest"
        case (.mean, _): how = "平均值 the mean"
        }
        let rule = resolved.direction == .higher ? "v ≥ R → 1, else v / R" : "v ≤ R → 1, else R / v"
        return "基准 reference R = \(number(value)) (\(how) of \(resolved.districtsWithValue) districts with a value); "
            + rule + ((value ?? 1) <= 0 ? "; R ≤ 0 → 0" : "")
    }

    private func compact(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
