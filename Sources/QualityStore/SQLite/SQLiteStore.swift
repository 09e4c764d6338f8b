import Foundation
import GRDB
import QualityCore

/// The embedded store: one SQLite file in WAL mode, read by a pool of connections while one writes.
///
/// Times are kept as integer milliseconds since 1970-01-01T00:00:00Z (UTC). Large JSON (snapshots, results,
/// frozen lists) is kept as BLOBs in each table's last column, so listing rows never reads them.
public final class SQLiteStore: Store {
    /// Tuning of an `SQLiteStore`; the defaults suit the daemon.
    public struct Options: Sendable {
        /// How long a statement waits for another process's lock before failing, in seconds (default 5).
        public var busyTimeoutSeconds: Double
        /// Snapshots kept per period, newest first; older ones are deleted (default 3, 0 keeps all).
        public var snapshotsKeptPerPeriod: Int
        /// Successful runs per period that keep their result JSON; older runs keep only their metadata
        /// (default 5, 0 keeps all). Results are tens of MB at national scale and runs come every few minutes.
        public var resultsKeptPerPeriod: Int

        public init(busyTimeoutSeconds: Double = 5, snapshotsKeptPerPeriod: Int = 3, resultsKeptPerPeriod: Int = 5) {
            self.busyTimeoutSeconds = busyTimeoutSeconds
            self.snapshotsKeptPerPeriod = snapshotsKeptPerPeriod
            self.resultsKeptPerPeriod = resultsKeptPerPeriod
        }
    }

    /// The database file, as given.
    public let path: String
    let options: Options
    let pool: DatabasePool

    /// Opens (or creates) the store at `path`, creating missing parent directories and applying migrations.
    ///
    /// The file is readable by its owner only (0600), and so are the `-wal` and `-shm` files SQLite
    /// creates beside it (it gives them the database file's mode); a file left more open by an
    /// earlier version is narrowed. The store holds the audit log and payment lists.
    public init(path: String, options: Options = Options()) throws(StoreError) {
        self.path = path
        self.options = options
        try Self.createParentDirectory(of: path)
        try Self.createPrivately(path)
        var config = Configuration()
        config.label = "qualityd.store"
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(options.busyTimeoutSeconds)
        config.prepareDatabase { db in
            // A checkpoint after writing a large result leaves the WAL file that large; cap what stays on disk.
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try Self.migrator.migrate(pool)
        } catch {
            throw Self.storeError(error, path: path)
        }
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            _ = chmod(path + suffix, 0o600)
        }
    }

    /// Creates `path` empty with mode 0600 unless it exists, and narrows an existing one to 0600.
    /// SQLite takes an empty file for a new database.
    static func createPrivately(_ path: String) throws(StoreError) {
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .file(path: path, message: "cannot create the database file: \(String(cString: strerror(errno)))")
        }
        closeDescriptor(fd)
        guard chmod(path, 0o600) == 0 else {
            throw .file(path: path, message: "cannot make the file private (0600): \(String(cString: strerror(errno)))")
        }
    }

    /// Closes every connection; later calls fail. Dropping the last reference closes the store as well.
    public func close() throws(StoreError) {
        do { try pool.close() } catch { throw Self.storeError(error, path: path) }
    }

    /// The migrations applied to this file, in the order they were applied.
    public func appliedMigrations() async throws(StoreError) -> [String] {
        try await read { db in try Self.migrator.appliedMigrations(db) }
    }

    /// Copies the database with SQLite's online backup from a read snapshot, so writers go on meanwhile.
    /// The copy is written beside `path` and renamed into place: `path` never holds a partial copy. An
    /// earlier copy at `path` is replaced, together with the `-wal` and `-shm` files it may have left.
    public func backup(to path: String) async throws(StoreError) {
        let live = URL(fileURLWithPath: self.path).standardizedFileURL.resolvingSymlinksInPath()
        guard URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath() != live else {
            throw .invalidArgument(name: "path", message: "\(path) is the live database; back up to another file")
        }
        try Self.createParentDirectory(of: path)
        let partial = path + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            try Self.createPrivately(partial)
            let destination = try DatabaseQueue(path: partial)
            try await pool.read { db in
                try destination.writeWithoutTransaction { destinationDB in try db.backup(to: destinationDB) }
            }
            try destination.close()
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw Self.storeError(error, path: path)
        }
        // A WAL left by an earlier copy would be replayed onto this one and corrupt it.
        for suffix in ["-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        guard rename(partial, path) == 0 else {
            let message = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: partial)
            throw .file(path: path, message: "cannot move the backup into place: \(message)")
        }
    }

    /// One column of a query's rows as text, for diagnostics and tests (`PRAGMA journal_mode`, counts);
    /// `onWriter` runs it on the writing connection, whose settings differ from the readers' (busy handling).
    func strings(_ sql: String, column: Int = 0, onWriter: Bool = false) async throws(StoreError) -> [String] {
        let body: @Sendable (Database) throws -> [String] = { db in
            try Row.fetchAll(db, sql: sql).map { row in StoreValue(row[column] as DatabaseValue).diagnosticText }
        }
        do {
            return onWriter ? try await pool.writeWithoutTransaction(body) : try await pool.read(body)
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    // MARK: Access

    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await pool.read(body) } catch { throw Self.storeError(error, path: path) }
    }

    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await pool.write(body) } catch { throw Self.storeError(error, path: path) }
    }

    static func storeError(_ error: any Error, path: String) -> StoreError {
        switch error {
        case let error as StoreError:
            return error
        case let error as DatabaseError:
            return .database(
                path: path, code: error.extendedResultCode.rawValue, message: error.message ?? "\(error.resultCode)",
                sql: error.sql)
        case is CancellationError:
            return .cancelled
        default:
            return .database(
                path: path, code: ResultCode.SQLITE_ERROR.rawValue, message: String(describing: error), sql: nil)
        }
    }

    private static func createParentDirectory(of path: String) throws(StoreError) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .file(path: directory, message: "cannot create the directory: \(error.localizedDescription)")
        }
    }
}

/// `close(2)`, named apart from `SQLiteStore.close()`.
private func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
}
