import Logging
import NIOCore
import PostgresNIO

/// Leadership through PostgreSQL (README, "Several replicas"): the leader is the replica holding a
/// session-level advisory lock on a connection of its own, outside the store's pool.
///
/// Followers try the lock every `interval` (`pg_try_advisory_lock` never waits). The lock lives as
/// long as the leader's session: a leader killed outright loses it as soon as the server sees the
/// connection close; one cut off the network when the server's TCP keepalives (set low on that
/// session) give up. The leader checks its connection every `interval` too; a query that fails or
/// takes longer than `timeout` ends its term at once, before anyone else can have the lock.
///
/// The same connection carries the announcements: `NOTIFY qualityd_changes` with the change and
/// the sender's id, which every replica `LISTEN`s to. Each connection's `application_name` is
/// `qualityd <replica id>`, which is how a follower learns who holds the lock (`pg_locks`).
package struct PostgresLeaderElection: LeaderElection {
    package var configuration: PostgresConnection.Configuration
    package var logger: Logger
    /// How often a follower tries the lock and the leader checks its connection.
    package var interval: Duration = .seconds(1)
    /// How long the leader's check may take before its term ends.
    package var timeout: Duration = .seconds(3)

    /// The lock's two keys. The two-key form (`objsubid` 2 in `pg_locks`) never meets a lock taken
    /// with one bigint key, such as the store's migration lock.
    static let lockKeys = (7470, 1)
    static let channel = "qualityd_changes"
    static let applicationPrefix = "qualityd "

    /// What one process remembers across connections: a term after one ended, or after another
    /// replica was seen leading, is a takeover.
    private final class Memory: @unchecked Sendable {
        var ledBefore = false
        var sawOther = false
    }

    package func campaign(_ replica: ReplicaState, events: ReplicaEvents) async {
        let memory = Memory()
        var attempt = 0
        while !Task.isCancelled {
            attempt += 1
            var configuration = configuration
            // PostgreSQL keeps 63 bytes of it; `server.replica_id` fits, a long host name is cut.
            let name = String((Self.applicationPrefix + replica.id).prefix(63))
            configuration.options.additionalStartupParameters.append(("application_name", name))
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: configuration, id: attempt, logger: logger)
                do {
                    try await session(connection, replica: replica, events: events, memory: memory)
                } catch is CancellationError {
                } catch {
                    if !Task.isCancelled { logger.warning("leader election: connection to PostgreSQL lost: \(error)") }
                }
                replica.announce(through: nil)
                try? await connection.close()
            } catch {
                if !Task.isCancelled { logger.warning("leader election: cannot reach PostgreSQL: \(error)") }
            }
            // No connection, no lock: whatever this replica did as leader stops now.
            if let term = replica.observe(leading: false, leader: nil, takeover: false) {
                logger.warning("leadership lost: \(replica.id) stops pulling and scoring")
                await events.term(term)
            }
            try? await Task.sleep(for: interval)
        }
    }

    private func session(
        _ connection: PostgresConnection, replica: ReplicaState, events: ReplicaEvents, memory: Memory
    ) async throws {
        // A leader that vanished without closing its connection is noticed by keepalives after
        // about 3 + 2 × 2 s, and its lock released.
        try await connection.query(
            """
            SELECT set_config('tcp_keepalives_idle', '3', false), set_config('tcp_keepalives_interval', '2', false),
                   set_config('tcp_keepalives_count', '2', false)
            """, logger: logger)
        let logger = logger
        replica.announce(through: { change in
            let payload = "\(change.rawValue) \(replica.id)"
            do {
                try await connection.query("SELECT pg_notify(\(Self.channel), \(payload))", logger: logger)
            } catch {
                logger.warning("the other replicas were not told of the new \(change.rawValue): \(error)")
            }
        })
        try await connection.listen(on: Self.channel) { notifications in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        while true {
                            try await self.check(connection, replica: replica, events: events, memory: memory)
                            try await Task.sleep(for: self.interval)
                        }
                    } catch {
                        // Ends the notifications below with an error, and with them the session.
                        try? await connection.close()
                        throw error
                    }
                }
                for try await notification in notifications {
                    let parts = notification.payload.split(separator: " ", maxSplits: 1).map(String.init)
                    guard let change = parts.first.flatMap(ReplicaChange.init(rawValue:)),
                        parts.count < 2 || parts[1] != replica.id
                    else { continue }
                    await events.heard(change)
                }
                group.cancelAll()
            }
        }
    }

    /// The leader checks that its session (and so its lock) is alive; a follower tries the lock
    /// and otherwise reads who holds it.
    private func check(
        _ connection: PostgresConnection, replica: ReplicaState, events: ReplicaEvents, memory: Memory
    ) async throws {
        if replica.isLeading {
            try await bounded(connection) {
                try await connection.query("SELECT 1", logger: logger).collect()
            }
            return
        }
        let (k1, k2) = Self.lockKeys
        let sql = """
            SELECT pg_try_advisory_lock(\(k1), \(k2)),
                   (SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                    WHERE l.locktype = 'advisory' AND l.granted AND l.classid = \(k1) AND l.objid = \(k2)
                      AND l.objsubid = 2 LIMIT 1)
            """
        let rows = try await bounded(connection) {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect()
        }
        guard let row = rows.first else { return }
        let (got, holder) = try row.decode((Bool, String?).self)
        let leader = holder.map {
            String($0.dropFirst($0.hasPrefix(Self.applicationPrefix) ? Self.applicationPrefix.count : 0))
        }
        if got {
            let takeover = memory.ledBefore || memory.sawOther
            memory.ledBefore = true
            if let term = replica.observe(leading: true, leader: replica.id, takeover: takeover) {
                logger.notice("\(replica.id) leads now\(takeover ? ", taking over" : "")")
                await events.term(term)
            }
        } else {
            if leader != nil { memory.sawOther = true }
            replica.observe(leading: false, leader: leader, takeover: false)
        }
    }

    /// Runs `body`, closing the connection when it takes longer than `timeout` (which makes it
    /// fail): a hung query must not keep a leader that may have lost its lock.
    private func bounded<T: Sendable>(
        _ connection: PostgresConnection, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: self.timeout)
                try? await connection.close()
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw PostgresElectionTimeout(seconds: timeout)
            }
            return value
        }
    }
}

/// The leader's check of its connection took too long.
struct PostgresElectionTimeout: Error, CustomStringConvertible {
    var seconds: Duration
    var description: String { "no answer from PostgreSQL within \(seconds)" }
}
