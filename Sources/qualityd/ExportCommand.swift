import ArgumentParser
import QualityConfig
import QualityCore
import QualityExport

extension ExportFormat: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}

/// `qualityd export`: the subsidy list of a snapshot (scored here) or of a stored period, as
/// CSV, XLSX or JSON (SPEC section 14). A one-line summary goes to stderr.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the subsidy list (导出奖励名单) as CSV, XLSX or JSON."
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "Score this snapshot file (JSON, SPEC section 8) and export its list.")
    var snapshot: String?

    @Option(help: "Export the stored result of this period (2025, 2025Q3, 2025-07).")
    var period: String?

    @Option(help: "csv, xlsx or json.")
    var format: ExportFormat

    @Option(help: "zh (default) or en: headers, district and program names, notes.")
    var lang: Language = .zh

    @Option(help: "The file to write; - for stdout.")
    var out: String

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

    func run() throws {
        let loaded = try options.load()
        let result: AssessmentResult
        if let snapshot {
            let bytes = try readFile(snapshot, what: "the snapshot")
            let parsed: Snapshot
            do {
                parsed = try Snapshot.parse(json: bytes)
            } catch {
                throw CommandFailure(.invalidInput, "\(snapshot): \(error)")
            }
            result = loaded.model.assess(parsed, configSHA256: loaded.sha256)
        } else {
            // The store keeps scored and confirmed periods (SPEC 10); until it is wired in, say so.
            throw CommandFailure(
                .runtime, "--period \(period ?? ""): not available yet: needs the store; use --snapshot")
        }
        let file: ExportFile
        do {
            file = try SubsidyExport(config: loaded.config, result: result, language: lang).render(format)
        } catch {
            throw CommandFailure(.runtime, error.description)
        }
        try writeOutput(file.bytes, to: out)
        let s = result.subsidies
        printError(
            "\(out == "-" ? "stdout" : out): \(format.rawValue) \(lang.rawValue), period \(result.period), "
                + "\(file.rows) rows, requested \(Money.format(fen: s.requestedFen)) yuan, "
                + "granted \(Money.format(fen: s.grantedFen)) yuan, sha256 \(file.sha256)"
        )
    }
}
