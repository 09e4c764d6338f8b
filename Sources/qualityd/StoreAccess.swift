import Foundation
import QualityConfig
import QualityCore
import QualityStore

/// Opens the config's SQLite store (`storage.sqlite`) for a command.
///
/// `mustExist` is for commands that read: they fail naming the file instead of creating an empty store.
func openStore(_ loaded: LoadedConfig, mustExist: Bool) throws -> SQLiteStore {
    guard let path = loaded.config.storage.sqlite else {
        throw CommandFailure(.invalidInput, "\(loaded.path): storage.sqlite is not set; this command needs the store")
    }
    if mustExist, !FileManager.default.fileExists(atPath: path) {
        throw CommandFailure(
            .runtime,
            "\(path): no store yet (storage.sqlite of \(loaded.path)); run qualityd serve or qualityd pull first"
        )
    }
    do {
        return try SQLiteStore(path: path)
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
