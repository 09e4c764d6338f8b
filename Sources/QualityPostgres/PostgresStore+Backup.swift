import Foundation
import QualityStore

extension PostgresStore {
    /// Dumps the database with `pg_dump` in its custom format (restore with `pg_restore`), consistent
    /// while replicas keep writing. The dump is written beside `path` and renamed into place, mode 0600.
    /// Without `pg_dump` (on PATH or in /usr/lib/postgresql/*/bin) it fails saying so: then the
    /// operator backs up with their own PostgreSQL tooling.
    public func backup(to path: String) async throws(StoreError) {
        guard let pgDump = Self.findTool("pg_dump") else {
            throw .file(
                path: path,
                message:
                    "pg_dump is neither on PATH nor in /usr/lib/postgresql/*/bin; back up \(config.redacted) with "
                    + "your PostgreSQL tooling (pg_dump, pg_basebackup or your provider's snapshots)")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .file(path: directory, message: "cannot create the directory: \(error.localizedDescription)")
        }
        let partial = path + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600])
        else {
            throw .file(path: partial, message: "cannot create the backup file")
        }
        var arguments = ["--format=custom", "--no-password", "--file=\(partial)", "--username=\(config.username)"]
        arguments.append("--host=\(config.socketDirectory ?? config.host)")
        arguments += ["--port=\(config.port)", "--dbname=\(config.database)"]
        // The password goes through the environment, never the command line that `ps` shows.
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = config.password
        environment["PGSSLMODE"] = config.tls.rawValue
        let outcome = await Self.run(pgDump, arguments: arguments, environment: environment)
        guard outcome.status == 0 else {
            try? FileManager.default.removeItem(atPath: partial)
            let said = outcome.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .file(path: path, message: "pg_dump of \(config.redacted) failed (exit \(outcome.status)): \(said)")
        }
        guard rename(partial, path) == 0 else {
            let message = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: partial)
            throw .file(path: path, message: "cannot move the backup into place: \(message)")
        }
    }

    /// A PostgreSQL client tool on PATH, else the newest in Debian's /usr/lib/postgresql/VERSION/bin.
    static func findTool(_ name: String) -> String? {
        let fileManager = FileManager.default
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") where fileManager.isExecutableFile(atPath: "\(directory)/\(name)") {
            return "\(directory)/\(name)"
        }
        let versions = (try? fileManager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            let candidate = "/usr/lib/postgresql/\(version)/bin/\(name)"
            if fileManager.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable` to its end; its exit status and what it wrote to stderr.
    static func run(_ executable: String, arguments: [String], environment: [String: String]) async -> (
        status: Int32, stderr: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let stderr = Pipe()
        let said = stderr.fileHandleForReading
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        return await withCheckedContinuation { continuation in
            process.terminationHandler = { process in
                let said = String(decoding: said.readDataToEndOfFile(), as: UTF8.self)
                continuation.resume(returning: (process.terminationStatus, said))
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: (-1, "cannot run \(executable): \(error)"))
            }
        }
    }
}
