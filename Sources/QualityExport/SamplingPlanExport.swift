import QualityCore

/// A sampling plan (抽查计划) as staff download or print it: a table, CSV or XLSX, one row per
/// selected enterprise with its district, industry, risk score, class and two inspectors.
///
/// Only renders: the plan comes drawn (`SamplingDraw`); names come from the config of the day.
public struct SamplingPlanExport: Sendable {
    public let plan: SamplingPlanDocument
    /// District names by code, inspector names by id, class names by id.
    public let districtNames: [String: String]
    public let inspectorNames: [String: String]
    public let classNames: [String: String]
    public let language: Language

    public init(plan: SamplingPlanDocument, config: Config, language: Language = .zh) {
        self.plan = plan
        self.language = language
        districtNames = Dictionary(
            config.districts.map { ($0.code, $0.name.text(language)) }, uniquingKeysWith: { a, _ in a })
        inspectorNames = Dictionary(
            (config.sampling?.inspectors ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        classNames = Dictionary(
            (config.sampling?.classes ?? []).map { ($0.id, $0.name.text(language)) }, uniquingKeysWith: { a, _ in a })
    }

    public var columns: [String] {
        language == .zh
            ? ["序号", "统一社会信用代码", "区县", "行业", "风险分值", "风险等级", "检查人员1", "检查人员2"]
            : ["No.", "USCC", "District", "Industry", "Risk score", "Risk class", "Inspector 1", "Inspector 2"]
    }

    static let columnWidths: [Double] = [6, 22, 14, 14, 10, 12, 18, 18]

    /// The cells of each plan row, as text.
    public var rows: [[String]] {
        plan.plan.enumerated().map { i, p in
            let inspectors = p.inspectors.map { id in inspectorNames[id].map { "\($0) (\(id))" } ?? id }
            return [
                String(i + 1), p.uscc, districtNames[p.district] ?? p.district, p.industry ?? "",
                Self.number(p.riskScore), classNames[p.riskClass].map { "\(p.riskClass) \($0)" } ?? p.riskClass,
                inspectors.first ?? "", inspectors.dropFirst().first ?? "",
            ]
        }
    }

    /// `3` for whole numbers, else Swift's shortest round-trip form.
    public static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }

    /// UTF-8 with BOM, CRLF: the plan rows under a header, text neutralized against formulas.
    public func csv() -> ExportFile {
        var w = CSVWriter()
        w.row(columns)
        for row in rows { w.row(row.map(CellSanitizer.neutralize)) }
        return ExportFile(format: .csv, language: language, bytes: w.bytes, rows: plan.plan.count)
    }

    public func xlsx(temporaryDirectory: String? = nil) throws(ExportError) -> ExportFile {
        let sheet = XLSXSheet(
            name: language == .zh ? "抽查计划" : "Sampling plan",
            columns: zip(columns, Self.columnWidths).map { XLSXSheet.Column($0, width: $1) },
            rows: rows.map { row in
                row.enumerated().map { c, text in
                    c == 0 ? .integer(Int(text) ?? 0) : .text(CellSanitizer.neutralize(text))
                }
            },
            properties: XLSXSheet.Properties(
                title: "\(language == .zh ? "抽查计划" : "Sampling plan") \(plan.period)", subject: plan.period,
                comments: "seed=\(plan.seed) input_sha256=\(plan.inputSHA256)"))
        let bytes = try XLSXWriter.bytes(sheet, directory: temporaryDirectory)
        return ExportFile(format: .xlsx, language: language, bytes: bytes, rows: plan.plan.count)
    }

    /// Plain text for a terminal: the plan, then the strata, the seed and the input hash.
    public func table() -> String {
        let strata: [[String]] =
            [language == .zh ? ["区县", "风险等级", "企业数", "抽取数"] : ["District", "Class", "Enterprises", "Selected"]]
            + plan.strata.map {
                [districtNames[$0.district] ?? $0.district, $0.riskClass, String($0.enterprises), String($0.selected)]
            }
        var out = Self.aligned([columns] + rows) + "\n" + Self.aligned(strata)
        out += "\nperiod \(plan.period)  seed \(plan.seed)  enterprises \(plan.population.count)  "
        out += "selected \(plan.plan.count)\ninput_sha256 \(plan.inputSHA256)\n"
        return out
    }

    /// Rows in columns two spaces apart, wide characters counted twice.
    static func aligned(_ rows: [[String]]) -> String {
        let widths = (rows.first ?? []).indices.map { c in rows.map { TextWidth.of($0[c]) }.max() ?? 0 }
        return rows.map { row in
            var line = zip(row, widths).map { TextWidth.pad($0, to: $1) }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line + "\n"
        }.joined()
    }
}
