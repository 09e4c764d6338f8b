import ArgumentParser
import Foundation
import QualityConfig
import QualityCore
import QualityExport
import QualityStore

/// `qualityd sensitivity`: how much each district's rank and grade depend on the weights
/// (docs/SEMANTICS.md §15), for a snapshot scored here or a stored period's latest result.
struct SensitivityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Weight sensitivity (权重敏感性): rank intervals, grade shares, ranks without each indicator."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @OptionGroup var options: ConfigOptions
    @OptionGroup var input: SnapshotOrPeriod

    @Option(help: "How many weight draws.")
    var samples = 1000

    @Option(help: "Each weight is multiplied by a factor from [1 − spread, 1 + spread]; 0 ≤ spread < 1.")
    var spread = 0.2

    @Option(help: "The seed of the draws; the same seed gives the same output.")
    var seed: UInt64 = 1

    @Option(help: "table or json.")
    var format: Format = .table

    @Option(help: "Write the output here instead of stdout.")
    var out: String?

    func validate() throws {
        if let problem = SensitivityOptions(samples: samples, spread: spread, seed: seed).problem {
            throw ValidationError(problem)
        }
    }

    func run() async throws {
        let loaded = try options.load()
        let result: AssessmentResult
        if let snapshot = input.snapshot {
            result = try await score(snapshotAt: snapshot, with: loaded)
        } else {
            let period = input.period ?? ""
            let store = try await openStore(loaded, mustExist: true)
            let run = try await storeCall { () async throws(StoreError) in
                try await store.latestSuccessfulRun(period: period)
            }
            guard let run else {
                throw CommandFailure(.runtime, "--period \(period): no scored result in \(store.location)")
            }
            do {
                result = try run.result()
            } catch {
                throw CommandFailure(.runtime, "\(store.location): the stored result of \(period) cannot be read: \(error)")
            }
        }
        let sensitivity = try policy(loaded, for: result.period).sensitivity(
            of: result, options: SensitivityOptions(samples: samples, spread: spread, seed: seed))
        switch format {
        case .table:
            try writeOutput(
                Array(SensitivityTable.render(config: loaded.config, result: result, sensitivity: sensitivity).utf8),
                to: out)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try writeOutput(Array(try encoder.encode(sensitivity)) + [0x0A], to: out)
        }
    }
}
