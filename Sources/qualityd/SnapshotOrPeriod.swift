import ArgumentParser
import QualityConfig
import QualityCore
import QualityStore

/// `--snapshot FILE | --period P`: the data a command works on, a snapshot file or what the store
/// holds for a period; exactly one of them.
struct SnapshotOrPeriod: ParsableArguments {
    @Option(help: "A snapshot file (JSON, docs/SEMANTICS.md §8) instead of the store.")
    var snapshot: String?

    @Option(help: "The stored period (2025, 2025Q3, 2025-07).")
    var period: String?

    func validate() throws {
        switch (snapshot, period) {
        case (nil, nil): throw ValidationError("give --snapshot or --period")
        case (.some, .some): throw ValidationError("give either --snapshot or --period, not both")
        default: break
        }
        if let period { try PeriodOption.validate(period) }
    }
}

extension SnapshotOrPeriod {
    /// The snapshot file, or the period's latest stored snapshot in the config's store.
    func load(_ loaded: LoadedConfig) async throws -> Snapshot {
        if let snapshot { return try readSnapshot(at: snapshot) }
        let store = try await openStore(loaded, mustExist: true)
        let period = self.period ?? ""
        let stored = try await storeCall { () async throws(StoreError) in try await store.latestSnapshot(period: period)
        }
        guard let stored else { throw CommandFailure(.runtime, "--period \(period): no snapshot in \(store.location)") }
        do {
            return try stored.snapshot()
        } catch {
            throw CommandFailure(.runtime, "\(store.location): the snapshot of \(period) cannot be read: \(error)")
        }
    }
}
