import Foundation
import Prometheus
import QualityIngest
import QualityRecords
import Synchronization

/// The `qualityd_*` families of docs/SEMANTICS.md §12, declared once, here, with their help text.
///
/// swift-prometheus' registry keeps families in a dictionary, so one registry holding them all
/// would print them in a different order in every process. Each family therefore has a registry
/// of its own and `render` walks them in the order of docs/SEMANTICS.md §12; series inside a family follow the
/// registry's order.
///
/// Every series a rule may `increase()` over is created at 0 (pull results and reject reasons for
/// each configured source, both scoring results, each export format), so the first failure shows.
public final class OperationalMetrics: Sendable {
    /// Pull durations: a page of a small source takes milliseconds, a national registry minutes.
    static let pullBuckets: [Double] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600]
    /// Scoring durations: milliseconds for Ningbo, seconds for a million enterprises.
    static let scoringBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]
    /// Export formats of docs/SEMANTICS.md §13 (the `format` label of `qualityd_exports_total`).
    package static let exportFormats = ["csv", "xlsx", "json"]
    /// HTTP request durations: a scrape or an API call takes a millisecond, an XLSX export seconds.
    static let requestBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    /// The `route` label of requests that matched no route (any path: the label set stays bounded).
    package static let unmatchedRoute = "unmatched"

    private struct Family: Sendable {
        let registry = PrometheusCollectorRegistry()
        let subsystem: String?
        let name: String
        let unit: String
        let help: String

        init(_ subsystem: String?, _ name: String, unit: String = "", help: String) {
            self.subsystem = subsystem
            self.name = name
            self.unit = unit
            self.help = help
        }

        var descriptor: MetricNameDescriptor {
            MetricNameDescriptor(
                namespace: "qualityd", subsystem: subsystem, metricName: name, unitName: unit, helpText: help)
        }
    }

    /// The series of one configured source.
    private struct SourceSeries {
        let up: Gauge
        var lastSuccess: Gauge?
        let duration: ValueHistogram
        let pulls: [PullResult: Counter]
        let records: Gauge
        let rejected: [RejectReason: Counter]
    }

    private let sourceUp = Family(
        "source", "up", help: "1 when the source's last pull succeeded, 0 when it failed after all retries.")
    private let sourceLastSuccess = Family(
        "source", "last_success_timestamp", unit: "seconds",
        help: "Unix time of the source's last successful pull (absent before its first success).")
    private let sourcePullDuration = Family(
        "source", "pull_duration", unit: "seconds", help: "Duration of a source pull, all pages and retries.")
    private let sourcePulls = Family(
        "source", "pulls", unit: "total", help: "Source pulls by result (success or the kind of failure).")
    private let sourceRecords = Family(
        "source", "records", help: "Records accepted by the source's last successful pull.")
    private let sourceRejected = Family(
        "source", "records_rejected", unit: "total", help: "Records rejected at ingestion, by source and reason.")
    private let scoringRuns = Family("scoring", "runs", unit: "total", help: "Scoring runs by result.")
    private let scoringDuration = Family(
        "scoring", "duration", unit: "seconds", help: "Duration of a scoring run: snapshot, assessment, storage.")
    private let lastScoring = Family(
        nil, "last_scoring_timestamp", unit: "seconds", help: "Unix time of the last successful scoring run.")
    private let configReload = Family(
        "config", "last_reload_successful", help: "1 when the last config load or reload succeeded, else 0.")
    private let exports = Family(nil, "exports", unit: "total", help: "Subsidy list exports by format.")
    private let buildInfo = Family(nil, "build_info", help: "The qualityd version (value 1).")
    private let leader = Family(nil, "leader", help: "1 while this replica leads (pulls and scores), else 0.")
    private let leaderChanges = Family(
        nil, "leader_changes", unit: "total", help: "Times this replica became or stopped being the leader.")
    // Live families: they move on every request, so they are rendered per scrape (`renderLive`),
    // not into the cached body.
    private let authFailures = Family(
        nil, "auth_failures", unit: "total",
        help: "Requests refused for their credential, role, origin, Host or rate, by kind.")
    private let httpRequests = Family(
        "http", "requests", unit: "total", help: "HTTP requests answered, by route template and status code.")
    private let httpDuration = Family(
        "http", "request_duration", unit: "seconds",
        help: "Time from routing a request to its response head, by route template.")

    private var families: [Family] {
        [
            sourceUp, sourceLastSuccess, sourcePullDuration, sourcePulls, sourceRecords, sourceRejected, scoringRuns,
            scoringDuration, lastScoring, configReload, exports, buildInfo, leader, leaderChanges,
        ]
    }

    private let sources = Mutex<[String: SourceSeries]>([:])
    private let runs: [String: Counter]
    private let scoringHistogram: ValueHistogram
    private let lastScoringGauge: Gauge
    private let reloadGauge: Gauge
    private let exportCounters: [String: Counter]
    private let leaderGauge: Gauge
    private let leaderChangeCounter: Counter
    private let leading = Mutex(false)
    private let authCounters: [AuthFailureKind: Counter]
    private let requestSeries = Mutex(RequestSeries())

    private struct RequestSeries {
        var counters: [RouteCode: Counter] = [:]
        var durations: [String: ValueHistogram] = [:]
    }

    private struct RouteCode: Hashable {
        var route: String
        var code: Int
    }

    public init(version: String = BuildInfo.version) {
        var runs: [String: Counter] = [:]
        for result in ["success", "failure"] {
            runs[result] = scoringRuns.registry.makeCounter(
                descriptor: scoringRuns.descriptor, labels: [("result", result)])
        }
        self.runs = runs
        scoringHistogram = scoringDuration.registry.makeValueHistogram(
            descriptor: scoringDuration.descriptor, buckets: Self.scoringBuckets)
        lastScoringGauge = lastScoring.registry.makeGauge(descriptor: lastScoring.descriptor)
        reloadGauge = configReload.registry.makeGauge(descriptor: configReload.descriptor)
        reloadGauge.set(to: 1)
        var exportCounters: [String: Counter] = [:]
        for format in Self.exportFormats {
            exportCounters[format] = exports.registry.makeCounter(
                descriptor: exports.descriptor, labels: [("format", format)])
        }
        self.exportCounters = exportCounters
        var authCounters: [AuthFailureKind: Counter] = [:]
        for kind in AuthFailureKind.allCases {
            authCounters[kind] = authFailures.registry.makeCounter(
                descriptor: authFailures.descriptor, labels: [("kind", kind.rawValue)])
        }
        self.authCounters = authCounters
        buildInfo.registry.makeGauge(descriptor: buildInfo.descriptor, labels: [("version", version)]).set(to: 1)
        leaderGauge = leader.registry.makeGauge(descriptor: leader.descriptor)
        leaderChangeCounter = leaderChanges.registry.makeCounter(descriptor: leaderChanges.descriptor)
    }

    // MARK: Leadership

    /// Whether this replica leads; a change is counted.
    package func setLeader(_ isLeader: Bool) {
        let changed = leading.withLock { was in
            defer { was = isLeader }
            return was != isLeader
        }
        guard changed else { return }
        leaderGauge.set(to: isLeader ? 1 : 0)
        leaderChangeCounter.increment()
    }

    // MARK: Sources

    /// Creates the series of sources newly configured (all at 0) and drops those of sources removed.
    package func configure(sources ids: [String]) {
        sources.withLock { series in
            for (id, old) in series where !ids.contains(id) {
                unregister(old)
                series[id] = nil
            }
            for id in ids where series[id] == nil {
                series[id] = makeSeries(source: id)
            }
        }
    }

    private func makeSeries(source id: String) -> SourceSeries {
        let label = [("source", id)]
        var pulls: [PullResult: Counter] = [:]
        for result in PullResult.allCases {
            pulls[result] = sourcePulls.registry.makeCounter(
                descriptor: sourcePulls.descriptor, labels: label + [("result", result.rawValue)])
        }
        var rejected: [RejectReason: Counter] = [:]
        for reason in RejectReason.allCases {
            rejected[reason] = sourceRejected.registry.makeCounter(
                descriptor: sourceRejected.descriptor, labels: label + [("reason", reason.rawValue)])
        }
        return SourceSeries(
            up: sourceUp.registry.makeGauge(descriptor: sourceUp.descriptor, labels: label),
            lastSuccess: nil,
            duration: sourcePullDuration.registry.makeValueHistogram(
                descriptor: sourcePullDuration.descriptor, labels: label, buckets: Self.pullBuckets),
            pulls: pulls,
            records: sourceRecords.registry.makeGauge(descriptor: sourceRecords.descriptor, labels: label),
            rejected: rejected)
    }

    private func unregister(_ s: SourceSeries) {
        sourceUp.registry.unregisterGauge(s.up)
        if let g = s.lastSuccess { sourceLastSuccess.registry.unregisterGauge(g) }
        sourcePullDuration.registry.unregisterValueHistogram(s.duration)
        for c in s.pulls.values { sourcePulls.registry.unregisterCounter(c) }
        sourceRecords.registry.unregisterGauge(s.records)
        for c in s.rejected.values { sourceRejected.registry.unregisterCounter(c) }
    }

    /// A pull of this process: counts it, its duration and rejects, and sets the source's state.
    package func record(_ outcome: SourcePullOutcome) {
        sources.withLock { series in
            guard var s = series[outcome.sourceID] else { return }
            s.pulls[outcome.result]?.increment()
            s.duration.record(outcome.duration)
            for (reason, count) in outcome.rejected where count > 0 {
                s.rejected[reason]?.increment(by: Int64(count))
            }
            s.up.set(to: outcome.succeeded ? 1 : 0)
            if outcome.succeeded {
                s.records.set(to: Double(outcome.accepted))
                setLastSuccess(&s, outcome.finishedAt.timeIntervalSince1970, source: outcome.sourceID)
            }
            series[outcome.sourceID] = s
        }
    }

    /// The state a source had before this process started (from the store): no counter moves.
    package func restore(source id: String, up: Bool, lastSuccess: Double?, records: Int?) {
        sources.withLock { series in
            guard var s = series[id] else { return }
            s.up.set(to: up ? 1 : 0)
            if let records { s.records.set(to: Double(records)) }
            if let lastSuccess { setLastSuccess(&s, lastSuccess, source: id) }
            series[id] = s
        }
    }

    private func setLastSuccess(_ s: inout SourceSeries, _ seconds: Double, source id: String) {
        let gauge =
            s.lastSuccess
            ?? sourceLastSuccess.registry.makeGauge(descriptor: sourceLastSuccess.descriptor, labels: [("source", id)])
        gauge.set(to: seconds)
        s.lastSuccess = gauge
    }

    // MARK: Scoring, config, exports

    package func recordScoring(success: Bool, duration: Double, finishedAt: Double) {
        runs[success ? "success" : "failure"]?.increment()
        scoringHistogram.record(duration)
        if success { lastScoringGauge.set(to: finishedAt) }
    }

    /// The last successful run restored from the store: its time, no counter moves.
    package func restoreLastScoring(at seconds: Double) {
        lastScoringGauge.set(to: seconds)
    }

    package func setReloadSuccessful(_ ok: Bool) {
        reloadGauge.set(to: ok ? 1 : 0)
    }

    /// Counts an export; formats other than csv, xlsx and json are ignored.
    package func recordExport(format: String) {
        exportCounters[format]?.increment()
    }

    /// Every family of the cached body, in the order of metrics/README.md.
    package func render(into buffer: inout [UInt8]) {
        for family in families { family.registry.emit(into: &buffer) }
    }

    // MARK: Live: authentication failures and HTTP requests

    package func recordAuthFailure(_ kind: AuthFailureKind) {
        authCounters[kind]?.increment()
    }

    /// One answered request: `route` is the matched route's template (`/districts/{code}`), or
    /// `unmatchedRoute`; never the raw path.
    package func recordRequest(route: String, code: Int, duration: Double) {
        let (counter, histogram) = requestSeries.withLock { s in
            let key = RouteCode(route: route, code: code)
            let counter =
                s.counters[key]
                ?? httpRequests.registry.makeCounter(
                    descriptor: httpRequests.descriptor, labels: [("route", route), ("code", String(code))])
            s.counters[key] = counter
            let histogram =
                s.durations[route]
                ?? httpDuration.registry.makeValueHistogram(
                    descriptor: httpDuration.descriptor, labels: [("route", route)], buckets: Self.requestBuckets)
            s.durations[route] = histogram
            return (counter, histogram)
        }
        counter.increment()
        histogram.record(duration)
    }

    /// The families that move per request, rendered on every scrape after the cached body.
    package func renderLive(into buffer: inout [UInt8]) {
        for family in [authFailures, httpRequests, httpDuration] { family.registry.emit(into: &buffer) }
    }
}
