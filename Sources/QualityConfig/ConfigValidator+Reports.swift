import QualityCore

extension ConfigValidator {
    /// Unique report and figure ids; `trend` and `compare` name figures of their report.
    func validateReports() {
        unique(config.reports, "reports", "id", \.id)
        for (i, r) in config.reports.enumerated() {
            let path = "reports[\(i)]"
            if r.groupBy.isEmpty, ok("\(path).group_by") { error("\(path).group_by", "group_by must name a fact") }
            unique(r.figures, "\(path).figures", "id", \.id)
            if r.figures.isEmpty, ok("\(path).figures") { error("\(path).figures", "at least one figure is required") }
            let ids = r.figures.map(\.id)
            for (key, value) in [("trend", r.trend), ("compare", r.compare)] {
                guard let value, ok("\(path).\(key)"), !ids.contains(value) else { continue }
                error("\(path).\(key)", "unknown figure '\(value)'" + DidYouMean.hint(for: value, among: ids))
            }
        }
    }
}
