import Foundation
import QualityConfig
import QualityCore
import QualityPostgres
import QualityStore

/// Opens the config's store (`storage.sqlite` or `storage.postgres`) for a command.
///
/// `mustExist` is for commands that read: with SQLite they fail naming the file instead of creating an
/// empty store (a PostgreSQL database is created by its operator, so it exists or the connection fails).
func openStore(_ loaded: LoadedConfig, mustExist: Bool) async throws -> any CopyableStore {
    let storage = loaded.config.storage
    if storage.postgres == nil {
        guard let path = storage.sqlite else {
            throw CommandFailure(
                .invalidInput, "\(loaded.path): storage.sqlite is not set; this command needs the store")
        }
        if mustExist, !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure(
                .runtime,
                "\(path): no store yet (storage.sqlite of \(loaded.path)); run qualityd serve or qualityd pull first"
            )
        }
    }
    do {
        return try await StoreOpener.open(storage)
    } catch {
        throw CommandFailure(.runtime, error.description)
    }
}

/// Runs a store call, turning its error into a runtime failure.
func storeCall<T>(_ body: () async throws(StoreError) -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        throw CommandFailure(.runtime, error.description)
    }
}
