/// A report's figures for one group and period, set against the previous stored period and the
/// trend over all stored periods, with what the summary says: the three largest changes and the
/// districts above and below the group on the `compare` figure. Pages, JSON and the command
/// only render it.
public struct ReportAnalysis: Sendable {
    public let report: ReportConfig
    public let current: GroupFigures
    /// The stored period just before the current one, if any.
    public let previous: GroupFigures?
    /// Every stored period's figures in period order, the current one included.
    public let history: [GroupFigures]

    /// `history` in period order; the current period is the one of `current`.
    public init(report: ReportConfig, current: GroupFigures, history: [GroupFigures]) {
        self.report = report
        self.current = current
        var all = history.filter { $0.period != current.period } + [current]
        all.sort { a, b in
            guard let x = Period(a.period), let y = Period(b.period), x != y else { return a.period < b.period }
            return x < y
        }
        self.history = all
        let index = all.firstIndex { $0.period == current.period } ?? 0
        self.previous = index > 0 ? all[index - 1] : nil
    }

    /// Each figure's change against the previous period: nil without both values.
    public var changes: [Change] {
        current.figures.map { f in
            let before = previous?.value(f.id)
            let delta = f.value.flatMap { now in before.map { now - $0 } }
            return Change(id: f.id, previous: before, current: f.value, change: delta)
        }
    }

    /// The three figures that changed most relative to their previous value (previous not 0),
    /// largest first; ties by config order.
    public var largestChanges: [Change] {
        let ranked = changes.enumerated().compactMap { i, c -> (Int, Double, Change)? in
            guard let delta = c.change, let before = c.previous, before != 0, delta != 0 else { return nil }
            return (i, abs(delta / before), c)
        }
        return ranked.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(3).map(\.2)
    }

    /// Districts (config order) whose `compare` figure is above, and below, the group's value.
    public var comparison: (figure: String, above: [String], below: [String])? {
        guard let id = report.compare, let overall = current.value(id) else { return nil }
        let above = current.districts.filter { ($0.value(id) ?? overall) > overall }.map(\.code)
        let below = current.districts.filter { ($0.value(id) ?? overall) < overall }.map(\.code)
        return (id, above, below)
    }

    /// The `trend` figure over the stored periods.
    public var trend: [(period: String, value: Double?)] {
        guard let id = report.trend else { return [] }
        return history.map { ($0.period, $0.value(id)) }
    }

    public struct Change: Sendable, Equatable {
        public var id: String
        public var previous: Double?
        public var current: Double?
        public var change: Double?
    }
}
