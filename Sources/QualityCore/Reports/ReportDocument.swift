/// A report as JSON (`/api/v1/reports/{id}/{group}`, `qualityd report … --format json`): the
/// figures of the group and of each district, the change against the previous stored period,
/// the trend, the enterprises per risk class and the summary's facts.
public struct ReportDocument: Codable, Sendable, Equatable {
    public var report: String
    public var group: String
    public var period: String
    public var previousPeriod: String?
    public var figures: [Figure]
    public var districts: [DistrictFigures]
    public var classes: [ClassCount]
    public var trend: [TrendPoint]
    public var largestChanges: [String]
    public var above: [String]
    public var below: [String]

    enum CodingKeys: String, CodingKey {
        case report, group, period
        case previousPeriod = "previous_period"
        case figures, districts, classes, trend
        case largestChanges = "largest_changes"
        case above, below
    }

    public struct Figure: Codable, Sendable, Equatable {
        public var id: String
        public var value: Double?
        public var previous: Double?
        public var change: Double?
    }

    public struct DistrictFigures: Codable, Sendable, Equatable {
        public var code: String
        public var enterprises: Int
        public var figures: [Figure]
    }

    public struct ClassCount: Codable, Sendable, Equatable {
        public var id: String
        public var enterprises: Int
    }

    public struct TrendPoint: Codable, Sendable, Equatable {
        public var period: String
        public var value: Double?
    }

    public init(_ a: ReportAnalysis) {
        report = a.report.id
        group = a.current.group
        period = a.current.period
        previousPeriod = a.previous?.period
        figures = a.changes.map { Figure(id: $0.id, value: $0.current, previous: $0.previous, change: $0.change) }
        districts = a.current.districts.map { d in
            DistrictFigures(
                code: d.code, enterprises: d.enterprises,
                figures: d.figures.map { Figure(id: $0.id, value: $0.value, previous: nil, change: nil) })
        }
        classes = a.current.classes.map { ClassCount(id: $0.id, enterprises: $0.enterprises) }
        trend = a.trend.map { TrendPoint(period: $0.period, value: $0.value) }
        largestChanges = a.largestChanges.map(\.id)
        let comparison = a.comparison
        above = comparison?.above ?? []
        below = comparison?.below ?? []
    }
}
