import ArgumentParser
import Foundation
import QualityConfig
import QualityCore
import QualityExport
import QualityStore

/// How `sampling-plan` writes the plan.
enum SamplingPlanFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, xlsx, json
}

/// `qualityd sampling-plan`: draws the risk-weighted sampling plan (双随机抽查计划) of a snapshot
/// file or of a period's stored snapshot with a given seed (docs/SAMPLING.md). The same seed and
/// inputs give the same bytes.
struct SamplingPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sampling-plan",
        abstract: "Draw the supervisory sampling plan (抽查计划) with a seed."
    )

    @OptionGroup var options: ConfigOptions
    @OptionGroup var input: SnapshotOrPeriod

    @Option(help: "The seed: 1 to 64 letters, digits, '.', '_' or '-'.")
    var seed: String

    @Option(help: "table (default), csv, xlsx or json.")
    var format: SamplingPlanFormat = .table

    @Option(help: "zh (default) or en: headers and names of the table, CSV and XLSX.")
    var lang: Language = .zh

    @Option(help: "The file to write; - (the default) for stdout.")
    var out: String = "-"

    func validate() throws {
        if !SamplingPlan.isValidSeed(seed) {
            throw ValidationError("--seed: expected 1 to 64 letters, digits, '.', '_' or '-'")
        }
    }

    func run() async throws {
        let loaded = try options.load()
        guard loaded.config.sampling != nil else {
            throw CommandFailure(.invalidInput, "\(loaded.path): no sampling section; see docs/CONFIG.md")
        }
        let parsed = try await input.load(loaded)
        guard let model = try policy(loaded, for: parsed.period).sampling else {
            throw CommandFailure(.invalidInput, "\(loaded.path): no sampling section; see docs/CONFIG.md")
        }
        let population = model.population(of: parsed, districts: loaded.config.districts)
        let plan = SamplingDraw(config: model.config).draw(population: population, seed: seed)
        let document = SamplingPlanDocument(plan: plan, period: parsed.period)
        let export = SamplingPlanExport(plan: document, config: loaded.config, language: lang)
        let bytes: [UInt8]
        switch format {
        case .table: bytes = Array(export.table().utf8)
        case .csv: bytes = export.csv().bytes
        case .json: bytes = try document.jsonBytes()
        case .xlsx:
            do {
                bytes = try export.xlsx().bytes
            } catch {
                throw CommandFailure(.runtime, error.description)
            }
        }
        try writeOutput(bytes, to: out)
        printError(
            "\(out == "-" ? "stdout" : out): \(format.rawValue), period \(document.period), seed \(seed), "
                + "\(document.population.count) enterprises, \(document.plan.count) selected, "
                + "input_sha256 \(document.inputSHA256)")
    }
}
