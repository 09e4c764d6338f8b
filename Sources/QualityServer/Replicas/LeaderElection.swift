/// Decides which replica leads, and carries the replicas' announcements to each other.
///
/// `campaign` runs for the life of the daemon: it records in `ReplicaState` who leads whenever
/// that changes, tells `events.term` when this replica's term starts or ends, and hands every
/// change another replica announces to `events.heard`. It returns when its task is cancelled.
package protocol LeaderElection: Sendable {
    func campaign(_ replica: ReplicaState, events: ReplicaEvents) async
}

/// What the election reports to the replica service.
package struct ReplicaEvents: Sendable {
    /// This replica's term started or ended.
    package var term: @Sendable (LeaderTerm) async -> Void
    /// Another replica changed the store.
    package var heard: @Sendable (ReplicaChange) async -> Void
}
