import QualityCore
import QualityExport
import QualityStore

/// Parsed results the pages need besides the served one: earlier periods (the change against the
/// previous period, the district trend) and frozen subsidy lists. Parsing a national result takes a
/// while, and stored runs and lists never change, so each is parsed once and kept by its id.
///
/// Earlier periods are kept without their award lists (the ranking and trend read districts only).
actor ResultCache {
    let store: any Store
    private var periods: [Int64: AssessmentResult] = [:]
    private var periodOrder: [Int64] = []
    private var lists: [Int64: AssessmentResult] = [:]
    private var listOrder: [Int64] = []
    /// Names frozen with lists (small), by list id.
    private var listNames: [Int64: ListNames] = [:]
    /// Earlier results kept (districts only: small).
    let periodCapacity = 48
    /// Frozen lists kept whole.
    let listCapacity = 4

    init(store: any Store) {
        self.store = store
    }

    /// The latest successful result of `period` without its awards; nil when none is stored.
    func districts(period: String) async throws -> AssessmentResult? {
        let recent = try await store.runs(period: period, limit: 10, offset: 0)
        if let id = recent.first(where: { $0.status == .success && $0.resultSize > 0 })?.id, let cached = periods[id] {
            return cached
        }
        guard let stored = try await store.latestSuccessfulRun(period: period) else { return nil }
        var result = try stored.result()
        result.subsidies.awards = []
        result.subsidies.ineligible = []
        result.subsidies.excluded = []
        result.rejected = []
        if let id = stored.run.id {
            remember(id, result, in: &periods, order: &periodOrder, capacity: periodCapacity)
        }
        return result
    }

    /// The names frozen with the list with this id, if they are cached.
    func names(list id: Int64) -> ListNames? { listNames[id] }

    func remember(names: ListNames, list id: Int64) {
        if listNames.count >= 64 { listNames = [:] }
        listNames[id] = names
    }

    /// The result frozen in the list with this id, if it is cached.
    func frozenResult(list id: Int64) -> AssessmentResult? { lists[id] }

    /// The result frozen in `list`.
    func result(of list: FrozenList) throws -> AssessmentResult {
        if let cached = lists[list.list.id] { return cached }
        let result = try list.result()
        remember(list.list.id, result, in: &lists, order: &listOrder, capacity: listCapacity)
        return result
    }

    /// Results of the stored periods up to `period` (the newest `limit`), oldest first.
    func history(upTo period: Period, limit: Int) async throws -> [AssessmentResult] {
        let periods = try await store.snapshotPeriods().compactMap(Period.init).filter {
            $0.kind == period.kind && !(period < $0)
        }
        var results: [AssessmentResult] = []
        for p in periods.suffix(limit) {
            if let result = try await districts(period: p.description) { results.append(result) }
        }
        return results
    }

    private func remember(
        _ id: Int64, _ result: AssessmentResult, in cache: inout [Int64: AssessmentResult], order: inout [Int64],
        capacity: Int
    ) {
        if cache[id] == nil { order.append(id) }
        cache[id] = result
        while order.count > capacity { cache[order.removeFirst()] = nil }
    }
}
