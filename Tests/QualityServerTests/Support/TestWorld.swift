import BureauSim
import Foundation
import Logging
import QualityCore
import QualityIngest
import QualityRecords
import Synchronization
import Testing

@testable import QualityServer

/// A temporary directory with a qualityd config for a simulated world, served by live bureau-sims;
/// removed when the test lets go of it.
final class TestWorld: Sendable {
    static let world = World(seed: 7, districts: 10, enterprises: 400)

    let directory: URL
    var configPath: String { directory.appendingPathComponent("config.yaml").path }
    var sqlitePath: String { directory.appendingPathComponent("qualityd.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "qualityd-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes the demo config for `world` (the test world unless given) with its sources on `port`, pulled once an hour with no
    /// retries; `overrides` maps a source id to another bureau port.
    func writeConfig(port: Int, overrides: [String: Int] = [:], world: World = TestWorld.world) throws {
        var yaml = DemoConfig(world: world, listen: ListenAddress(host: "127.0.0.1", port: port)).yaml
        yaml = yaml.replacingOccurrences(of: #"interval: \S+"#, with: "interval: 1h", options: .regularExpression)
        yaml = yaml.replacingOccurrences(of: #"retries: \d+"#, with: "retries: 0", options: .regularExpression)
        for (source, other) in overrides {
            // The url line follows the source's id line.
            let pattern = #"(id: \#(source)\n(?:.*\n)*?\s*url: "[^"]*?)127\.0\.0\.1:\#(port)"#
            yaml = yaml.replacingOccurrences(
                of: pattern, with: "$1127.0.0.1:\(other)", options: .regularExpression)
        }
        try write(yaml)
    }

    func write(_ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    /// With `logger`, the daemon logs there (e.g. a `LogRecorder`'s); else only with `QUALITYD_TEST_LOG=1`.
    func options(fetcher: (any HTTPFetching)? = nil, logger: Logger? = nil) -> ServerOptions {
        var quiet = Logger(label: "qualityd-test")
        quiet.logLevel = ProcessInfo.processInfo.environment["QUALITYD_TEST_LOG"] == "1" ? .info : .critical
        let logger = logger ?? quiet
        return ServerOptions(
            configPath: configPath, environment: [:], listen: ("127.0.0.1", 0), sqlitePath: sqlitePath,
            fetcher: fetcher, pullJitter: 0, logger: logger)
    }

    static func simulator(faults: String = "") throws -> Simulator {
        Simulator(world: world, faults: try FaultPlan(parsing: faults))
    }
}

/// Waits for a condition that the daemon reaches by itself (a pull, a scoring run): checked again
/// each time the daemon's state changes (`Runtime.change(after:)`), not polled. Fails the test after
/// `seconds`; not a timing assertion, the limit only bounds a hang.
func eventually(
    _ what: String, in daemon: Daemon, seconds: Double = 60,
    sourceLocation: Testing.SourceLocation = #_sourceLocation, _ condition: () async throws -> Bool
) async throws {
    let runtime = daemon.runtime
    let deadline = ContinuousClock.now + .seconds(seconds)
    while true {
        let seen = await runtime.generation
        if try await condition() { return }
        let changed = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await runtime.change(after: seen)
                return !Task.isCancelled
            }
            group.addTask {
                try? await Task.sleep(until: deadline)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !changed, ContinuousClock.now >= deadline {
            if try await condition() { return }
            Issue.record("timed out waiting for \(what)", sourceLocation: sourceLocation)
            throw CancellationError()
        }
    }
}

/// The sample values of an exposition by series (`name{labels}`), comments left out.
func samples(_ text: String, prefix: String = "") -> [String: Double] {
    var result: [String: Double] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") && line.hasPrefix(prefix) {
        guard let space = line.lastIndex(of: " ") else { continue }
        result[String(line[..<space])] = Double(line[line.index(after: space)...])
    }
    return result
}

/// A fetcher whose requests never finish (until cancelled): a daemon that cannot pull anything.
struct StalledFetcher: HTTPFetching {
    func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchedBody {
        try? await Task.sleep(for: .seconds(3600))
        throw FetchError(.timeout, "stalled")
    }
}
