import ArgumentParser
import QualityCore

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
        if let period, Period(period) == nil {
            throw ValidationError("--period \(period): expected a period such as 2025, 2025Q3 or 2025-07")
        }
    }
}
