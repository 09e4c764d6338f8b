import Logging
import QualityCore
import QualityStore
import ServiceLifecycle

/// Runs the election of a replica among several (README, "Several replicas") and keeps a
/// follower serving what the leader stores.
///
/// - Taking over, the new leader first scores what the store holds (the sources' stored data and
///   the payouts confirmed so far), then pulls each source when it is due; the pull scheduler
///   hears of the term by itself.
/// - A follower serves the newest stored result as soon as it hears of it (`ReplicaChange.run`),
///   and looks every `poll` in case an announcement was lost: for a new run, a list whose state
///   changed (the leader then scores again, since payouts change) and the sampling plans in force.
///   It also shows each source's state (`qualityd_source_up`, last success) as the leader's
///   pulls leave it, so that no follower reports a source stale that the leader keeps fresh.
package struct ReplicaService: Service {
    let runtime: Runtime
    let election: any LeaderElection
    let scoring: CoalescingChannel<Void>
    var poll: Duration = .seconds(1)

    package func run() async {
        let events = ReplicaEvents(term: { await began($0) }, heard: { await heard($0) })
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await election.campaign(runtime.replica, events: events) }
                group.addTask { await watch() }
            }
        }
    }

    private func began(_ term: LeaderTerm) async {
        guard term == .gained(takeover: true) else { return }
        // The stored snapshot and pulls are the newest facts; a pull storm would add nothing yet.
        await runtime.seedSources()
        do { try await runtime.adoptStoredResult() } catch {
            runtime.logger.warning("taking over without the newest stored result: \(error)")
        }
        scoring.send()
    }

    private func heard(_ change: ReplicaChange) async {
        switch change {
        case .run:
            guard !runtime.replica.isLeading else { return }
            do { try await runtime.adoptStoredResult() } catch {
                runtime.logger.warning("the newest stored result cannot be served: \(error)")
            }
        case .lists:
            if runtime.replica.isLeading { scoring.send() }
        case .plans:
            await runtime.publishSamplingMetrics()
        }
    }

    /// What the store looked like at the last poll.
    private struct Seen: Equatable {
        var pull: Int64?
        var run: Int64?
        var list: ListMark?
        var plans: [Int64] = []
    }

    private struct ListMark: Equatable {
        var id: Int64
        var status: ListStatus
    }

    private func watch() async {
        var seen: Seen?
        while !Task.isCancelled {
            do {
                var period = await runtime.period.description
                if let served = await runtime.served?.period { period = served }
                let now = Seen(
                    pull: try await runtime.store.recentPulls(source: nil, limit: 1).first?.id,
                    run: try await runtime.newestStoredRunID(),
                    list: try await runtime.store.listHistory(period: period).first.map {
                        ListMark(id: $0.id, status: $0.status)
                    },
                    plans: try await runtime.store.samplingPlansInForce().map(\.id))
                if let before = seen {
                    // A follower shows each source's state as the leader's pulls left it.
                    if before.pull != now.pull, !runtime.replica.isLeading { try await runtime.restoreSourceMetrics() }
                    if before.run != now.run, await runtime.servedRunID != now.run { await heard(.run) }
                    if before.list != now.list { await heard(.lists) }
                    if before.plans != now.plans { await heard(.plans) }
                }
                seen = now
            } catch {
                runtime.logger.debug("replica poll: \(error)")
            }
            try? await Task.sleep(for: poll)
        }
    }
}
