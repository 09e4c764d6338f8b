import QualityCore

/// A what-if comparison (`PolicyComparison`) for a terminal and as CSV: the districts A → B with
/// Δ, the programs, the enterprises whose award changes (yuan to the fen) and the summary line.
public struct WhatIfTable {
    public let comparison: PolicyComparison
    /// Program names, by id, from either config; the id when neither names it.
    public let programNames: [String: LocalizedText]
    /// Grade names, by id.
    public let gradeNames: [String: LocalizedText]

    public init(
        comparison: PolicyComparison, programNames: [String: LocalizedText], gradeNames: [String: LocalizedText]
    ) {
        self.comparison = comparison
        self.programNames = programNames
        self.gradeNames = gradeNames
    }

    /// The names both configs give, the current one's first.
    public init(comparison: PolicyComparison, current: Config, proposal: Config) {
        var programs: [String: LocalizedText] = [:]
        var grades: [String: LocalizedText] = [:]
        for config in [proposal, current] {
            for p in config.subsidies.programs { programs[p.id] = p.name }
            for g in config.scoring.grades { grades[g.id] = g.name }
        }
        self.init(comparison: comparison, programNames: programs, gradeNames: grades)
    }

    public func render() -> String {
        let c = comparison
        var out = "政策模拟 What-if — \(c.period): A \(Self.stamp(c.policyA)) → B \(Self.stamp(c.policyB))\n\n"
        out += ScoreTable.layout(
            header: ["区县 District", "排名 Rank A→B", "Δ", "总分 Total A→B", "Δ", "等级 Grade A→B", "否决 Veto A→B"],
            rows: c.districts.map { d in
                [
                    "\(d.name) \(d.nameEn)", "\(Self.rank(d.rankA)) → \(Self.rank(d.rankB))",
                    d.rankDelta.map(Self.signed) ?? "—", "\(Self.number(d.totalA)) → \(Self.number(d.totalB))",
                    d.totalDelta.map { Self.signedNumber($0) } ?? "—", "\(grade(d.gradeA)) → \(grade(d.gradeB))",
                    "\(Self.veto(d.vetoA)) → \(Self.veto(d.vetoB))",
                ]
            }, rightAligned: [2, 4])
        out += "\n"
        out += ScoreTable.layout(
            header: ["奖励项目 Program", "企业 Awards A→B", "申请(元) Requested A→B", "核定(元) Granted A→B", "Δ(元)"],
            rows: c.programs.map { p in
                [
                    program(p.id), "\(p.awardsA) → \(p.awardsB)",
                    "\(Money.format(fen: p.requestedFenA)) → \(Money.format(fen: p.requestedFenB))",
                    "\(Money.format(fen: p.grantedFenA)) → \(Money.format(fen: p.grantedFenB))",
                    Self.signedMoney(p.grantedFenB - p.grantedFenA),
                ]
            }, rightAligned: [4])
        out += "\n"
        if c.enterprises.isEmpty {
            out += "企业奖励无变化 No enterprise's award changes.\n"
        } else {
            out += ScoreTable.layout(
                header: ["变化 Change", "统一社会信用代码 USCC", "企业 Enterprise", "奖励项目 Program", "A(元)", "B(元)", "Δ(元)"],
                rows: c.enterprises.map { e in
                    [
                        Self.kind(e.change), e.uscc, e.name, program(e.program), Money.format(fen: e.grantedFenA),
                        Money.format(fen: e.grantedFenB), Self.signedMoney(e.deltaFen),
                    ]
                }, rightAligned: [4, 5, 6])
        }
        out += "\n" + Self.summaryLine(c.summary) + "\n"
        return out
    }

    /// One CSV row per figure: `section,id,program,field,a,b,delta`; amounts in yuan with two decimals.
    public func csv() -> CSVWriter {
        var w = CSVWriter()
        w.row(["section", "id", "program", "field", "a", "b", "delta"])
        let c = comparison
        for d in c.districts {
            w.row([
                "district", d.code, "", "rank", Self.rank(d.rankA), Self.rank(d.rankB),
                d.rankDelta.map(String.init) ?? "",
            ])
            w.row([
                "district", d.code, "", "total", d.totalA.map { "\($0)" } ?? "", d.totalB.map { "\($0)" } ?? "",
                d.totalDelta.map { "\($0)" } ?? "",
            ])
            w.row(["district", d.code, "", "grade", d.gradeA ?? "", d.gradeB ?? "", ""])
            w.row(["district", d.code, "", "veto", String(d.vetoA), String(d.vetoB), ""])
        }
        for p in c.programs {
            w.row(["program", p.id, "", "awards", String(p.awardsA), String(p.awardsB), String(p.awardsB - p.awardsA)])
            w.row(["program", p.id, "", "requested_yuan"] + Self.yuan(p.requestedFenA, p.requestedFenB))
            w.row(["program", p.id, "", "granted_yuan"] + Self.yuan(p.grantedFenA, p.grantedFenB))
        }
        for e in c.enterprises {
            w.row(
                [
                    "enterprise", CellSanitizer.neutralize(e.uscc), e.program, "granted_yuan",
                ] + Self.yuan(e.grantedFenA, e.grantedFenB))
        }
        let s = c.summary
        w.row(["summary", "", "", "districts_rank_changed", "", "", String(s.districtsRankChanged)])
        w.row(["summary", "", "", "districts_grade_changed", "", "", String(s.districtsGradeChanged)])
        w.row(["summary", "", "", "granted_yuan"] + Self.yuan(s.grantedFenA, s.grantedFenB))
        w.row(["summary", "", "", "moved_yuan", "", "", Money.format(fen: s.movedFen, grouping: false)])
        return w
    }

    /// "2 个区县排名变化，1 个等级变化；资金变动 12,000.00 元 …" in both languages.
    public static func summaryLine(_ s: PolicyComparison.Summary) -> String {
        "排名变化 \(s.districtsRankChanged) 个区县，等级变化 \(s.districtsGradeChanged) 个，"
            + "资金变动 \(Money.format(fen: s.movedFen)) 元（增 \(Money.format(fen: s.gainedFen))，"
            + "减 \(Money.format(fen: s.lostFen))；核定 \(Money.format(fen: s.grantedFenA)) → \(Money.format(fen: s.grantedFenB))）\n"
            + "\(s.districtsRankChanged) districts change rank, \(s.districtsGradeChanged) change grade; "
            + "\(Money.format(fen: s.movedFen)) yuan moved (gained \(Money.format(fen: s.gainedFen)), "
            + "lost \(Money.format(fen: s.lostFen)); granted \(Money.format(fen: s.grantedFenA)) → "
            + "\(Money.format(fen: s.grantedFenB)))"
    }

    private func program(_ id: String) -> String {
        programNames[id].map { "\($0.zh) \($0.text(.en))" } ?? id
    }

    private func grade(_ id: String?) -> String {
        guard let id else { return "—" }
        return gradeNames[id].map { "\($0.zh) \($0.text(.en))" } ?? id
    }

    static func stamp(_ s: PolicyStamp?) -> String { s.map { "\($0.id) (\($0.sha256.prefix(12)))" } ?? "—" }
    static func rank(_ r: Int?) -> String { r.map(String.init) ?? "—" }
    static func veto(_ v: Bool) -> String { v ? "✗" : "·" }
    static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : String(n) }
    static func number(_ x: Double?) -> String { x.map { ScoreTable.fixed($0) } ?? "—" }
    static func signedNumber(_ x: Double) -> String { (x >= 0 ? "+" : "") + ScoreTable.fixed(x) }
    static func signedMoney(_ fen: Int64) -> String { (fen > 0 ? "+" : "") + Money.format(fen: fen) }

    static func kind(_ k: PolicyComparison.EnterpriseChangeKind) -> String {
        switch k {
        case .gains: "获得 gains"
        case .loses: "失去 loses"
        case .changes: "变动 changes"
        }
    }

    static func yuan(_ a: Int64, _ b: Int64) -> [String] {
        [
            Money.format(fen: a, grouping: false), Money.format(fen: b, grouping: false),
            Money.format(fen: b - a, grouping: false),
        ]
    }
}
