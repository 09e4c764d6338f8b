import Foundation
import QualityCore
import Testing

@testable import QualityStore

@Suite struct SQLiteStoreTests {
    typealias F = StoreFixtures

    @Test func migratesAnEmptyFileInANewDirectory() async throws {
        try await F.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("data/nested/qualityd.sqlite").path
            let store = try SQLiteStore(path: path)
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(
                try await store.appliedMigrations() == [
                    "v1-pulls", "v1-snapshots", "v1-scoring-runs", "v1-subsidy-lists", "v1-audit-log", "v2-list-labels",
                    "v3-sampling-plans", "v4-corrections-appeals", "v5-sessions",
                ])
            let tables = try await store.strings(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            #expect(
                tables == [
                    "appeals", "audit_log", "corrections", "grdb_migrations", "payouts", "pulls", "sampling_plans",
                    "scoring_runs", "sessions", "snapshots", "subsidy_lists",
                ])
            #expect(try await store.strings("PRAGMA journal_mode") == ["wal"])
            #expect(try await store.strings("PRAGMA foreign_keys") == ["1"])
            #expect(try await store.strings("PRAGMA busy_timeout", onWriter: true) == ["5000"])
            #expect(try await store.latestSuccessfulRun(period: "2025") == nil)
            #expect(try await store.snapshotPeriods() == [])
            try store.close()

            // Reopening applies nothing new and keeps the same versions.
            let again = try SQLiteStore(path: path)
            #expect(try await again.appliedMigrations().count == 9)
        }
    }

    @Test(arguments: StoreKind.allCases) func writesSurviveCloseAndReopen(kind: StoreKind) async throws {
        try await StoreHarness.with(kind) { harness in
            let snapshot = F.snapshot()
            let result = F.result()
            let store = try await harness.open()
            let ok = try await store.recordPull(F.pull(source: "ciq_sampling", at: 10.25))
            let failed = try await store.recordPull(F.pull(source: "ciq_sampling", at: 20, status: .httpError))
            let other = try await store.recordPull(F.pull(source: "mofcom_awards", at: 15))
            let info = try await store.saveSnapshot(snapshot, createdAt: F.time(21))
            let run = try await store.recordRun(F.run(at: 30), result: result)
            try await store.close()

            let reopened = try await harness.open()
            let pulls = try await reopened.recentPulls(source: "ciq_sampling", limit: 10)
            #expect(pulls == [failed, ok])
            #expect(pulls.last?.rejected == ["invalid_uscc": 3, "duplicate": 2, "range": 1])
            #expect(pulls.last?.finishedAt == F.time(10.25))
            #expect(pulls.first?.error == "HTTP 500 from http://127.0.0.1:9471/ciq/sampling?page=2")
            #expect(try await reopened.recentPulls(source: nil, limit: 2) == [failed, other])
            #expect(try await reopened.lastSuccessfulPull(source: "ciq_sampling") == ok)
            #expect(try await reopened.lastSuccessfulPull(source: "nobody") == nil)
            #expect(try await reopened.lastPulls(successfulOnly: false) == [failed, other])
            #expect(try await reopened.lastPulls(successfulOnly: true) == [ok, other])

            let stored = try #require(try await reopened.latestSnapshot(period: "2025"))
            #expect(stored.info == info)
            #expect(stored.json == snapshot.json(style: .canonical))
            #expect(stored.info.sha256 == snapshot.sha256)
            let decoded = try stored.snapshot()
            #expect(decoded.json(style: .canonical) == stored.json)
            #expect(decoded.enterprises.keys == [F.autoParts, F.textile])
            let row = try #require(decoded.enterprises.row(forKey: F.textile))
            #expect(decoded.enterprises.value(row: row, fact: "batches_passed") == .number(19.5))
            #expect(
                decoded.payouts == [Payout(uscc: F.textile, program: "lab_cnas", year: 2023, grantedFen: 15_000_000)])
            #expect(try await reopened.snapshotPeriods() == ["2025"])

            let latest = try #require(try await reopened.latestSuccessfulRun(period: "2025"))
            #expect(latest.run == run)
            #expect(latest.run.resultSize == result.json(style: .compact).count)
            #expect(latest.json == result.json(style: .compact))
            #expect(try latest.result() == result)
            try await reopened.close()
        }
    }

    @Test(arguments: StoreKind.allCases) func snapshotsAreDedupedAndPruned(kind: StoreKind) async throws {
        try await StoreHarness.withStore(kind, snapshotsKept: 2) { store in
            let first = try await store.saveSnapshot(F.snapshot(sampled: 1), createdAt: F.time(1))
            let same = try await store.saveSnapshot(F.snapshot(sampled: 1), createdAt: F.time(2))
            #expect(same == first)
            _ = try await store.saveSnapshot(F.snapshot(sampled: 2), createdAt: F.time(3))
            let newest = try await store.saveSnapshot(F.snapshot(sampled: 3), createdAt: F.time(4))
            _ = try await store.saveSnapshot(F.snapshot(period: "2024Q4"), createdAt: F.time(5))
            _ = try await store.saveSnapshot(F.snapshot(period: "2024"), createdAt: F.time(6))
            #expect(try await store.column("SELECT count(*) FROM snapshots WHERE period = '2025'") == ["2"])
            #expect(try await store.latestSnapshot(period: "2025")?.info == newest)
            #expect(try await store.latestSnapshot(period: "2025")?.json == F.snapshot(sampled: 3).json())
            #expect(try await store.snapshotPeriods() == ["2024", "2024Q4", "2025"])
        }
    }

    @Test func openingUnderAFileNamesTheDirectory() async throws {
        try await F.withTemporaryDirectory { dir in
            let blocker = dir.appendingPathComponent("blocker")
            try Data("not a directory".utf8).write(to: blocker)
            let path = blocker.appendingPathComponent("qualityd.sqlite").path
            do throws(StoreError) {
                _ = try SQLiteStore(path: path)
                Issue.record("opened a store under a plain file")
            } catch {
                guard case .file(let culprit, _) = error else {
                    Issue.record("expected a file error, got \(error)")
                    return
                }
                #expect(culprit == blocker.path)
            }
        }
    }

    @Test func aFileThatIsNotADatabaseNamesItsPath() async throws {
        try await F.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("garbage.sqlite").path
            try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
            do throws(StoreError) {
                _ = try SQLiteStore(path: path)
                Issue.record("opened a file that is not a database")
            } catch {
                guard case .database(let culprit, let code, _, _) = error else {
                    Issue.record("expected a database error, got \(error)")
                    return
                }
                #expect(culprit == path)
                #expect(code == 26)  // SQLITE_NOTADB
                #expect(error.description.hasPrefix("\(path): SQLite error 26"))
            }
        }
    }

    @Test func periodsSortByTimeThenText() {
        #expect(
            StoreRules.sortedPeriods(["2025", "2024-12", "2024Q4", "2024", "draft", "2025Q1"])
                == ["2024", "2024Q4", "2024-12", "2025Q1", "2025", "draft"])
    }
}
