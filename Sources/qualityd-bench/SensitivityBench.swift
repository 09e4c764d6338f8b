import ArgumentParser
import Foundation
import QualityConfig
import QualityCore

/// `qualityd-bench sensitivity`: the weight sensitivity analysis (docs/SEMANTICS.md §15) of a
/// stored result, timed whole: scoring the rates once, then every weight draw, the leave-one-out
/// ranks and the percentiles. Its cost grows with samples × districts × indicators, not with the
/// number of enterprises.
struct SensitivityBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity", abstract: "Time the weight sensitivity analysis of a stored result.")

    @OptionGroup var options: BenchOptions
    @OptionGroup var result: StoredResultOption

    @Option(help: "Weight draws per analysis.")
    var samples = 10_000

    @Option(help: "The spread of the weight factors.")
    var spread = 0.2

    func run() throws {
        let loaded = try options.load()
        let parsed = try AssessmentResult.parse(json: try result.bytes())
        let sensitivity = SensitivityOptions(samples: samples, spread: spread, seed: 1)
        if let problem = sensitivity.problem { throw BenchFailure(problem) }
        Measure.resetPeak()
        let run = Measure.repeated(options.runs) { loaded.model.sensitivity(of: parsed, options: sensitivity) }
        let median = run.seconds.sorted()[run.seconds.count / 2]
        var report = Report()
        report.integer("districts", parsed.districts.count)
        report.integer("indicators", run.value.indicators.count)
        report.integer("samples", samples)
        report.seconds("sensitivity_s", run.seconds)
        report.number("samples_per_s", median > 0 ? Double(samples) / median : nil)
        report.integer("peak_rss_kb", Measure.statusKB("VmHWM"))
        // The same seed must give the same analysis, whatever the optimisation.
        let ranks = run.value.districts.map { "\($0.rankP5 ?? 0)-\($0.medianRank ?? 0)-\($0.rankP95 ?? 0)" }
        report.string("ranks_sha256", SHA256.hex(Array(ranks.joined(separator: ",").utf8)))
        report.print()
    }
}
