import ArgumentParser
import Foundation
import QualityConfig
import QualityCore
import QualityStore

/// `--config`, shared by every command; defaults to `config.yaml`.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file.")
    var config: String = "config.yaml"

    /// Loads and validates the config, printing warnings; invalid configs fail with exit code 1.
    func load(printWarnings: Bool = true) throws -> LoadedConfig {
        try Self.load(path: config, printWarnings: printWarnings)
    }

    /// The config, loaded as `load()` does, and its store, opened as `openStore` does.
    func loadWithStore(mustExist: Bool = true) async throws -> (LoadedConfig, any CopyableStore) {
        let loaded = try load()
        return (loaded, try await openStore(loaded, mustExist: mustExist))
    }

    /// Loads and validates the config at `path` (`whatif --proposal`, or a command with two configs
    /// such as `store copy`).
    static func load(path: String, printWarnings: Bool = true) throws -> LoadedConfig {
        do {
            let loaded = try ConfigLoader.load(path: path, environment: ProcessInfo.processInfo.environment)
            if printWarnings {
                for warning in loaded.warnings { printError(warning.description) }
            }
            return loaded
        } catch {
            throw CommandFailure.config(error)
        }
    }
}

/// Reads a file whole, or fails naming it.
///
/// Straight into the array (a national snapshot is 372 MB): through `Data` the bytes were copied
/// twice and held twice.
func readFile(_ path: String, what: String) throws -> [UInt8] {
    let failure = CommandFailure(.invalidInput, "\(path): cannot read \(what)")
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw failure }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
        guard let data = FileManager.default.contents(atPath: path) else { throw failure }
        return [UInt8](data)
    }
    let size = Int(info.st_size)
    var complete = true
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
        guard let base = buffer.baseAddress else { return }
        while count < size {
            let n = read(fd, base + count, size - count)
            if n <= 0 {
                complete = n == 0
                return
            }
            count += n
        }
    }
    guard complete else { throw failure }
    return bytes
}

/// The snapshot file at `path`; an unreadable or invalid one fails naming the file.
func readSnapshot(at path: String) throws -> Snapshot {
    let bytes = try readFile(path, what: "the snapshot")
    do {
        return try Snapshot.parse(json: bytes)
    } catch {
        throw CommandFailure(.invalidInput, "\(path): \(error)")
    }
}

/// Scores the snapshot file at `path` with the loaded config, under the policy in force for its period.
func score(snapshotAt path: String, with loaded: LoadedConfig) async throws -> AssessmentResult {
    try await score(try readSnapshot(at: path), with: loaded)
}

/// Scores `snapshot` under the policy in force for its period, hashing its canonical JSON on
/// another core meanwhile: at national size the hash (the canonical JSON written and hashed,
/// 262 MB) takes about as long as the scoring.
func score(_ snapshot: Snapshot, with loaded: LoadedConfig) async throws -> AssessmentResult {
    _ = try policy(loaded, for: snapshot.period)
    async let hash = snapshot.sha256
    // The hash is filled in below; given here, `assess` does not compute it a second time.
    var result = try loaded.assess(snapshot, snapshotSHA256: "")
    result.snapshotSHA256 = await hash
    return result
}

/// The policy in force for `period` (`LoadedConfig.model(for:)`), or a failure naming the period.
func policy(_ loaded: LoadedConfig, for period: String) throws -> AssessmentModel {
    do {
        return try loaded.model(for: period)
    } catch {
        throw CommandFailure(.invalidInput, "\(loaded.path): \(error)")
    }
}

/// Writes bytes to a file, or to stdout for `-`.
func writeOutput(_ bytes: [UInt8], to path: String?) throws {
    guard let path, path != "-" else {
        FileHandle.standardOutput.write(Data(bytes))
        return
    }
    do {
        // Written from the array in place (a national snapshot is 372 MB): `Data(bytes)` copied it.
        try bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else {
                return try Data().write(to: URL(fileURLWithPath: path), options: .atomic)
            }
            let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    } catch {
        throw CommandFailure(.runtime, "\(path): cannot write: \(error.localizedDescription)")
    }
}
