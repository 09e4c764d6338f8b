import QualityConfig
import QualityCore
import QualityStore

/// Evaluates a configured report for one group and period over the stored snapshots: the
/// period's figures, and the figures of every stored period for the change and the trend.
struct ReportService: Sendable {
    let runtime: Runtime

    func analysis(report id: String, group: String, period: String) async throws -> ReportAnalysis {
        let loaded = await runtime.loaded
        guard let index = loaded.config.reports.firstIndex(where: { $0.id == id }), index < loaded.model.reports.count
        else {
            throw APIError(.notFound, "no report '\(id)' in the config (reports[].id)")
        }
        let model = loaded.model.reports[index]
        let periods = try await StoreCall.run { try await runtime.store.snapshotPeriods() }
        guard periods.contains(period) else { throw APIError(.notFound, "no stored snapshot of \(period)") }
        var history: [GroupFigures] = []
        for p in periods where Period(p)?.kind == Period(period)?.kind {
            let stored = try await StoreCall.run { try await runtime.store.latestSnapshot(period: p) }
            guard let snapshot = try? stored?.snapshot() else { continue }
            history.append(
                model.evaluate(
                    snapshot, districts: loaded.config.districts, group: group,
                    sampling: p == period ? loaded.model.sampling : nil))
        }
        guard let current = history.first(where: { $0.period == period }) else {
            throw APIError(.internalError, "the stored snapshot of \(period) cannot be read")
        }
        guard current.enterprises > 0 || model.config.groups.contains(where: { $0.value == group }) else {
            throw APIError(.notFound, "no enterprise has \(model.config.groupBy) '\(group)' in \(period)")
        }
        return ReportAnalysis(report: model.config, current: current, history: history)
    }
}
