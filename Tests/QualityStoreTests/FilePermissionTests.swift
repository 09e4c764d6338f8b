import Foundation
import QualityCore
import Testing

@testable import QualityStore

/// The store holds the audit log and payment lists: its files are its owner's alone (issue 15).
@Suite struct FilePermissionTests {
    typealias F = StoreFixtures

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int) & 0o777
    }

    @Test func databaseWalShmAndBackupsAre0600() async throws {
        try await F.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("data/qualityd.sqlite").path
            let store = try SQLiteStore(path: path)
            _ = try await store.recordPull(F.pull(source: "ciq_sampling", at: 1))
            for file in [path, path + "-wal", path + "-shm"] {
                #expect(try Self.mode(file) == 0o600, "\(file)")
            }
            let copy = dir.appendingPathComponent("backups/qualityd.sqlite").path
            try await store.backup(to: copy)
            #expect(try Self.mode(copy) == 0o600)
        }
    }

    @Test func anExistingOpenFileIsNarrowed() async throws {
        try await F.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("qualityd.sqlite").path
            _ = try SQLiteStore(path: path)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            _ = try SQLiteStore(path: path)
            #expect(try Self.mode(path) == 0o600)
        }
    }
}
