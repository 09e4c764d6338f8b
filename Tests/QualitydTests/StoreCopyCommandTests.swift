import Foundation
import TestFixtures
import Testing

/// `qualityd store copy`: the worked example's store (a scored run, a confirmed list, its audit
/// lines) from SQLite into PostgreSQL and back, every table's count and digest equal, and the
/// confirmed list exporting the same bytes from either store.
@Suite struct StoreCopyCommandTests {
    /// The worked config with `storage` replaced by `storage`.
    static func config(in dir: URL, named name: String, storage: String) throws -> String {
        let yaml = try String(
            contentsOf: ConfirmCommandTests.worked.appendingPathComponent("config.yaml"), encoding: .utf8)
        let path = dir.appendingPathComponent(name).path
        try Data((yaml + "\nstorage: \(storage)\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func sqliteToPostgresAndBack() async throws {
        let (dir, sqlite, _) = try await ConfirmCommandTests.scoredStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let confirmed = try CommandRunner.run(
            "qualityd", ["confirm", "--config", sqlite, "--period", "2025", "--by", "张三"])
        #expect(confirmed.status == 0, "\(confirmed.stderr)")

        let url = try TestPostgres.shared().createDatabase()
        let postgres = try Self.config(in: dir, named: "pg.yaml", storage: "{ postgres: { url: \"\(url)\", pool: 2 } }")
        let back = try Self.config(
            in: dir, named: "back.yaml", storage: "{ sqlite: \"\(dir.appendingPathComponent("back.sqlite").path)\" }")

        let there = try CommandRunner.run("qualityd", ["store", "copy", "--from", sqlite, "--to", postgres])
        #expect(there.status == 0, "\(there.stderr)")
        let lines = there.text.split(separator: "\n")
        #expect(lines.count == 11)
        #expect(lines.dropFirst(2).allSatisfy { $0.hasSuffix("  =") }, "\(there.text)")
        #expect(there.stderr == "9 tables, 13 rows copied; every count and digest matches\n")

        let again = try CommandRunner.run("qualityd", ["store", "copy", "--from", sqlite, "--to", postgres])
        #expect(again.status == 3)
        #expect(again.stderr.contains("is not empty (scoring_runs has 1 rows)"), "\(again.stderr)")

        let home = try CommandRunner.run("qualityd", ["store", "copy", "--from", postgres, "--to", back])
        #expect(home.status == 0, "\(home.stderr)")
        let original = try CommandRunner.run("qualityd", ["store", "digest", "--config", sqlite])
        let returned = try CommandRunner.run("qualityd", ["store", "digest", "--config", back])
        #expect(original.status == 0 && returned.status == 0)
        #expect(original.text.split(separator: "\n").dropFirst() == returned.text.split(separator: "\n").dropFirst())

        var exports: [[UInt8]] = []
        for config in [sqlite, postgres, back] {
            let out = dir.appendingPathComponent("list-\(exports.count).xlsx").path
            let export = try CommandRunner.run(
                "qualityd", ["export", "--config", config, "--period", "2025", "--format", "xlsx", "--out", out])
            #expect(export.status == 0, "\(export.stderr)")
            exports.append([UInt8](try Data(contentsOf: URL(fileURLWithPath: out))))
        }
        #expect(exports[1] == exports[0] && exports[2] == exports[0])
    }
}
