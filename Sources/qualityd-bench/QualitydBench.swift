import ArgumentParser
import Foundation
import QualityConfig
import QualityCore

/// `qualityd-bench`: times the hot paths of qualityd in-process, with release builds (bench/run).
///
/// Each subcommand loads its input once, times the step it is about several times and prints one
/// JSON object: medians, minima and maxima in seconds, sizes, and peak RSS in kB.
@main
struct QualitydBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qualityd-bench",
        abstract: "Time scoring, metrics rendering and exports of qualityd (see bench/run).",
        subcommands: [ScoreBench.self, RenderBench.self, XLSXBench.self, SensitivityBench.self]
    )
}

/// `--result FILE`: a stored result to time work on.
struct StoredResultOption: ParsableArguments {
    @Option(help: "A stored result (compact JSON, as `score --result-out` writes it).")
    var result: String

    /// The file's bytes.
    func bytes() throws -> [UInt8] { try readBytes(result) }
}

/// `--config` and `--runs`, shared by the subcommands.
struct BenchOptions: ParsableArguments {
    @Option(help: "The qualityd config (bureau-sim print-config output).")
    var config: String

    @Option(help: "How many times each timed step runs.")
    var runs = 5

    func load() throws -> LoadedConfig {
        do {
            return try ConfigLoader.load(path: config, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw BenchFailure("\(config): \(error)")
        }
    }
}
