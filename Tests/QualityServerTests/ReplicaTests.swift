import BureauSim
import Foundation
import HummingbirdTesting
import NIOCore
import QualityCore
import QualityIngest
import QualityRecords
import QualityStore
import Synchronization
import Testing

@testable import QualityServer

/// An election the test decides: `lead`, `lose` and `announce` stand for what PostgreSQL would
/// tell the replica; each returns once the replica has taken it in.
final class ManualElection: LeaderElection {
    private let commands: AsyncStream<(Command, CheckedContinuation<Void, Never>)>
    private let send: AsyncStream<(Command, CheckedContinuation<Void, Never>)>.Continuation

    enum Command {
        case lead(takeover: Bool)
        case lose
        case announce(ReplicaChange)
    }

    init() { (commands, send) = AsyncStream.makeStream(of: (Command, CheckedContinuation<Void, Never>).self) }

    func lead(takeover: Bool) async { await perform(.lead(takeover: takeover)) }
    func lose() async { await perform(.lose) }
    func announce(_ change: ReplicaChange) async { await perform(.announce(change)) }

    private func perform(_ command: Command) async {
        await withCheckedContinuation { send.yield((command, $0)) }
    }

    func campaign(_ replica: ReplicaState, events: ReplicaEvents) async {
        for await (command, done) in commands {
            switch command {
            case .lead(let takeover):
                if let term = replica.observe(leading: true, leader: replica.id, takeover: takeover) {
                    await events.term(term)
                }
            case .lose:
                if let term = replica.observe(leading: false, leader: "elsewhere:9470", takeover: false) {
                    await events.term(term)
                }
            case .announce(let change):
                await events.heard(change)
            }
            done.resume()
        }
    }
}

/// A fetcher that counts its requests and fails them: a follower must not send any.
final class CountingFetcher: HTTPFetching {
    private let count = Mutex(0)
    var requests: Int { count.withLock { $0 } }

    func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchedBody {
        count.withLock { $0 += 1 }
        throw FetchError(.connectionError, "counting only")
    }
}

@Suite struct ReplicaTests {
    /// The domain series of an exposition (`quality_*`, comments included).
    static func domain(_ body: String) -> [Substring] {
        body.split(separator: "\n").filter { $0.hasPrefix("quality_") || $0.contains(" quality_") }
    }

    @Test func aSoleReplicaLeadsAndSaysSo() async throws {
        let w = try await WorkedDaemon.make(configure: { _ in })
        try await w.daemon.application.test(.router) { client in
            let ready = try JSONParser.parse(Array(buffer: try await client.get("/readyz").body))
            let id = try #require(ready.value(atPath: "replica")?.stringValue)
            #expect(id.hasSuffix(":0"))
            #expect(ready.value(atPath: "leader")?.stringValue == id)
            #expect(ready.value(atPath: "leading") == .bool(true))
            let metrics = try await client.metrics(prefix: "qualityd_leader")
            #expect(metrics == ["qualityd_leader": 1, "qualityd_leader_changes_total": 1])
        }
    }

    @Test func aFollowerServesTheLeadersRunsAndTakesOverByScoringWhatIsStored() async throws {
        let world = try TestWorld()
        try await SimServer.withServer(try TestWorld.simulator()) { port in
            try world.writeConfig(port: port)
            let yaml = try String(contentsOfFile: world.configPath, encoding: .utf8)
            try world.write(
                yaml.replacingOccurrences(
                    of: #"server: \{ listen: ("[^"]*") \}"#, with: "server: { listen: $1, replica_id: b }",
                    options: .regularExpression))
            try await withLiveDaemon(world) { leader, leaderClient in
                try await waitReady(leader)
                let election = ManualElection()
                let fetcher = CountingFetcher()
                var options = world.options(fetcher: fetcher)
                options.election = election
                options.replicaPoll = .seconds(600)
                let follower = try await buildDaemon(options)
                try await follower.application.test(.live) { client in
                    try await waitReady(follower)
                    let ready = try JSONParser.parse(Array(buffer: try await client.get("/readyz").body))
                    #expect(ready.value(atPath: "replica")?.stringValue == "b")
                    #expect(ready.value(atPath: "leading") == .bool(false))
                    #expect(
                        try await client.metrics(prefix: "qualityd_leader") == [
                            "qualityd_leader": 0, "qualityd_leader_changes_total": 0,
                        ])

                    // The leader scores again; the follower serves that run once told, with the same series.
                    #expect(await leader.scoring.score())
                    let second = try #require(await leader.runtime.servedRunID)
                    await election.announce(.run)
                    try await eventually("the leader's run", in: follower) {
                        await follower.runtime.servedRunID == second
                    }
                    let theirs = Self.domain(try await leaderClient.text("/metrics"))
                    #expect(!theirs.isEmpty)
                    #expect(Self.domain(try await client.text("/metrics")) == theirs)

                    // Taking over: a run on the stored snapshot, no pull (every source was pulled just now).
                    let stored = try #require(await leader.runtime.served?.result?.snapshotSHA256)
                    await election.lead(takeover: true)
                    try await eventually("a run of the new leader", in: follower) {
                        (await follower.runtime.servedRunID ?? 0) > second
                    }
                    #expect(await follower.runtime.served?.result?.snapshotSHA256 == stored)
                    #expect(fetcher.requests == 0)
                    #expect(
                        try await client.metrics(prefix: "qualityd_leader") == [
                            "qualityd_leader": 1, "qualityd_leader_changes_total": 1,
                        ])

                    await election.lose()
                    #expect(
                        try await client.metrics(prefix: "qualityd_leader") == [
                            "qualityd_leader": 0, "qualityd_leader_changes_total": 2,
                        ])
                    let after = try JSONParser.parse(Array(buffer: try await client.get("/readyz").body))
                    #expect(after.value(atPath: "leader")?.stringValue == "elsewhere:9470")
                }
            }
        }
    }
}
