import Foundation
import QualityPostgres
import TestFixtures
import Testing

@testable import QualityStore

/// The kinds of store every store test runs against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// A store a test can inspect with SQL and close.
protocol TestableStore: CopyableStore {
    /// The first column of a query's rows as text (`SELECT count(*) …`).
    func column(_ sql: String) async throws(StoreError) -> [String]
    func close() async throws
}

extension SQLiteStore: TestableStore {
    func column(_ sql: String) async throws(StoreError) -> [String] { try await strings(sql) }
}

extension PostgresStore: TestableStore {
    func column(_ sql: String) async throws(StoreError) -> [String] { try await strings(sql) }
}

/// Where one test's store lives (a file in a fresh directory, or a fresh PostgreSQL database), and
/// how to open it, again and again.
struct StoreHarness: Sendable {
    let kind: StoreKind
    /// The SQLite file or the PostgreSQL URL.
    let location: String
    var snapshotsKeptPerPeriod = 3
    var resultsKeptPerPeriod = 5

    /// Runs `body` with a fresh place for a store of `kind`; the SQLite directory is removed afterwards.
    static func with<T>(_ kind: StoreKind, _ body: (StoreHarness) async throws -> T) async throws -> T {
        switch kind {
        case .sqlite:
            return try await StoreFixtures.withTemporaryDirectory { dir in
                try await body(StoreHarness(kind: kind, location: dir.appendingPathComponent("q.sqlite").path))
            }
        case .postgres:
            return try await body(StoreHarness(kind: kind, location: try TestPostgres.shared().createDatabase()))
        }
    }

    /// Runs `body` with a store opened in a fresh place, closed afterwards.
    static func withStore<T>(
        _ kind: StoreKind, snapshotsKept: Int = 3, resultsKept: Int = 5, _ body: (any TestableStore) async throws -> T
    ) async throws -> T {
        try await with(kind) { harness in
            var harness = harness
            harness.snapshotsKeptPerPeriod = snapshotsKept
            harness.resultsKeptPerPeriod = resultsKept
            let store = try await harness.open()
            do {
                let value = try await body(store)
                try await store.close()
                return value
            } catch {
                try? await store.close()
                throw error
            }
        }
    }

    /// Opens (or reopens) the store.
    func open() async throws -> any TestableStore {
        switch kind {
        case .sqlite:
            return try SQLiteStore(
                path: location,
                options: .init(
                    snapshotsKeptPerPeriod: snapshotsKeptPerPeriod, resultsKeptPerPeriod: resultsKeptPerPeriod))
        case .postgres:
            return try await PostgresStore(
                url: location,
                options: .init(
                    snapshotsKeptPerPeriod: snapshotsKeptPerPeriod, resultsKeptPerPeriod: resultsKeptPerPeriod))
        }
    }
}
