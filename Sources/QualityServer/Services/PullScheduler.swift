import AsyncAlgorithms
import Foundation
import Logging
import QualityCore
import QualityIngest
import QualityStore
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
    var jitter = 0.1
    /// How often the clock is checked for a new period.
    var periodCheck: Duration = .seconds(60)

    /// What the schedule reacts to: a reload's source list, a look at the clock, or a change of
    /// leadership (only the leader pulls).
    private enum Event: Sendable {
        case sources([SourceConfig])
        case tick
        case term(LeaderTerm)
    }

    package func run() async {
        var sources = await runtime.config.sources
        var period = await runtime.currentPeriod()
        var leading = runtime.replica.isLeading
        // A replica taking over pulls each source when it is due after its last stored pull.
        var resume = false
        // A new period (the first day of a year, quarter or month) is pulled at once, not at each
        // source's next tick, which may be a day away.
        let ticks = AsyncTimerSequence(interval: periodCheck, clock: .continuous).map { _ in Event.tick }
        let events = merge(
            updates.stream.map { Event.sources($0) }, ticks, runtime.replica.terms.stream.map { Event.term($0) }
        ).cancelOnGracefulShutdown()
        await withDiscardingTaskGroup { group in
            var running: [String: (source: SourceConfig, stop: AsyncStream<Void>.Continuation)] = [:]
            var restartAll = false
            var iterator = events.makeAsyncIterator()
            repeat {
                let active = leading ? sources : []
                for (id, entry) in running where restartAll || !active.contains(entry.source) {
                    entry.stop.finish()
                    running[id] = nil
                }
                var due: [String: Date] = [:]
                if resume { due = await dueTimes() }
                for source in active where running[source.id] == nil {
                    let (stopped, stop) = AsyncStream.makeStream(of: Void.self)
                    running[source.id] = (source, stop)
                    let first = due[source.id].map { $0 + source.interval }
                    group.addTask { await self.schedule(source, firstAt: first, until: stopped) }
                }
                restartAll = false
                resume = false
                switch await iterator.next() {
                case .sources(let next)?:
                    sources = next
                case .tick?:
                    let now = await runtime.currentPeriod()
                    restartAll = now != period
                    period = now
                case .term(.lost)?:
                    leading = false
                case .term(.gained(let takeover))?:
                    leading = true
                    resume = takeover
                case nil:
                    for entry in running.values { entry.stop.finish() }
                    return
                }
            } while true
        }
    }

    /// When each source was last pulled, by the store: a replica taking over goes on from there.
    private func dueTimes() async -> [String: Date] {
        do {
            let pulls = try await runtime.store.lastPulls(successfulOnly: false)
            return Dictionary(pulls.map { ($0.source, $0.finishedAt) }, uniquingKeysWith: { max($0, $1) })
        } catch {
            runtime.logger.warning("the last pulls cannot be read; every source is pulled now: \(error)")
            return [:]
        }
    }

    /// Pulls `source` (first at `firstAt`, or now) until `stopped` ends, graceful shutdown comes,
    /// or the task is cancelled.
    private func schedule(_ source: SourceConfig, firstAt: Date?, until stopped: AsyncStream<Void>) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.pullForever(source, firstAt: firstAt) }
            group.addTask { for await _ in stopped {} }
            _ = await group.next()
            group.cancelAll()
        }
    }

    private func pullForever(_ source: SourceConfig, firstAt: Date?) async {
        if let firstAt {
            let wait = firstAt.timeIntervalSince(runtime.now())
            if wait > 0 { try? await Task.sleep(for: .milliseconds(Int64(wait * 1000))) }
            if Task.isCancelled { return }
        }
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
