import ArgumentParser
import Foundation
import QualityConfig
import QualityCore
import QualityIngest
import QualityRecords
import QualityStore

#if canImport(Glibc)
    import Glibc
#endif

/// `qualityd pull`: pulls every source once for a period, stores the pulls and the snapshot, and
/// writes the snapshot if asked. Exit 0 when every source pulled, 3 when any failed (what could be
/// pulled is still stored and written).
struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Pull every source once (拉取数据) and write the snapshot."
    )

    @OptionGroup var options: ConfigOptions
    @OptionGroup var period: PeriodOption

    @Option(help: "Write the snapshot (pretty JSON, docs/SEMANTICS.md §8) to this file; - for stdout.")
    var out: String?

    func run() async throws {
        guard let period = Period(period.period) else {
            throw CommandFailure(.usage, "--period \(self.period.period): not a period")
        }
        let loaded = try options.load()
        guard !loaded.config.sources.isEmpty else {
            throw CommandFailure(.invalidInput, "\(loaded.path): no sources configured; nothing to pull")
        }
        let store = try await openStore(loaded, mustExist: false)
        let line = isatty(STDERR_FILENO) != 0 ? PullProgressLine(sources: loaded.config.sources.map(\.id)) : nil
        var progress: PullProgressHandler?
        if let line { progress = { line.update($0) } }
        let outcomes: [SourcePullOutcome]
        do {
            outcomes = try await OneShotPull.pullAll(config: loaded.config, period: period, progress: progress)
        } catch {
            throw CommandFailure.config(error)
        }
        line?.finish()

        for outcome in outcomes {
            _ = try await storeCall { () async throws(StoreError) in try await store.recordPull(PullRecord(outcome)) }
        }
        let snapshot = SnapshotAssembler.assemble(
            period: period.description, sources: outcomes.compactMap(\.data),
            confirmedPayouts: try await storeCall { () async throws(StoreError) in try await store.payouts() })
        let info = try await storeCall { () async throws(StoreError) in
            try await store.saveSnapshot(snapshot, createdAt: Date())
        }
        if let out {
            var json = snapshot.json(style: .pretty(indent: 2))
            json.append(0x0A)
            try writeOutput(json, to: out)
        }

        let table = PullTable(config: loaded.config, outcomes: outcomes).render()
        if out == "-" { printError(table) } else { print(table, terminator: "") }
        let failed = outcomes.filter { !$0.succeeded }
        let summary =
            "period \(period): \(snapshot.districts.count) districts, \(snapshot.enterprises.count) enterprises, "
            + "\(snapshot.payouts.count) payouts; snapshot \(info.sha256.prefix(12)) stored in \(store.location)"
        printError(summary)
        if !failed.isEmpty {
            throw CommandFailure(
                .runtime,
                "\(failed.count) of \(outcomes.count) sources failed: " + failed.map(\.sourceID).joined(separator: ", ")
            )
        }
    }
}
