/// One entry of `reports`: an analysis report over groups of enterprises (e.g. the industry
/// quality analysis report, 行业质量分析报告), its figures configured as aggregate expressions.
public struct ReportConfig: Sendable {
    /// Names the report in URLs and commands: `/reports/{id}/{group}`.
    public var id: String
    public var name: LocalizedText
    /// The enterprise fact whose value names an enterprise's group (`industry`).
    public var groupBy: String
    /// Display names of group values; a value without one shows as written.
    public var groups: [(value: String, name: LocalizedText)] = []
    public var figures: [ReportFigure] = []
    /// The figure drawn over the stored periods; none when nil.
    public var trend: String?
    /// The figure districts are compared on in the summary (above or below the group's value).
    public var compare: String?
    public var location: SourceLocation?

    public init(id: String, name: LocalizedText, groupBy: String, location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.groupBy = groupBy
        self.location = location
    }

    public func groupName(_ value: String) -> LocalizedText {
        groups.first { $0.value == value }?.name ?? LocalizedText(zh: value)
    }
}

/// A figure of a report: an expression in district context evaluated over the group's
/// enterprises (and over those of each district), e.g. `sum(batches_passed) / sum(batches_sampled) * 100`.
public struct ReportFigure: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    public var unit: IndicatorUnit = .count
    public var value: ExpressionSource
    public var location: SourceLocation?

    public init(
        id: String, name: LocalizedText, unit: IndicatorUnit = .count, value: ExpressionSource,
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.unit = unit
        self.value = value
        self.location = location
    }
}
