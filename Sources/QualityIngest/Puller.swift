import Foundation
import QualityCore
import QualityRecords

/// Pulls configured sources: all of them concurrently, the pages of one source in order.
///
/// Built once per config (checks are compiled here, so a bad one is a config error, not a pull
/// failure); each pull returns outcomes for the caller to record in an `IngestState`.
public struct Puller: Sendable {
    public let plans: [SourcePlan]
    public let fetcher: any HTTPFetching
    public let retry: RetryPolicy
    /// A source with more pages than this fails (`too_large`): a guard against a server that never ends.
    public let maxPages: Int
    private let now: @Sendable () -> Date

    public init(
        sources: [SourceConfig], districts: [String], fetcher: any HTTPFetching, retry: RetryPolicy = RetryPolicy(),
        maxPages: Int = 10_000, now: @escaping @Sendable () -> Date = { Date() }
    ) throws(ConfigErrors) {
        var plans: [SourcePlan] = []
        var issues: [ConfigIssue] = []
        for (i, source) in sources.enumerated() {
            do {
                plans.append(try SourcePlan(source: source, districts: districts, index: i))
            } catch {
                issues += error.issues
            }
        }
        if !issues.isEmpty { throw ConfigErrors(issues) }
        self.plans = plans
        self.fetcher = fetcher
        self.retry = retry
        self.maxPages = maxPages
        self.now = now
    }

    /// A puller for every source of `config`.
    public init(
        config: Config, fetcher: any HTTPFetching, retry: RetryPolicy = RetryPolicy(), maxPages: Int = 10_000
    ) throws(ConfigErrors) {
        try self.init(
            sources: config.sources, districts: config.districts.map(\.code), fetcher: fetcher, retry: retry,
            maxPages: maxPages)
    }

    public var sourceIDs: [String] { plans.map(\.source.id) }

    /// Pulls every source for `period`; outcomes in config order. A failing source never fails the rest.
    public func pullAll(period: Period, progress: PullProgressHandler? = nil) async -> [SourcePullOutcome] {
        await withTaskGroup(of: (Int, SourcePullOutcome).self) { group in
            for (i, plan) in plans.enumerated() {
                group.addTask { (i, await self.puller(plan).pull(period: period, progress: progress)) }
            }
            var outcomes = [SourcePullOutcome?](repeating: nil, count: plans.count)
            for await (i, outcome) in group { outcomes[i] = outcome }
            return outcomes.compactMap { $0 }
        }
    }

    /// Pulls one source by id; nil when no such source is configured.
    public func pull(source id: String, period: Period, progress: PullProgressHandler? = nil) async
        -> SourcePullOutcome?
    {
        guard let plan = plans.first(where: { $0.source.id == id }) else { return nil }
        return await puller(plan).pull(period: period, progress: progress)
    }

    private func puller(_ plan: SourcePlan) -> SourcePuller {
        SourcePuller(plan: plan, fetcher: fetcher, retry: retry, maxPages: maxPages, now: now)
    }

    /// The URL of page `page`: the page and size parameters appended to the query.
    public static func pageURL(_ base: String, page: Int, pagination: Pagination?) -> String {
        guard let pagination else { return base }
        let separator = base.contains("?") ? (base.hasSuffix("?") || base.hasSuffix("&") ? "" : "&") : "?"
        return "\(base)\(separator)\(pagination.pageParam)=\(page)&\(pagination.sizeParam)=\(pagination.size)"
    }
}
