import QualityCore

/// The result as an official reads it in a terminal: the ranking with grades, veto marks and
/// dimension points, then the subsidy totals per program.
public struct ScoreTable {
    public let config: Config
    public let result: AssessmentResult

    public init(config: Config, result: AssessmentResult) {
        self.config = config
        self.result = result
    }

    public func render() -> String {
        var out = "质量强区评价 Quality-strong district assessment — \(result.period)\n\n"
        out += rankingTable()
        out += indicatorTables()
        out += "\n"
        out += subsidyTable()
        if !result.rejected.isEmpty {
            let invalid = result.rejected.filter { $0.reason == "invalid_uscc" }.count
            out += "\n剔除企业 Rejected enterprises: \(result.rejected.count)"
            out += " (invalid_uscc \(invalid), unknown_district \(result.rejected.count - invalid))\n"
        }
        return out
    }

    func number(_ x: Double?) -> String {
        guard let x else { return "—" }
        return Self.fixed(x)
    }

    /// Two decimals, rounded half away from zero.
    static func fixed(_ x: Double) -> String {
        let scaled = (abs(x) * 100 + 0.5).rounded(.down)
        let whole = Int(scaled / 100)
        let cents = Int(scaled) % 100
        return (x < 0 && scaled > 0 ? "-" : "") + "\(whole)." + (cents < 10 ? "0" : "") + "\(cents)"
    }

    private func gradeName(_ id: String?) -> String {
        guard let id else { return "—" }
        guard let grade = config.scoring.grades.first(where: { $0.id == id }) else { return id }
        return "\(grade.name.zh) \(grade.name.text(.en))"
    }

    func rankingTable() -> String {
        var header = ["排名 Rank", "区县 District", "总分 Total", "等级 Grade", "否决 Veto"]
        var rightAligned: Set<Int> = [0, 2]
        for dimension in config.scoring.dimensions {
            rightAligned.insert(header.count)
            header.append(dimension.name.zh)
        }
        rightAligned.formUnion([header.count, header.count + 1, header.count + 2])
        header += ["基础 Base", "加分 Bonus", "扣分 Penalty"]
        let order = result.districts.enumerated().sorted { a, b in
            switch (a.element.rank, b.element.rank) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
        var rows: [[String]] = []
        for d in order {
            var row = [
                d.rank.map(String.init) ?? "—", "\(d.name) \(d.nameEn)",
                d.incomplete ? "不完整 incomplete" : number(d.total),
                gradeName(d.grade), d.vetoedBy.isEmpty ? "" : "✗ " + d.vetoedBy.joined(separator: ","),
            ]
            for dimension in config.scoring.dimensions { row.append(number(d.dimension(dimension.id))) }
            row += [number(d.base), number(d.bonus), number(d.penalty)]
            rows.append(row)
        }
        return Self.layout(header: header, rows: rows, rightAligned: rightAligned)
    }

    func subsidyTable() -> String {
        let s = result.subsidies
        let header = ["奖励项目 Program", "企业 Enterprises", "申请(元) Requested", "核定(元) Granted", "预算(元) Budget"]
        var rows: [[String]] = []
        for program in config.subsidies.programs {
            let awards = s.awards.filter { $0.program == program.id }
            let requested = awards.reduce(Int64(0)) { $0 + $1.requestedFen }
            let granted = awards.reduce(Int64(0)) { $0 + $1.grantedFen }
            let budget = program.budgetYuan.flatMap { Money.fen(yuan: $0) }.map { Money.format(fen: $0) } ?? ""
            rows.append([
                "\(program.name.zh) \(program.name.text(.en))", String(awards.filter { $0.grantedFen > 0 }.count),
                Money.format(fen: requested),
                Money.format(fen: granted), budget,
            ])
        }
        let paid = Set(s.awards.filter { $0.grantedFen > 0 }.map(\.uscc)).count
        rows.append([
            "合计 Total", String(paid), Money.format(fen: s.requestedFen), Money.format(fen: s.grantedFen),
            s.budgetFen.map { Money.format(fen: $0) } ?? "",
        ])
        var out = Self.layout(header: header, rows: rows, rightAligned: [1, 2, 3, 4])
        out += "不符合条件 Ineligible: \(s.ineligible.count)   排除 Excluded: \(s.excluded.count)\n"
        return out
    }

    static func layout(header: [String], rows: [[String]], rightAligned: Set<Int>) -> String {
        var widths = header.map(TextWidth.of)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], TextWidth.of(cell)) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                TextWidth.pad(cell, to: widths[i], alignRight: rightAligned.contains(i))
            }.joined(separator: "  ").replacing(/\s+$/, with: "") + "\n"
        }
        var out = line(header)
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) }
        return out
    }
}
