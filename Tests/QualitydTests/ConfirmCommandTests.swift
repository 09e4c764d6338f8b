import Foundation
import QualityCore
import QualityStore
import Testing

/// `qualityd publish` and `qualityd confirm` against a store holding a scored run of the worked example.
@Suite struct ConfirmCommandTests {
    static let worked = CommandRunner.fixtures.appendingPathComponent("worked")

    /// A directory with the worked config pointed at its own store, and that store holding a
    /// successful run of 2025 scored by `qualityd score` with that very config.
    static func scoredStore() async throws -> (dir: URL, config: String, store: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qualityd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = dir.appendingPathComponent("q.sqlite").path
        let config = dir.appendingPathComponent("config.yaml").path
        let yaml = try String(contentsOf: worked.appendingPathComponent("config.yaml"), encoding: .utf8)
        try Data((yaml + "\nstorage: { sqlite: \"\(store)\" }\n").utf8).write(to: URL(fileURLWithPath: config))
        let scored = try CommandRunner.run(
            "qualityd",
            ["score", "--config", config, "--snapshot", worked.appendingPathComponent("snapshot.json").path])
        #expect(scored.status == 0, "\(scored.stderr)")
        let result = try AssessmentResult.parse(json: scored.stdout)
        let sqlite = try SQLiteStore(path: store)
        let t = Date(timeIntervalSince1970: 1_750_000_000)
        _ = try await sqlite.recordRun(
            ScoringRun(
                period: "2025", configSHA256: result.configSHA256 ?? "", snapshotSHA256: result.snapshotSHA256,
                startedAt: t, finishedAt: t, durationSeconds: 0.1, status: .success),
            result: result)
        try sqlite.close()
        return (dir, config, store)
    }

    @Test func confirmPublishesAndConfirmsOnceAndExportsAudit() async throws {
        let (dir, config, storePath) = try await Self.scoredStore()
        defer { try? FileManager.default.removeItem(at: dir) }

        let nothing = try CommandRunner.run(
            "qualityd", ["confirm", "--config", config, "--period", "2024", "--by", "张三"])
        #expect(nothing.status == 1)
        #expect(
            nothing.stderr
                == "nothing to publish or confirm: no published list and no scored result of 2024 in \(storePath)\n")

        let confirmed = try CommandRunner.run(
            "qualityd", ["confirm", "--config", config, "--period", "2025", "--by", "张三"])
        #expect(confirmed.status == 0, "\(confirmed.stderr)")
        #expect(
            confirmed.stderr.hasPrefix(
                "\(storePath): published and confirmed the subsidy list of 2025 (list #1): 9 payouts, 600,000.00 yuan, sha256 "
            ))

        let again = try CommandRunner.run(
            "qualityd", ["confirm", "--config", config, "--period", "2025", "--by", "李四"])
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("the subsidy list of 2025 was already confirmed by 张三 at "))
        let republish = try CommandRunner.run(
            "qualityd", ["publish", "--config", config, "--period", "2025", "--by", "李四"])
        #expect(republish.status == 1)
        #expect(republish.stderr.hasPrefix("the subsidy list of 2025 was already confirmed by 张三 at "))

        let out = dir.appendingPathComponent("list.csv").path
        let export = try CommandRunner.run(
            "qualityd", ["export", "--config", config, "--period", "2025", "--format", "csv", "--out", out],
            environment: ["USER": "wang.wu"])
        #expect(export.status == 0, "\(export.stderr)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))

        let store = try SQLiteStore(path: storePath)
        #expect(try await store.payouts().count == 9)
        let audit = try await store.auditLog(limit: 10, offset: 0)
        #expect(audit.map(\.action) == [.export, .confirm, .publish])
        #expect(audit.map(\.who) == ["cli:wang.wu", "张三", "张三"])
        #expect(audit[0].sha256 == SHA256.hex(bytes))
        #expect(audit[0].rows == 11)
        #expect(audit[0].detail == "csv zh, confirmed list #1, to \(out)")
    }

    @Test func publishThenConfirm() async throws {
        let (dir, config, storePath) = try await Self.scoredStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let published = try CommandRunner.run(
            "qualityd",
            ["publish", "--config", config, "--period", "2025", "--by", "李四", "--notice-start", "2025-12-01"])
        #expect(published.status == 0, "\(published.stderr)")
        #expect(published.stderr.hasPrefix("\(storePath): published the subsidy list of 2025 (list #1): 9 payouts"))
        let confirmed = try CommandRunner.run(
            "qualityd", ["confirm", "--config", config, "--period", "2025", "--by", "张三"])
        #expect(confirmed.status == 0)
        #expect(confirmed.stderr.hasPrefix("\(storePath): confirmed the subsidy list of 2025 (list #1)"))

        let store = try SQLiteStore(path: storePath)
        let list = try #require(try await store.currentList(period: "2025"))
        #expect(list.list.noticeStart == ISO8601DateFormatter().date(from: "2025-11-30T16:00:00Z"))
        #expect(list.list.noticeEnd == ISO8601DateFormatter().date(from: "2025-12-07T16:00:00Z"))
        #expect(list.labelsJSON != nil)

        let bad = try CommandRunner.run(
            "qualityd", ["publish", "--config", config, "--period", "2025", "--by", " "])
        #expect(bad.status == 2)
    }
}
