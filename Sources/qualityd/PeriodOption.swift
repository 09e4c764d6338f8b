import ArgumentParser
import QualityCore

/// `--period P`: the one period a command works on (2025, 2025Q3, 2025-07), checked before `run`.
struct PeriodOption: ParsableArguments {
    @Option(help: "The period (2025, 2025Q3, 2025-07).")
    var period: String

    func validate() throws {
        try Self.validate(period)
    }

    /// Fails naming `--period` unless `text` is a period; `SnapshotOrPeriod` checks its own with it.
    static func validate(_ text: String) throws {
        if Period(text) == nil {
            throw ValidationError("--period \(text): expected a period such as 2025, 2025Q3 or 2025-07")
        }
    }
}
