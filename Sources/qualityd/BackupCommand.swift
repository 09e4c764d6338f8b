import ArgumentParser
import Foundation
import QualityStore

/// `qualityd backup`: a consistent copy of the store, safe while the daemon runs (SQLite's online
/// backup from a read snapshot; `pg_dump` for PostgreSQL). Audited as `backup`.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the store (备份数据库) consistently, even while the daemon runs."
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "The file to write the copy to (replaced if it exists).")
    var out: String

    func run() async throws {
        let (_, store) = try await options.loadWithStore()
        try await storeCall { () async throws(StoreError) in try await store.backup(to: out) }
        let size = ((try? FileManager.default.attributesOfItem(atPath: out))?[.size] as? NSNumber)?.intValue ?? 0
        _ = try? await store.appendAudit(
            AuditEntry(at: Date(), who: "qualityd backup", action: .backup, detail: "to \(out), \(size) bytes"))
        printError("\(store.location) -> \(out): \(size) bytes")
    }
}
