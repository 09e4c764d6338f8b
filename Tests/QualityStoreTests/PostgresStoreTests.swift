import Foundation
import QualityCore
import QualityPostgres
import TestFixtures
import Testing

@testable import QualityStore

/// What only the PostgreSQL store has: versioned migrations under an advisory lock, the trigger that
/// keeps the audit log append-only, backups through pg_dump, URLs whose password never shows.
@Suite struct PostgresStoreTests {
    typealias F = StoreFixtures

    static let migrations = [
        "pulls", "snapshots", "scoring-runs", "subsidy-lists", "audit-log", "sampling-plans", "corrections-appeals",
        "sessions",
    ]

    @Test func migratesAFreshDatabaseOnce() async throws {
        let url = try TestPostgres.shared().createDatabase()
        let store = try await PostgresStore(url: url)
        #expect(store.migrationsAppliedAtOpen == Self.migrations)
        #expect(try await store.appliedMigrations() == Self.migrations)
        let tables = try await store.strings(
            """
            SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
            ORDER BY table_name COLLATE "C"
            """)
        #expect(
            tables == [
                "appeals", "audit_log", "corrections", "payouts", "pulls", "qualityd_migrations", "sampling_plans",
                "scoring_runs", "sessions", "snapshots", "subsidy_lists",
            ])
        await store.close()
        let again = try await PostgresStore(url: url)
        #expect(again.migrationsAppliedAtOpen == [])
        #expect(try await again.appliedMigrations().count == 8)
        await again.close()
    }

    /// Four replicas start together on a fresh database: one migrates, the others wait on the lock
    /// and find nothing left to do.
    @Test func replicasStartingTogetherMigrateOnce() async throws {
        let url = try TestPostgres.shared().createDatabase()
        let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
            for _ in 0..<4 { group.addTask { try await PostgresStore(url: url) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(stores.map(\.migrationsAppliedAtOpen.count).sorted() == [0, 0, 0, 8])
        #expect(try await stores[0].strings("SELECT count(*) FROM qualityd_migrations") == ["8"])
        for store in stores { await store.close() }
    }

    @Test func theAuditLogRefusesUpdateDeleteAndTruncate() async throws {
        try await StoreHarness.withStore(.postgres) { store in
            _ = try await store.appendAudit(AuditEntry(at: F.time(1), who: "finance-li", action: .export))
            for sql in [
                "UPDATE audit_log SET who = 'someone else'", "DELETE FROM audit_log", "TRUNCATE audit_log",
            ] {
                do throws(StoreError) {
                    _ = try await store.column(sql)
                    Issue.record("\(sql) was allowed")
                } catch {
                    guard case .postgres(_, let state, let message, _) = error else {
                        Issue.record("expected a PostgreSQL error, got \(error)")
                        continue
                    }
                    #expect(state == "42501")
                    #expect(message.hasPrefix("the audit log is append-only"))
                }
            }
            #expect(try await store.auditLog(limit: 10, offset: 0).map(\.who) == ["finance-li"])
        }
    }

    @Test func backupIsAPgDumpThatRestores() async throws {
        let server = try TestPostgres.shared()
        try await F.withTemporaryDirectory { dir in
            try await StoreHarness.withStore(.postgres) { store in
                _ = try await store.recordPull(F.pull(source: "ciq_sampling", at: 1))
                _ = try await store.recordRun(F.run(at: 70), result: F.result())
                _ = try await store.publishList(
                    F.result(), noticeStart: F.time(0), noticeEnd: F.time(1), by: "finance-li", at: F.time(80))
                _ = try await store.confirmList(period: "2025", by: "finance-wang", at: F.time(90))
                let path = dir.appendingPathComponent("backups/qualityd.dump").path
                try await store.backup(to: path)
                let dump = try Data(contentsOf: URL(fileURLWithPath: path))
                #expect(dump.prefix(5) == Data("PGDMP".utf8))
                let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
                #expect(mode.map { $0 & 0o777 } == 0o600)
                #expect(!FileManager.default.fileExists(atPath: path + ".partial"))

                let restoredURL = try server.createDatabase()
                let database = String(restoredURL.split(separator: "/").last?.split(separator: "?").first ?? "")
                try server.run(
                    server.binDirectory + "/pg_restore",
                    ["-h", "127.0.0.1", "-p", "\(server.port)", "-U", "postgres", "-d", database, path],
                    asPostgres: false)
                let restored = try await PostgresStore(url: restoredURL)
                #expect(restored.migrationsAppliedAtOpen == [])
                #expect(try await StoreCopy.digests(of: restored) == (try await StoreCopy.digests(of: store)))
                await restored.close()
            }
        }
    }

    @Test func urlsParseLikeLibpqAndNeverShowThePassword() throws {
        let config = try PostgresConnectionConfig(
            url: "postgres://qualityd:s3cr%40t@db.example.gov.cn:6432/quality?sslmode=require", poolSize: 4)
        #expect(config.host == "db.example.gov.cn")
        #expect(config.port == 6432)
        #expect(config.username == "qualityd")
        #expect(config.password == "s3cr@t")
        #expect(config.database == "quality")
        #expect(config.tls == .require)
        #expect(config.poolSize == 4)
        #expect(config.redacted == "postgres://qualityd:***@db.example.gov.cn:6432/quality?sslmode=require")
        #expect("\(config)" == config.redacted)

        let socket = try PostgresConnectionConfig(url: "postgresql://q@/quality?host=/run/postgresql")
        #expect(socket.socketDirectory == "/run/postgresql")
        #expect(socket.port == 5432)

        let refusals: [(String, String)] = [
            ("mysql://q:pw@h/d", "expected postgres://USER:PASSWORD@HOST:PORT/DATABASE, found mysql://q:***@h/d"),
            ("postgres://q:pw@h/", "postgres://q:***@h/ names no database (…/DATABASE)"),
            ("postgres://h/d", "postgres://h/d names no user"),
            (
                "postgres://q:pw@h/d?sslmode=maybe",
                "sslmode must be one of disable, prefer, require, verify-full, found maybe"
            ),
            (
                "postgres://q:pw@h/d?timeout=3",
                "unknown parameter 'timeout'; qualityd reads sslmode and host (a socket directory)"
            ),
        ]
        for (url, message) in refusals {
            #expect(throws: StoreError.invalidArgument(name: "storage.postgres.url", message: message)) {
                try PostgresConnectionConfig(url: url)
            }
        }
    }

    @Test func aFailedConnectionNamesTheServerWithoutThePassword() async throws {
        let server = try TestPostgres.shared()
        let url = "postgres://postgres:hunter2@127.0.0.1:\(server.port)/no_such_database?sslmode=disable"
        do throws(StoreError) {
            _ = try await PostgresStore(url: url)
            Issue.record("opened a database that does not exist")
        } catch {
            guard case .postgres(let culprit, let state, _, _) = error else {
                Issue.record("expected a PostgreSQL error, got \(error)")
                return
            }
            #expect(culprit == "postgres://postgres:***@127.0.0.1:\(server.port)/no_such_database?sslmode=disable")
            #expect(state == "3D000")  // invalid_catalog_name
            #expect(!error.description.contains("hunter2"))
        }
    }
}
