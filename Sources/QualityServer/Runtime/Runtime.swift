import Foundation
import Logging
import NIOCore
import QualityConfig
import QualityCore
import QualityIngest
import QualityPostgres
import QualityRecords
import QualityStore
import Synchronization

/// The daemon's state: the config in force with its compiled model and puller, each source's data,
/// the period being assessed, the result being served, and the store everything is kept in.
///
/// Services change it (pulls, scoring, reloads) and routes read it. Metrics are published from
/// here whenever something they show changes, never per scrape.
public actor Runtime {
    package nonisolated let store: any Store
    package nonisolated let ingest: IngestState
    package nonisolated let metrics: MetricsCache
    package nonisolated let logger: Logger
    /// Whether this replica leads, who does, and where announcements to the other replicas go.
    package nonisolated let replica: ReplicaState
    nonisolated let now: @Sendable () -> Date
    nonisolated let fetcher: any HTTPFetching

    /// The tokens of the config in force, readable without waiting for the actor: every request
    /// (`/metrics` too) is identified, and a long pull or reload must not hold up a scrape.
    private nonisolated let tokens: Mutex<[TokenConfig]>
    /// The `Host` names of the config in force (`server.allowed_hosts`), read the same way.
    private nonisolated let hosts: Mutex<HostRule>

    package private(set) var loaded: LoadedConfig
    private(set) var puller: Puller
    /// The period assessed now: `current_period`, re-evaluated on every pull and scoring run.
    public private(set) var period: Period
    package private(set) var served: ServedResult?
    package private(set) var lastReloadSuccessful = true
    /// Sources that finished a pull of `period` in this process.
    private var attempted: Set<String> = []
    private var restored = false
    private var restoreWaiters: [CheckedContinuation<Void, Never>] = []
    /// Counts the changes one can wait for (`change(after:)`): a pull recorded, a result served, a
    /// reload applied.
    private(set) var generation = 0
    private var changeWaiters: [CheckedContinuation<Void, Never>] = []

    package init(
        loaded: LoadedConfig, store: any Store, fetcher: any HTTPFetching, metrics: MetricsCache,
        replica: ReplicaState, now: @escaping @Sendable () -> Date, logger: Logger
    ) throws(ConfigErrors) {
        self.loaded = loaded
        self.tokens = Mutex(loaded.config.auth.tokens)
        self.hosts = Mutex(HostRule(loaded.config.server.allowedHosts))
        self.puller = try Puller(config: loaded.config, fetcher: fetcher)
        self.store = store
        self.fetcher = fetcher
        self.metrics = metrics
        self.replica = replica
        self.now = now
        self.logger = logger
        self.ingest = IngestState(sources: loaded.config.sources)
        self.period = loaded.config.currentPeriod(at: now())
        metrics.operational.configure(sources: loaded.config.sources.map(\.id))
    }

    package var config: Config { loaded.config }

    /// `auth.tokens` of the config in force.
    package nonisolated var authTokens: [TokenConfig] { tokens.withLock { $0 } }

    /// Which `Host` values are answered, as `server.allowed_hosts` of the config in force says.
    nonisolated var hostRule: HostRule { hosts.withLock { $0 } }

    /// Ready once a config is loaded and a parsed result is served (its metrics are rendered).
    package var isReady: Bool { served?.result != nil }

    // MARK: Start

    /// Reads what the store holds for a fast start: the result to serve (its bytes; parsing comes in
    /// `restore`) and each source's last state for the metrics. Then publishes the first body.
    package func loadStored() async throws(StoreError) {
        if let stored = try await Self.storedResult(store, period: period.description) {
            served = ServedResult(
                period: stored.run.period, json: ByteBuffer(bytes: stored.json), run: stored.run, result: nil)
            metrics.operational.restoreLastScoring(at: stored.run.finishedAt.timeIntervalSince1970)
        }
        try await restoreSourceMetrics()
    }

    /// Each source's last stored state on /metrics (up, last success, records), no counter moving.
    package nonisolated func restoreSourceMetrics() async throws(StoreError) {
        let successes = try await store.lastPulls(successfulOnly: true)
        let latest = Dictionary(
            try await store.lastPulls(successfulOnly: false).map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
        for success in successes {
            metrics.operational.restore(
                source: success.source, up: latest[success.source]?.status == .success,
                lastSuccess: success.finishedAt.timeIntervalSince1970, records: success.records)
        }
        metrics.publish()
    }

    /// The newest successful run of `period`, or else the newest successful run of any period: on
    /// the first day of a new period the dashboards keep showing the last one until it is scored.
    static func storedResult(_ store: any Store, period: String) async throws(StoreError) -> StoredResult? {
        if let current = try await store.latestSuccessfulRun(period: period) { return current }
        let recent = try await store.runs(period: nil, limit: 50, offset: 0)
        guard let newest = recent.first(where: { $0.status == .success && $0.resultSize > 0 }) else { return nil }
        return try await store.latestSuccessfulRun(period: newest.period)
    }

    /// Parses the stored result and renders its metrics, then gives each source the data it had
    /// before the restart (from the stored snapshot). Pull outcomes wait until this is done.
    /// The parsing runs outside the actor, so the API keeps serving the stored bytes meanwhile.
    package nonisolated func restore() async {
        if let served = await served, served.result == nil {
            do {
                let started = ContinuousClock.now
                // The explanation is not stored with the result: rebuilt from its values by the model.
                let model = try await loaded.model(for: served.period)
                let result = model.explained(try AssessmentResult.parse(json: Array(buffer: served.json)))
                let domain = renderDomain(result, config: model.config)
                await installParsed(result, period: served.period)
                metrics.publish(domain: domain)
                let took = Self.format(ContinuousClock.now - started)
                logger.info(
                    "serving the stored result of \(served.period) (run \(served.run?.id ?? 0), \(served.json.readableBytes) bytes, parsed and rendered in \(took))"
                )
            } catch {
                logger.error("the stored result of \(served.period) cannot be parsed: \(error); waiting for a new one")
            }
        }
        let restoredSnapshot = await seedSources()
        await openRestoreGate()
        await publishSamplingMetrics(snapshot: restoredSnapshot)
        await publishCorrectionMetrics()
    }

    /// Gives each source the data it has in the period's stored snapshot and the state of its last
    /// stored pulls; returns the snapshot. At start, and when a replica takes over from a leader.
    @discardableResult
    package nonisolated func seedSources() async -> Snapshot? {
        do {
            let (config, period) = await (config, currentPeriod().description)
            let snapshot = try await store.latestSnapshot(period: period).map { try $0.snapshot() }
            let seeds = IngestSeed.outcomes(
                config: config, period: period, snapshot: snapshot,
                lastSuccessful: try await store.lastPulls(successfulOnly: true),
                lastPulls: try await store.lastPulls(successfulOnly: false))
            await ingest.record(seeds)
            return snapshot
        } catch {
            logger.warning("sources start without their stored data: \(error)")
            return nil
        }
    }

    private func installParsed(_ result: AssessmentResult, period: String) {
        // A run of this process may have been installed meanwhile; it wins.
        guard served?.result == nil, served?.period == period else { return }
        served?.result = result
        changed()
    }

    private func openRestoreGate() {
        restored = true
        for waiter in restoreWaiters { waiter.resume() }
        restoreWaiters = []
    }

    private func waitRestored() async {
        if restored { return }
        await withCheckedContinuation { restoreWaiters.append($0) }
    }

    // MARK: Pulls

    /// The period assessed now, by the clock.
    func currentPeriod() -> Period {
        refreshPeriod()
        return period
    }

    /// The puller in force and the period to pull.
    func pullTarget() -> (Puller, Period) {
        refreshPeriod()
        return (puller, period)
    }

    /// Records a pull everywhere: ingest state, metrics, store, log. True when it brought new data.
    nonisolated func record(_ outcome: SourcePullOutcome) async -> Bool {
        await waitRestored()
        await markPulled(outcome)
        await ingest.record(outcome)
        metrics.operational.record(outcome)
        metrics.publish()
        Self.log(outcome, to: logger)
        do {
            _ = try await store.recordPull(PullRecord(outcome))
        } catch {
            logger.error("pull of \(outcome.sourceID) not stored: \(error)")
        }
        await changed()
        return outcome.succeeded
    }

    private func markPulled(_ outcome: SourcePullOutcome) {
        refreshPeriod()
        if outcome.period == period.description { attempted.insert(outcome.sourceID) }
    }

    private static func log(_ o: SourcePullOutcome, to logger: Logger) {
        let rejected = o.rejected.isEmpty ? "none" : o.rejectedSummary
        let line =
            "pull \(o.sourceID) \(o.period): \(o.result.rawValue), \(o.accepted) records, rejected \(rejected), "
            + "\(String(format: "%.3f", o.duration)) s, \(o.bytes) bytes" + (o.error.map { ": \($0)" } ?? "")
        if o.succeeded { logger.info("\(line)") } else { logger.warning("\(line)") }
    }

    // MARK: Scoring

    /// What a scoring run needs, or nil while there is nothing to score yet: every source must have
    /// data for the period or have finished a pull of it, so that a restart does not score a
    /// snapshot of whichever source answered first; and at least one must have data.
    func scoringInput() async -> ScoringInput? {
        refreshPeriod()
        let p = period.description
        var anyData = false
        for id in await ingest.sourceIDs {
            let hasData = await ingest.data(source: id)?.period == p
            anyData = anyData || hasData
            if !hasData && !attempted.contains(id) { return nil }
        }
        guard anyData else { return nil }
        return ScoringInput(loaded: loaded, period: p, sources: await ingest.statuses(now: now()))
    }

    /// Serves a new result and its metrics.
    nonisolated func install(_ result: ServedResult, domain: [UInt8]) async {
        await setServed(result)
        metrics.publish(domain: domain)
        await publishSamplingMetrics()
    }

    func setServed(_ result: ServedResult) {
        served = result
        changed()
    }

    /// The served result with the snapshot it was computed from, reading the snapshot from the store
    /// after a restart. Nil while nothing is served; throws when the stored snapshot is not the one
    /// the result names (it was replaced and the run that scored the new one failed).
    package nonisolated func servedSnapshot() async throws -> (ServedResult, AssessmentResult, Snapshot)? {
        guard let served = await served, let result = served.result else { return nil }
        if let snapshot = served.snapshot { return (served, result, snapshot) }
        let stored = try await store.latestSnapshot(period: served.period)
        guard let stored, stored.info.sha256 == result.snapshotSHA256 else {
            throw ServingError.snapshotGone(period: served.period)
        }
        // The facts the result was scored on: the bureaus' snapshot with its corrections (docs/SEMANTICS.md §14).
        let snapshot = try stored.snapshot().applying(result.corrections.map(\.correction)).snapshot
        await attach(snapshot, toRun: served.run?.id, period: served.period)
        return (served, result, snapshot)
    }

    /// Attaches the weight sensitivity to the served result, unless another one was served meanwhile.
    func attach(_ sensitivity: SensitivityResult, toRun id: Int64?, period: String) {
        guard served?.run?.id == id, served?.period == period, served?.result != nil else { return }
        served?.sensitivity = sensitivity
        changed()
    }

    private func attach(_ snapshot: Snapshot, toRun id: Int64?, period: String) {
        guard served?.run?.id == id, served?.period == period, served?.snapshot == nil else { return }
        served?.snapshot = snapshot
    }

    nonisolated func renderDomain(_ result: AssessmentResult, config: Config) -> [UInt8] {
        DomainExposition.render(config: config, result: result, enterpriseSeries: config.metrics.enterpriseSeries)
    }

    // MARK: Reload

    /// `storage.postgres` for a log line: the URL without its password, and the pool.
    private static func describe(_ postgres: PostgresStorage?) -> String {
        postgres.map { "\(PostgresConnectionConfig.redact($0.url)) (pool \($0.pool))" } ?? ""
    }

    /// Puts a newly loaded config in force; throws (changing nothing) when its sources cannot be planned.
    func apply(_ next: LoadedConfig) async throws(ConfigErrors) -> [SourceConfig] {
        let nextPuller = try Puller(config: next.config, fetcher: fetcher)
        for (what, old, new) in [
            ("server.listen", loaded.config.server.listen, next.config.server.listen),
            ("storage.sqlite", loaded.config.storage.sqlite ?? "", next.config.storage.sqlite ?? ""),
            (
                "storage.postgres", Self.describe(loaded.config.storage.postgres),
                Self.describe(next.config.storage.postgres)
            ),
        ] where old != new {
            logger.warning("\(next.path): \(what) changed from \(old) to \(new); it takes effect after a restart")
        }
        loaded = next
        tokens.withLock { $0 = next.config.auth.tokens }
        hosts.withLock { $0 = HostRule(next.config.server.allowedHosts) }
        puller = nextPuller
        await ingest.configure(sources: next.config.sources)
        metrics.operational.configure(sources: next.config.sources.map(\.id))
        setReloadSuccessful(true)
        refreshPeriod()
        let domain = served?.result.map {
            renderDomain($0, config: (try? next.model(for: $0.period))?.config ?? next.config)
        }
        metrics.publish(domain: domain)
        await publishSamplingMetrics()
        return next.config.sources
    }

    func setReloadSuccessful(_ ok: Bool) {
        lastReloadSuccessful = ok
        metrics.operational.setReloadSuccessful(ok)
        metrics.publish()
        changed()
    }

    // MARK: Changes

    private func changed() {
        generation += 1
        wakeAll()
    }

    private func wakeAll() {
        let waiters = changeWaiters
        changeWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once `generation` has passed `seen`, at once if it has; or when the task is cancelled.
    /// Read `generation`, check what you wait for, then wait here: no change is missed in between.
    func change(after seen: Int) async {
        await withTaskCancellationHandler {
            guard generation <= seen, !Task.isCancelled else { return }
            await withCheckedContinuation { changeWaiters.append($0) }
        } onCancel: {
            Task { await self.wakeAll() }
        }
    }

    // MARK: Period

    private func refreshPeriod() {
        let current = loaded.config.currentPeriod(at: now())
        guard current != period else { return }
        logger.notice("the current period is now \(current) (was \(period))")
        period = current
        attempted = []
    }

    static func format(_ d: Duration) -> String {
        let (seconds, attoseconds) = d.components
        return String(format: "%.3f s", Double(seconds) + Double(attoseconds) / 1e18)
    }
}

/// A snapshot of what one scoring run works with, taken when it starts.
struct ScoringInput: Sendable {
    var loaded: LoadedConfig
    var period: String
    var sources: [SourceStatus]
}
