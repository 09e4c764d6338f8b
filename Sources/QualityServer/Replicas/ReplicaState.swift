import Foundation
import QualityCore
import Synchronization

/// What one replica announces to the others after changing the store, so that they serve it
/// within a moment instead of at their next poll.
package enum ReplicaChange: String, Sendable, CaseIterable {
    /// A scoring run was recorded: followers serve the newest stored result.
    case run
    /// A subsidy list was published, confirmed or revoked: confirmed or voided payouts change the
    /// next snapshot, so the leader scores again.
    case lists
    /// A sampling plan was drawn or revoked: its series on /metrics change.
    case plans
}

/// How a term of leadership starts: at the start of the process (pull every source at once, as
/// a single daemon does), or by taking over from a leader that went away (score what is stored
/// first, then pull each source when its interval since the last stored pull is up).
package enum LeaderTerm: Sendable, Equatable {
    case lost
    case gained(takeover: Bool)
}

/// This replica's part in a group of replicas sharing one store (README, "Several replicas"):
/// its id, whether it leads (only the leader pulls and scores), who leads as far as it knows, and
/// where its announcements go.
///
/// With SQLite there is one replica and it leads from the start (`sole`). With PostgreSQL the
/// election (`PostgresLeaderElection`) changes it.
package final class ReplicaState: Sendable {
    private struct State {
        var leading: Bool
        var leader: String?
        var announce: (@Sendable (ReplicaChange) async -> Void)?
    }

    /// `server.replica_id`, or this host's name and the port of `server.listen`.
    package let id: String
    /// Changes of leadership for the pull scheduler, the newest only.
    package let terms = CoalescingChannel<LeaderTerm>()
    private let state: Mutex<State>
    private let metrics: MetricsCache

    package init(id: String, leading: Bool, metrics: MetricsCache) {
        self.id = id
        self.metrics = metrics
        state = Mutex(State(leading: leading, leader: leading ? id : nil))
        if leading { metrics.operational.setLeader(true) }
    }

    /// The one replica of a SQLite store: it leads, always.
    package static func sole(id: String, metrics: MetricsCache) -> ReplicaState {
        ReplicaState(id: id, leading: true, metrics: metrics)
    }

    /// This host's name and the daemon's port: unique among replicas on distinct hosts or ports.
    package static func defaultID(port: Int) -> String {
        "\(ProcessInfo.processInfo.hostName):\(port)"
    }

    package var isLeading: Bool { state.withLock { $0.leading } }

    /// The id of the replica that leads, as last seen; nil while nobody is known to lead.
    package var leader: String? { state.withLock { $0.leader } }

    /// Records who leads. Returns the term that starts or ends for this replica, nil when its part
    /// did not change; the pull scheduler hears of it too.
    @discardableResult
    package func observe(leading: Bool, leader: String?, takeover: Bool) -> LeaderTerm? {
        let changed = state.withLock { s -> Bool in
            defer {
                s.leading = leading
                s.leader = leading ? id : leader
            }
            return s.leading != leading
        }
        guard changed else { return nil }
        metrics.operational.setLeader(leading)
        metrics.publish()
        let term: LeaderTerm = leading ? .gained(takeover: takeover) : .lost
        terms.send(term)
        return term
    }

    /// Where announcements go while a connection to the other replicas is up; nil: nowhere.
    package func announce(through send: (@Sendable (ReplicaChange) async -> Void)?) {
        state.withLock { $0.announce = send }
    }

    /// Tells the other replicas of a change to the store; nothing without any (SQLite). They also
    /// find it by polling, so a lost announcement only delays them.
    package func announce(_ change: ReplicaChange) async {
        guard let send = state.withLock({ $0.announce }) else { return }
        await send(change)
    }

    /// Whether this replica leads and who does (nil while nobody is known to lead), read at once.
    var standing: (leading: Bool, leader: String?) { state.withLock { ($0.leading, $0.leader) } }
}
