import ArgumentParser
import Foundation
import QualityConfig
import QualityCore

/// `qualityd-bench score`: load a snapshot once, then time `assess` alone; load, parse, canonical
/// JSON and SHA-256 are timed separately.
struct ScoreBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score", abstract: "Time loading, hashing and scoring a snapshot.")

    @OptionGroup var options: BenchOptions

    @Option(help: "The snapshot (docs/SEMANTICS.md §8 JSON, as `qualityd pull --out` writes it).")
    var snapshot: String

    @Option(help: "How many times the snapshot is read, parsed and hashed.")
    var loadRuns = 1

    @Option(help: "Write the result (compact JSON, as the daemon stores it) here.")
    var resultOut: String?

    @Option(help: "Stop after this step (parse, hash), to profile it alone.")
    var stopAfter: String?

    func run() throws {
        let loaded = try options.load()
        var report = Report()
        defer { report.print() }
        let read = try Measure.repeated(loadRuns) { try readBytes(snapshot) }
        let parse = try Measure.repeated(loadRuns) { try Snapshot.parse(json: read.value) }
        let snap = parse.value
        report.integer("districts", snap.districts.count)
        report.integer("enterprises", snap.enterprises.count)
        report.integer("payouts", snap.payouts.count)
        report.integer("snapshot_bytes", read.value.count)
        report.seconds("read_s", read.seconds)
        report.seconds("parse_s", parse.seconds)
        report.integer("load_peak_rss_kb", Measure.statusKB("VmHWM"))
        if stopAfter == "parse" { return }

        let canonical = Measure.repeated(loadRuns) { snap.json(style: .canonical) }
        let hash = Measure.repeated(loadRuns) { SHA256.hex(canonical.value) }
        let sha = hash.value
        report.integer("canonical_bytes", canonical.value.count)
        report.string("snapshot_sha256", sha)
        report.seconds("canonical_json_s", canonical.seconds)
        report.seconds("sha256_s", hash.seconds)
        if stopAfter == "hash" { return }

        report.integer("rss_before_assess_kb", Measure.statusKB("VmRSS"))
        Measure.resetPeak()
        let assess = Measure.repeated(options.runs) {
            loaded.model.assess(snap, configSHA256: loaded.resultSHA256, snapshotSHA256: sha)
        }
        report.integer("assess_peak_rss_kb", Measure.statusKB("VmHWM"))
        report.seconds("assess_s", assess.seconds)
        let result = assess.value
        let json = Measure.repeated(options.runs) { result.json(style: .compact) }
        report.integer("awards", result.subsidies.awards.count)
        report.integer("result_bytes", json.value.count)
        report.seconds("result_json_s", json.seconds)
        if let resultOut {
            guard FileManager.default.createFile(atPath: resultOut, contents: Data(json.value)) else {
                throw BenchFailure("cannot write \(resultOut)")
            }
        }
    }
}
