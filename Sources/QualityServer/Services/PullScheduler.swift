import AsyncAlgorithms
import Foundation
import QualityCore
import QualityIngest
import ServiceLifecycle

/// Pulls each source on its own `interval`: the first pull right after start, then on a timer with
/// jitter, so that sources with the same interval do not all hit their bureaus at the same moment.
///
/// Each source runs in a child task of its own; a failing or slow source never holds up the rest.
/// A reload sends the new source list: sources removed or changed stop (a pull in flight is
/// dropped), new or changed ones start with an immediate pull, unchanged ones keep their rhythm.
package struct PullScheduler: Service {
    let runtime: Runtime
    let updates: CoalescingChannel<[SourceConfig]>
    let scoring: CoalescingChannel<Void>
    /// Each tick is delayed by a random part of `jitter × 2 × interval`: pulls come every
    /// `interval ± jitter × interval`, `interval` apart on average. 0 in tests.
    let jitter: Double
    /// How often the clock is checked for a new period.
    let periodCheck: Duration

    package init(
        runtime: Runtime, updates: CoalescingChannel<[SourceConfig]>, scoring: CoalescingChannel<Void>,
        jitter: Double = 0.1, periodCheck: Duration = .seconds(60)
    ) {
        self.runtime = runtime
        self.updates = updates
        self.scoring = scoring
        self.jitter = jitter
        self.periodCheck = periodCheck
    }

    /// What the schedule reacts to: a reload's source list, or a look at the clock.
    private enum Event: Sendable {
        case sources([SourceConfig])
        case tick
    }

    package func run() async {
        var sources = await runtime.config.sources
        var period = await runtime.currentPeriod()
        // A new period (the first day of a year, quarter or month) is pulled at once, not at each
        // source's next tick, which may be a day away.
        let ticks = AsyncTimerSequence(interval: periodCheck, clock: .continuous).map { _ in Event.tick }
        let events = merge(updates.stream.map { Event.sources($0) }, ticks).cancelOnGracefulShutdown()
        await withDiscardingTaskGroup { group in
            var running: [String: (source: SourceConfig, stop: AsyncStream<Void>.Continuation)] = [:]
            var restartAll = false
            var iterator = events.makeAsyncIterator()
            repeat {
                for (id, entry) in running where restartAll || !sources.contains(entry.source) {
                    entry.stop.finish()
                    running[id] = nil
                }
                for source in sources where running[source.id] == nil {
                    let (stopped, stop) = AsyncStream.makeStream(of: Void.self)
                    running[source.id] = (source, stop)
                    group.addTask { await self.schedule(source, until: stopped) }
                }
                restartAll = false
                switch await iterator.next() {
                case .sources(let next)?:
                    sources = next
                case .tick?:
                    let now = await runtime.currentPeriod()
                    restartAll = now != period
                    period = now
                case nil:
                    for entry in running.values { entry.stop.finish() }
                    return
                }
            } while true
        }
    }

    /// Pulls `source` until `stopped` ends, graceful shutdown comes, or the task is cancelled.
    private func schedule(_ source: SourceConfig, until stopped: AsyncStream<Void>) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.pullForever(source) }
            group.addTask { for await _ in stopped {} }
            _ = await group.next()
            group.cancelAll()
        }
    }

    private func pullForever(_ source: SourceConfig) async {
        await pull(source.id)
        let seconds = max(source.interval, 0.001)
        let timer = AsyncTimerSequence(interval: .milliseconds(Int64(seconds * 1000)), clock: .continuous)
        for await _ in timer.cancelOnGracefulShutdown() {
            if jitter > 0 {
                let delay = Double.random(in: 0...(2 * jitter * seconds))
                try? await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
            }
            if Task.isCancelled { return }
            await pull(source.id)
        }
    }

    /// One pull of one source, recorded, and a scoring run asked for when it brought data.
    func pull(_ id: String) async {
        let (puller, period) = await runtime.pullTarget()
        guard let outcome = await puller.pull(source: id, period: period) else { return }
        // Stopped by a reload or by shutdown while pulling: the outcome means nothing now.
        if Task.isCancelled { return }
        if await runtime.record(outcome) { scoring.send() }
    }
}
