import ArgumentParser
import Foundation
import QualityConfig
import QualityCore
import QualityExport

/// `qualityd-bench xlsx`: the subsidy list of docs/SEMANTICS.md §13 as XLSX, for a synthetic result of N awards
/// over the config's districts and programs (names in Chinese, some awards cut by notes).
struct XLSXBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xlsx", abstract: "Time the XLSX export of N awards.")

    @OptionGroup var options: BenchOptions

    @Option(help: "Awards in the list.")
    var awards = 100_000

    @Option(help: "Write the last workbook here (to check it opens).")
    var out: String?

    func run() throws {
        let loaded = try options.load()
        let result = Self.syntheticResult(config: loaded.config, awards: awards)
        let export = SubsidyExport(config: loaded.config, result: result, language: .zh)
        var failure: (any Error)?
        let xlsx = Measure.repeated(options.runs) { () -> ExportFile? in
            do {
                return try export.xlsx()
            } catch {
                failure = error
                return nil
            }
        }
        if let failure { throw BenchFailure("xlsx export failed: \(failure)") }
        guard let file = xlsx.value else { throw BenchFailure("xlsx export gave nothing") }
        if let out, !FileManager.default.createFile(atPath: out, contents: Data(file.bytes)) {
            throw BenchFailure("cannot write \(out)")
        }
        let csv = Measure.repeated(options.runs) { export.csv() }

        var report = Report()
        report.integer("rows", file.rows)
        report.integer("xlsx_bytes", file.bytes.count)
        report.integer("csv_bytes", csv.value.bytes.count)
        report.seconds("xlsx_s", xlsx.seconds)
        report.seconds("csv_s", csv.seconds)
        report.integer("peak_rss_kb", Measure.statusKB("VmHWM"))
        report.print()
    }

    /// Deterministic awards: USCCs in order, districts and programs in turn, every seventh cut.
    static func syntheticResult(config: Config, awards n: Int) -> AssessmentResult {
        let districts = config.districts.map(\.code)
        let programs = config.subsidies.programs.map(\.id)
        var list: [Award] = []
        list.reserveCapacity(n)
        var requested: Int64 = 0
        var granted: Int64 = 0
        for i in 0..<n {
            let ask = Int64(5_000_000 + (i % 20) * 500_000)
            let cut = i % 7 == 0
            let give = cut ? ask / 3 : ask
            requested += ask
            granted += give
            list.append(
                Award(
                    uscc: "9133" + String(1_000_000_000 + i) + "MA", name: "宁波市第\(i)号进出口有限公司",
                    district: districts.isEmpty ? "330200" : districts[i % districts.count],
                    program: programs.isEmpty ? "p" : programs[i % programs.count], requestedFen: ask,
                    grantedFen: give, notes: cut ? [.budget] : []))
        }
        let subsidies = SubsidyResult(budgetFen: granted, requestedFen: requested, grantedFen: granted, awards: list)
        return AssessmentResult(
            period: "2026", configSHA256: String(repeating: "a", count: 64),
            snapshotSHA256: String(repeating: "b", count: 64), subsidies: subsidies)
    }
}
