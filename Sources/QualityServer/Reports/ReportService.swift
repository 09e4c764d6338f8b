import QualityConfig
import QualityCore
import QualityStore

/// Evaluates a configured report for one group and period over the stored snapshots: the
/// period's figures, and the figures of every stored period of the same kind for the change and
/// the trend. The daemon and `qualityd report` both use it.
package struct ReportService: Sendable {
    let runtime: Runtime

    func analysis(report id: String, group: String, period: String) async throws -> ReportAnalysis {
        do {
            return try await Self.analysis(
                report: id, group: group, period: period, loaded: await runtime.loaded, store: runtime.store)
        } catch let error as ReportError {
            throw APIError(error.isNotFound ? .notFound : .internalError, error.message)
        } catch let error as StoreError {
            throw APIError(.storeFailed, "the store failed: \(error)")
        }
    }

    /// The report `id` of `loaded` for `group` in `period`, over the snapshots in `store`.
    package static func analysis(
        report id: String, group: String, period: String, loaded: LoadedConfig, store: any Store
    ) async throws -> ReportAnalysis {
        let model = try model(id, loaded)
        let periods = try await store.snapshotPeriods()
        guard periods.contains(period) else { throw ReportError.noSnapshot(period) }
        var history: [GroupFigures] = []
        for p in periods where Period(p)?.kind == Period(period)?.kind {
            guard let snapshot = try? await store.latestSnapshot(period: p)?.snapshot() else { continue }
            let sampling = try p == period ? loaded.model(for: p).sampling : nil
            history.append(
                model.evaluate(snapshot, districts: loaded.config.districts, group: group, sampling: sampling))
        }
        guard let current = history.first(where: { $0.period == period }) else {
            throw ReportError.unreadable(period)
        }
        try check(current, model)
        return ReportAnalysis(report: model.config, current: current, history: history)
    }

    /// The report of one snapshot alone: no previous period, a trend of one point.
    package static func analysis(report id: String, group: String, snapshot: Snapshot, loaded: LoadedConfig) throws
        -> ReportAnalysis
    {
        let model = try model(id, loaded)
        let sampling = try loaded.model(for: snapshot.period).sampling
        let current = model.evaluate(snapshot, districts: loaded.config.districts, group: group, sampling: sampling)
        try check(current, model)
        return ReportAnalysis(report: model.config, current: current, history: [current])
    }

    private static func model(_ id: String, _ loaded: LoadedConfig) throws -> ReportModel {
        // Reports are not part of a policy version: the base version's compiled ones.
        guard let model = loaded.model.reports.first(where: { $0.config.id == id }) else {
            throw ReportError.noReport(id, known: loaded.config.reports.map(\.id))
        }
        return model
    }

    /// A group no enterprise belongs to is a typo unless the config names it.
    private static func check(_ current: GroupFigures, _ model: ReportModel) throws {
        guard current.enterprises > 0 || model.config.groups.contains(where: { $0.value == current.group }) else {
            throw ReportError.noGroup(current.group, fact: model.config.groupBy, period: current.period)
        }
    }
}

/// Why a report cannot be made, naming what is missing.
package enum ReportError: Error, Sendable, CustomStringConvertible {
    case noReport(String, known: [String])
    case noSnapshot(String)
    case unreadable(String)
    case noGroup(String, fact: String, period: String)

    var isNotFound: Bool {
        if case .unreadable = self { return false }
        return true
    }

    package var message: String {
        switch self {
        case .noReport(let id, let known):
            "no report '\(id)' in the config (reports[].id: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
        case .noSnapshot(let period): "no stored snapshot of \(period)"
        case .unreadable(let period): "the stored snapshot of \(period) cannot be read"
        case .noGroup(let group, let fact, let period): "no enterprise has \(fact) '\(group)' in \(period)"
        }
    }

    package var description: String { message }
}
