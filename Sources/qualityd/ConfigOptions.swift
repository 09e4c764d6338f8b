import ArgumentParser
import Foundation
import QualityConfig
import QualityCore

/// `--config`, shared by every command; defaults to `config.yaml`.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file.")
    var config: String = "config.yaml"

    /// Loads and validates the config, printing warnings; invalid configs fail with exit code 1.
    func load(printWarnings: Bool = true) throws -> LoadedConfig {
        try Self.load(path: config, printWarnings: printWarnings)
    }

    /// Loads and validates the config at `path` (a command with two configs, such as `store copy`).
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
func readFile(_ path: String, what: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure(.invalidInput, "\(path): cannot read \(what)")
    }
    return [UInt8](data)
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

/// Scores the snapshot file at `path` with the loaded config.
func score(snapshotAt path: String, with loaded: LoadedConfig) throws -> AssessmentResult {
    loaded.model.assess(try readSnapshot(at: path), configSHA256: loaded.sha256)
}

/// Writes bytes to a file, or to stdout for `-`.
func writeOutput(_ bytes: [UInt8], to path: String?) throws {
    guard let path, path != "-" else {
        FileHandle.standardOutput.write(Data(bytes))
        return
    }
    do {
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw CommandFailure(.runtime, "\(path): cannot write: \(error.localizedDescription)")
    }
}
