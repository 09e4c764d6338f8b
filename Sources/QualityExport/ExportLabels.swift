import QualityCore

/// The words of the subsidy list in each language: headers, sheet name, totals label, notes.
///
/// Finance staff read the Chinese list; the English one goes to foreign-invested enterprises and
/// auditors. Column order is the same in both (docs/SEMANTICS.md §13).
public struct ExportLabels: Sendable {
    public let language: Language

    public init(_ language: Language) {
        self.language = language
    }

    /// The nine column headers, in order.
    public var columns: [String] {
        switch language {
        case .zh: ["序号", "统一社会信用代码", "企业名称", "所属区县", "奖励项目", "政策依据", "申请金额(元)", "核定金额(元)", "备注"]
        case .en:
            [
                "No.", "USCC", "Enterprise", "District", "Program", "Policy basis", "Requested (yuan)",
                "Granted (yuan)", "Notes",
            ]
        }
    }

    /// The worksheet's name (at most 31 characters, none of `[]:*?/\`).
    public var sheetName: String {
        switch language {
        case .zh: "奖励名单"
        case .en: "Subsidies"
        }
    }

    /// The first cell of the totals row.
    public var total: String {
        switch language {
        case .zh: "合计"
        case .en: "Total"
        }
    }

    /// The separator between notes in one cell.
    public var noteSeparator: String {
        switch language {
        case .zh: "；"
        case .en: "; "
        }
    }

    /// A note of docs/SEMANTICS.md §7 as finance staff read it; an unknown id is shown as is.
    ///
    /// Budget notes say how the budget was applied: under `pro_rata` every award was scaled down,
    /// under `priority` the budget ran out before this award was paid in full.
    public func note(_ id: String, allocation: Allocation) -> String {
        switch (id, language, allocation) {
        case ("enterprise_cap", .zh, _): "超出企业奖励上限"
        case ("enterprise_cap", .en, _): "Enterprise cap"
        case ("program_budget", .zh, .proRata): "项目预算按比例核减"
        case ("program_budget", .zh, .priority): "项目预算不足"
        case ("program_budget", .en, _): "Program budget"
        case ("budget", .zh, .proRata): "总预算按比例核减"
        case ("budget", .zh, .priority): "总预算不足"
        case ("budget", .en, _): "Overall budget"
        default: id
        }
    }

    /// All notes of an award in one cell.
    public func notes(_ ids: [String], allocation: Allocation) -> String {
        ids.map { note($0, allocation: allocation) }.joined(separator: noteSeparator)
    }
}
