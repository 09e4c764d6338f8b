import ArgumentParser
import Foundation
import QualityConfig
import QualityCore
import QualityExport
import QualityStore

/// `qualityd whatif`: the same data scored under the config and under a proposal, and what
/// changes (docs/CONFIG.md, "What-if"). Nothing is stored.
struct WhatIfCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Compare the config with a proposal on the same data (政策模拟): who gains, who loses."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @OptionGroup var options: ConfigOptions
    @OptionGroup var input: SnapshotOrPeriod

    @Option(help: "The proposed config (B), checked like --config.")
    var proposal: String

    @Option(help: "table (default), json or csv.")
    var format: Format = .table

    @Option(help: "The file to write; - (the default) for stdout.")
    var out: String = "-"

    func run() async throws {
        let current = try options.load()
        let proposed = try ConfigOptions.load(path: proposal)
        let snapshot = try await input.load(current)
        let comparison: PolicyComparison
        do {
            comparison = try WhatIf.compare(current: current, proposal: proposed, snapshot: snapshot)
        } catch {
            throw CommandFailure(.invalidInput, error.description)
        }
        let bytes: [UInt8]
        switch format {
        case .table:
            let a = try policy(current, for: snapshot.period).config
            let b = try policy(proposed, for: snapshot.period).config
            bytes = Array(WhatIfTable(comparison: comparison, current: a, proposal: b).render().utf8)
        case .json: bytes = try comparison.jsonBytes()
        case .csv: bytes = WhatIfTable(comparison: comparison, programNames: [:], gradeNames: [:]).csv().bytes
        }
        try writeOutput(bytes, to: out)
        if format != .table { printError(WhatIfTable.summaryLine(comparison.summary)) }
    }
}
