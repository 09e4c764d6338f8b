import QualityCore

/// Names and reasons as people read them, in the page's language. Ids the config does not know are
/// shown as they are, so nothing disappears from a page.
struct PageText {
    let config: Config
    let c: PageContext

    func district(_ code: String) -> String { config.district(code: code).map { c.t($0.name) } ?? code }

    func districtName(_ d: DistrictResult) -> String { c.language == .zh ? d.name : d.nameEn }

    func grade(_ id: String?) -> String {
        guard let id else { return "—" }
        return config.scoring.grades.first { $0.id == id }.map { c.t($0.name) } ?? id
    }

    func veto(_ id: String) -> String { config.scoring.veto.first { $0.id == id }.map { c.t($0.name) } ?? id }

    func program(_ id: String) -> String { config.program(id: id).map { c.t($0.name) } ?? id }

    func indicator(_ id: String) -> String { config.indicator(id: id).map { c.t($0.name) } ?? id }

    func eligibilityRule(_ id: String) -> String {
        config.subsidies.eligibility.first { $0.id == id }.map { c.t($0.name) } ?? id
    }

    /// Why an award was excluded (docs/SEMANTICS.md §7).
    func exclusion(_ reason: String, program: String? = nil) -> String {
        switch reason {
        case "group": return c.t("就高不重复", "Same group: only the highest award is paid")
        case "once_per_years":
            let n = program.flatMap { config.program(id: $0)?.oncePerYears }
            guard let n else { return c.t("限期内不重复奖励", "Not again within the waiting period") }
            return c.t("\(n)年内不重复奖励", "Not again within \(n) years")
        case "no_amount": return c.t("金额为零", "Amount is zero")
        default: return reason
        }
    }

    /// Why an enterprise was rejected before scoring.
    func rejection(_ reason: String) -> String {
        switch reason {
        case "invalid_uscc": return c.t("统一社会信用代码校验失败", "Invalid USCC check character")
        case "unknown_district": return c.t("所属区县不在配置中", "District not configured")
        default: return reason
        }
    }

    /// An award note: the same words as the exports, with the allocation mode in the budget notes.
    func note(_ id: String) -> String {
        let pro = config.subsidies.allocation == .proRata
        switch (id, c.language) {
        case ("enterprise_cap", .zh): return "超出企业奖励上限"
        case ("enterprise_cap", .en): return "Over the enterprise cap"
        case ("program_budget", .zh): return pro ? "项目预算按比例核减" : "项目预算不足"
        case ("program_budget", .en): return pro ? "Program budget: cut pro rata" : "Program budget ran out (priority)"
        case ("budget", .zh): return pro ? "总预算按比例核减" : "总预算不足"
        case ("budget", .en): return pro ? "Overall budget: cut pro rata" : "Overall budget ran out (priority)"
        default: return id
        }
    }

    func notes(_ ids: [String]) -> String { ids.map(note).joined(separator: c.t("；", "; ")) }

    func direction(_ d: Direction) -> String {
        switch d {
        case .higher: c.t("越高越好", "higher is better")
        case .lower: c.t("越低越好", "lower is better")
        }
    }

    func missingPolicy(_ p: MissingPolicy) -> String {
        switch p {
        case .zero: c.t("缺失计 0 分（zero）", "missing scores 0 (zero)")
        case .exclude: c.t("缺失不计入并按比例放大其余指标（exclude）", "missing is left out, the rest scaled up (exclude)")
        case .fail: c.t("缺失则该区评价不完整（fail）", "missing makes the district incomplete (fail)")
        }
    }

    func unit(_ u: IndicatorUnit) -> String {
        switch u {
        case .percent: c.t("百分比", "percent")
        case .ratio: c.t("比率", "ratio")
        case .count: c.t("个数", "count")
        case .yuan: c.t("元", "yuan")
        case .days: c.t("天", "days")
        case .points: c.t("分", "points")
        }
    }

    func method(_ m: ScoringMethod) -> String {
        switch m {
        case .target: c.t("目标值法", "target")
        case .minmax: c.t("极值法", "min–max")
        case .bands: c.t("分档法", "bands")
        }
    }
}
