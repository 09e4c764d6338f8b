import ArgumentParser
import Foundation
import QualityConfig
import QualityCore
import QualityServer
import QualityStore

/// How `report` writes the report.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case html, json
}

/// `qualityd report REPORT --industry GROUP (--period P | --snapshot S)`: a configured analysis
/// report (the industry quality analysis report) as the A4 HTML page the daemon serves, or its
/// figures as JSON. With `--period` the stored snapshots give the change and the trend.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an analysis report (行业质量分析报告) as HTML or JSON."
    )

    @OptionGroup var options: ConfigOptions
    @OptionGroup var input: SnapshotOrPeriod

    @Argument(help: "The report's id (reports[].id), e.g. industry.")
    var report: String

    @Option(name: [.customLong("industry"), .customLong("group")], help: "The group, e.g. the industry textile.")
    var group: String

    @Option(help: "html (default) or json.")
    var format: ReportFormat = .html

    @Option(help: "zh (default) or en, for html.")
    var lang: Language = .zh

    @Option(help: "The file to write; - for stdout.")
    var out: String

    func run() async throws {
        let loaded = try options.load()
        let analysis: ReportAnalysis
        do {
            if let snapshot = input.snapshot {
                let parsed = try readSnapshot(at: snapshot)
                analysis = try ReportService.analysis(report: report, group: group, snapshot: parsed, loaded: loaded)
            } else {
                let store = try await openStore(loaded, mustExist: true)
                analysis = try await ReportService.analysis(
                    report: report, group: group, period: input.period ?? "", loaded: loaded, store: store)
            }
        } catch let error as ReportError {
            throw CommandFailure(.invalidInput, error.message)
        } catch let error as StoreError {
            throw CommandFailure(.runtime, error.description)
        }
        let bytes: [UInt8]
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            bytes = Array(try encoder.encode(ReportDocument(analysis))) + [0x0A]
        case .html:
            let context = PageContext(
                language: lang, path: "/reports/\(report)/\(group)", timezone: loaded.config.timezone)
            bytes = ReportPage(config: loaded.config, analysis: analysis, context: context).render()
        }
        try writeOutput(bytes, to: out)
        printError(
            "\(out == "-" ? "stdout" : out): \(format.rawValue), report \(report), group \(group), "
                + "period \(analysis.current.period), \(analysis.current.enterprises) enterprises")
    }
}
