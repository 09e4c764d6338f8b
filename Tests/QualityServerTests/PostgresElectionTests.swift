import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing

@testable import QualityServer

/// The election against a real PostgreSQL: `QUALITYD_TEST_POSTGRES_PORT` names a server on
/// 127.0.0.1 that trusts the user `postgres` (scripts/checks/replicas.sh runs the whole thing).
@Suite struct PostgresElectionTests {
    static let port = ProcessInfo.processInfo.environment["QUALITYD_TEST_POSTGRES_PORT"].flatMap(Int.init)

    /// Waits (polling: the election has no event to wait on from outside) until `condition` holds.
    static func until(_ what: String, _ condition: () -> Bool) async throws {
        for _ in 0..<200 where !condition() { try await Task.sleep(for: .milliseconds(50)) }
        #expect(condition(), "\(what)")
    }

    @Test(.enabled(if: port != nil)) func oneLeadsAndTheLockMovesWhenItsHolderGoes() async throws {
        let configuration = PostgresConnection.Configuration(
            host: "127.0.0.1", port: Self.port ?? 5432, username: "postgres", password: nil, database: "postgres",
            tls: .disable)
        var logger = Logger(label: "election-test")
        logger.logLevel = .critical
        let election = PostgresLeaderElection(configuration: configuration, logger: logger)
        let a = ReplicaState(id: "a", leading: false, metrics: MetricsCache(operational: OperationalMetrics()))
        let b = ReplicaState(id: "b", leading: false, metrics: MetricsCache(operational: OperationalMetrics()))
        let heard = Mutex<[ReplicaChange]>([])
        let terms = Mutex<[LeaderTerm]>([])
        let first = Task {
            await election.campaign(a, events: ReplicaEvents(term: { _ in }, heard: { _ in }))
        }
        try await Self.until("a leads") { a.isLeading }
        let second = Task {
            await election.campaign(
                b,
                events: ReplicaEvents(
                    term: { term in terms.withLock { $0.append(term) } },
                    heard: { change in heard.withLock { $0.append(change) } }))
        }
        try await Self.until("b sees a leading") { b.leader == "a" }
        #expect(!b.isLeading)
        await a.announce(.lists)
        try await Self.until("b hears the change") { heard.withLock { $0 } == [.lists] }

        first.cancel()
        await first.value
        #expect(!a.isLeading)
        try await Self.until("b takes over") { b.isLeading }
        #expect(terms.withLock { $0 } == [.gained(takeover: true)])
        second.cancel()
        await second.value
    }
}
