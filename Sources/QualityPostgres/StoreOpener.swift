import Foundation
import Logging
import QualityCore
import QualityStore

/// Opens the store a config names, the one place that chooses between SQLite and PostgreSQL.
public enum StoreOpener {
    /// `storage.sqlite` (or `sqlitePath`, which overrides the config) as a `SQLiteStore`, or
    /// `storage.postgres` as a `PostgresStore`, migrated. With `mustExist` a missing SQLite file is an
    /// error naming it instead of a new empty store (commands that only read).
    public static func open(
        _ storage: StorageConfig, sqlitePath: String? = nil, mustExist: Bool = false, logger: Logger? = nil
    ) async throws(StoreError) -> any CopyableStore {
        if sqlitePath == nil, let postgres = storage.postgres {
            let config = try PostgresConnectionConfig(url: postgres.url, poolSize: postgres.pool)
            return try await PostgresStore(config: config, logger: logger)
        }
        guard let path = sqlitePath ?? storage.sqlite else {
            throw .invalidArgument(name: "storage", message: "neither storage.sqlite nor storage.postgres is set")
        }
        if mustExist, !FileManager.default.fileExists(atPath: path) {
            throw .notFound(what: "store", key: path)
        }
        return try SQLiteStore(path: path)
    }
}
