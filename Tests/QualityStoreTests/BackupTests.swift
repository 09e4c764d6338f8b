import Foundation
import QualityCore
import Testing

@testable import QualityStore

@Suite struct BackupTests {
    typealias F = StoreFixtures

    @Test func backupWhileAnotherTaskWrites() async throws {
        try await F.withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("live/qualityd.sqlite").path)
            for n in 0..<50 {
                _ = try await store.recordPull(F.pull(source: "ciq_sampling", at: Double(n)))
            }
            _ = try await store.saveSnapshot(F.snapshot(), createdAt: F.time(60))
            _ = try await store.recordRun(F.run(at: 70), result: F.result())
            _ = try await store.publishList(
                F.result(), noticeStart: F.time(0), noticeEnd: F.time(1), by: "finance-li", at: F.time(80))
            _ = try await store.confirmList(period: "2025", by: "finance-wang", at: F.time(90))

            let copyPath = dir.appendingPathComponent("backups/2025-03-01/qualityd.sqlite").path
            async let writer: Int = {
                for n in 0..<300 {
                    _ = try await store.recordPull(F.pull(source: "mofcom_awards", at: 100 + Double(n)))
                }
                return 300
            }()
            try await store.backup(to: copyPath)
            let written = try await writer
            #expect(written == 300)
            #expect(!FileManager.default.fileExists(atPath: copyPath + ".partial"))

            let copy = try SQLiteStore(path: copyPath)
            #expect(try await copy.strings("PRAGMA integrity_check") == ["ok"])
            let ciq = try await copy.strings("SELECT count(*) FROM pulls WHERE source = 'ciq_sampling'")
            #expect(ciq == ["50"])
            let during =
                Int(try await copy.strings("SELECT count(*) FROM pulls WHERE source = 'mofcom_awards'")[0]) ?? -1
            #expect((0...300).contains(during))
            // A consistent copy holds a prefix of the inserts: no id missing below the highest.
            #expect(try await copy.strings("SELECT count(*) = max(id) FROM pulls") == ["1"])
            #expect(try await copy.latestSnapshot(period: "2025")?.json == F.snapshot().json(style: .canonical))
            #expect(try await copy.latestSuccessfulRun(period: "2025")?.json == F.result().json(style: .compact))
            #expect(try await copy.payouts().count == 2)
            #expect(try await copy.auditLog(limit: 10, offset: 0).map(\.action) == [.confirm, .publish])
            #expect(try await copy.appliedMigrations().count == 9)
            try copy.close()

            // A second backup replaces the first and the WAL files the first one's reader left, now with every pull.
            try await store.backup(to: copyPath)
            let replaced = try SQLiteStore(path: copyPath)
            #expect(try await replaced.strings("SELECT count(*) FROM pulls") == ["350"])
        }
    }

    @Test func backupIntoAnImpossiblePlaceNamesIt() async throws {
        try await F.withTemporaryDirectory { dir in
            let live = dir.appendingPathComponent("q.sqlite").path
            let store = try SQLiteStore(path: live)
            await #expect(
                throws: StoreError.invalidArgument(
                    name: "path", message: "\(live) is the live database; back up to another file")
            ) {
                try await store.backup(to: live)
            }
            let blocker = dir.appendingPathComponent("file")
            try Data("x".utf8).write(to: blocker)
            await #expect(throws: StoreError.self) {
                try await store.backup(to: blocker.appendingPathComponent("copy.sqlite").path)
            }
            do throws(StoreError) {
                try await store.backup(to: blocker.appendingPathComponent("copy.sqlite").path)
            } catch {
                guard case .file(let path, _) = error else {
                    Issue.record("expected a file error, got \(error)")
                    return
                }
                #expect(path == blocker.path)
            }
        }
    }
}
