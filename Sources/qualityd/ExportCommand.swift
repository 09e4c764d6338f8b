import ArgumentParser
import Foundation
import QualityConfig
import QualityCore
import QualityExport
import QualityStore

extension ExportFormat: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}

/// `qualityd export`: the subsidy list of a snapshot (scored here) or of a stored period, as
/// CSV, XLSX or JSON (docs/SEMANTICS.md §13). A one-line summary goes to stderr.
///
/// A stored period's published or confirmed list exports exactly as frozen (names included). The
/// export is audited (who `cli:$USER`) whenever the config's store exists.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the subsidy list (导出奖励名单) as CSV, XLSX or JSON."
    )

    @OptionGroup var options: ConfigOptions
    @OptionGroup var input: SnapshotOrPeriod

    @Option(help: "csv, xlsx or json.")
    var format: ExportFormat

    @Option(help: "zh (default) or en: headers, district and program names, notes.")
    var lang: Language = .zh

    @Option(help: "The file to write; - for stdout.")
    var out: String

    func run() async throws {
        let loaded = try options.load()
        let result: AssessmentResult
        var names: ListNames
        var what: String
        var store: (any CopyableStore)?
        if let snapshot = input.snapshot {
            result = try await score(snapshotAt: snapshot, with: loaded)
            names = ListNames(config: try policy(loaded, for: result.period).config)
            what = "scored from \(snapshot)"
            // Audited when the store exists; an offline export does not create one.
            let storage = loaded.config.storage
            if storage.postgres != nil || storage.sqlite.map(FileManager.default.fileExists(atPath:)) == true {
                store = try await openStore(loaded, mustExist: true)
            }
        } else {
            let opened = try await openStore(loaded, mustExist: true)
            store = opened
            let stored = try await storedResult(opened, loaded, period: input.period ?? "")
            result = stored.result
            what = stored.what
            names = try stored.names ?? ListNames(config: policy(loaded, for: result.period).config)
        }
        let file: ExportFile
        do {
            file = try SubsidyExport(names: names, result: result, language: lang).render(format)
        } catch {
            throw CommandFailure(.runtime, error.description)
        }
        if let store {
            let who = "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "unknown")
            let entry = AuditEntry(
                at: Date(), who: who, action: .export, period: result.period,
                detail: "\(format.rawValue) \(lang.rawValue), \(what), to \(out)", sha256: file.sha256, rows: file.rows)
            _ = try await storeCall { () async throws(StoreError) in try await store.appendAudit(entry) }
        }
        try writeOutput(file.bytes, to: out)
        let s = result.subsidies
        printError(
            "\(out == "-" ? "stdout" : out): \(format.rawValue) \(lang.rawValue), period \(result.period), "
                + "\(file.rows) rows, requested \(Money.format(fen: s.requestedFen)) yuan, "
                + "granted \(Money.format(fen: s.grantedFen)) yuan, sha256 \(file.sha256)"
        )
    }

    /// The period's confirmed (or published) list with its frozen names when there is one, else its
    /// latest scored result.
    private func storedResult(_ store: any CopyableStore, _ loaded: LoadedConfig, period: String) async throws -> (
        result: AssessmentResult, names: ListNames?, what: String
    ) {
        let frozen = try await storeCall { () async throws(StoreError) in try await store.currentList(period: period) }
        do {
            if let frozen {
                let names = try frozen.labelsJSON.map { try ListNames.parse(json: $0) }
                return (try frozen.result(), names, "\(frozen.list.status.rawValue) list #\(frozen.list.id)")
            }
            let run = try await storeCall { () async throws(StoreError) in
                try await store.latestSuccessfulRun(period: period)
            }
            guard let run else {
                throw CommandFailure(.runtime, "--period \(period): no scored result in \(store.location)")
            }
            return (try run.result(), nil, "the latest result (run #\(run.run.id ?? 0))")
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(.runtime, "\(store.location): the stored result of \(period) cannot be read: \(error)")
        }
    }
}
