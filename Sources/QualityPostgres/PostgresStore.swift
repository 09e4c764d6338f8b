import Foundation
import Logging
import PostgresNIO
import QualityCore
import QualityStore

/// The store for several replicas: one PostgreSQL database, reached through a pool of connections.
///
/// It keeps the same rows as `SQLiteStore` (times as integer milliseconds, JSON as `bytea`, byte for
/// byte) and gives the same guarantees: each write is one transaction; writes that decide what is in
/// force for a period (a list, a sampling plan, a snapshot) first take a transaction-level advisory
/// lock on that period, so replicas racing each other are serialised by the database as SQLite's
/// single writer serialises tasks; a unique partial index backs that up, and a transaction that
/// still conflicts is run again and then answers as SQLite would. The audit log refuses UPDATE,
/// DELETE and TRUNCATE with a trigger (`PostgresStore+Migrations.swift`).
public final class PostgresStore: CopyableStore {
    /// Tuning of a `PostgresStore`; the defaults are `SQLiteStore`'s.
    public struct Options: Sendable {
        /// Snapshots kept per period, newest first (default 3, 0 keeps all).
        public var snapshotsKeptPerPeriod: Int
        /// Successful runs per period that keep their result JSON (default 5, 0 keeps all).
        public var resultsKeptPerPeriod: Int

        public init(snapshotsKeptPerPeriod: Int = 3, resultsKeptPerPeriod: Int = 5) {
            self.snapshotsKeptPerPeriod = snapshotsKeptPerPeriod
            self.resultsKeptPerPeriod = resultsKeptPerPeriod
        }
    }

    public let config: PostgresConnectionConfig
    let options: Options
    let client: PostgresClient
    let logger: Logger
    private let runner: Task<Void, Never>
    /// The migrations this store applied when it opened; empty when another replica had applied them.
    public let migrationsAppliedAtOpen: [String]

    /// Connects, applies missing migrations under an advisory lock (replicas starting together
    /// migrate once), then starts the pool. Fails naming the server (without its password).
    public init(config: PostgresConnectionConfig, options: Options = Options(), logger: Logger? = nil)
        async throws(StoreError)
    {
        let logger = logger ?? Logger(label: "qualityd.postgres")
        self.config = config
        self.options = options
        self.logger = logger
        migrationsAppliedAtOpen = try await Self.migrate(config, logger: logger)
        // The pool warns when a connection is asked for before `run()` below has begun (it is served
        // all the same); what goes wrong for a caller is thrown as a `StoreError`, so only errors are logged.
        var background = logger
        background.logLevel = .error
        let client = PostgresClient(configuration: config.clientConfiguration(), backgroundLogger: background)
        self.client = client
        runner = Task { await client.run() }
    }

    /// Opens the store at `url` (see `PostgresConnectionConfig`).
    public convenience init(url: String, pool: Int = 8, options: Options = Options(), logger: Logger? = nil)
        async throws(StoreError)
    {
        try await self.init(
            config: PostgresConnectionConfig(url: url, poolSize: pool), options: options, logger: logger)
    }

    deinit { runner.cancel() }

    /// Closes the pool; later calls fail. Dropping the last reference closes it as well.
    public func close() async {
        runner.cancel()
        await runner.value
    }

    public var location: String { config.redacted }

    // MARK: Access

    /// Runs one statement outside a transaction and returns its rows.
    func rows(_ query: PostgresQuery) async throws(StoreError) -> [PostgresRandomAccessRow] {
        do {
            return try await client.withConnection { connection in
                try await connection.query(query, logger: logger).collect().map(PostgresRandomAccessRow.init)
            }
        } catch {
            throw storeError(error)
        }
    }

    /// Runs one statement outside a transaction and turns its rows into a value.
    func read<T>(_ query: PostgresQuery, _ transform: ([PostgresRandomAccessRow]) throws -> T)
        async throws(StoreError) -> T
    {
        let rows = try await rows(query)
        do { return try transform(rows) } catch { throw storeError(error) }
    }

    /// Runs a statement both stores share outside a transaction and turns its rows into a value.
    func read<T>(_ statement: StoreStatement, _ transform: ([PostgresRandomAccessRow]) throws -> T)
        async throws(StoreError) -> T
    {
        try await read(PostgresQuery(statement), transform)
    }

    /// Runs `body` in a transaction, after taking the advisory lock `lock` if given. A transaction that
    /// conflicts with another (serialisation failure, deadlock, unique violation) is run again, up to
    /// three times in all; the last failure is thrown.
    func transaction<T: Sendable>(
        locking lock: PeriodLock? = nil, _ body: (Transaction) async throws -> T
    ) async throws(StoreError) -> T {
        var attempt = 1
        while true {
            do {
                return try await client.withConnection { connection in
                    let transaction = Transaction(connection: connection, logger: logger)
                    try await transaction.execute("BEGIN")
                    do {
                        if let lock {
                            try await transaction.execute(
                                "SELECT pg_advisory_xact_lock(\(lock.kind.rawValue), hashtext(\(lock.period)))")
                        }
                        let value = try await body(transaction)
                        try await transaction.execute("COMMIT")
                        return value
                    } catch {
                        try? await transaction.execute("ROLLBACK")
                        throw error
                    }
                }
            } catch {
                let mapped = storeError(error)
                guard attempt < 3, case .postgres(_, let state, _, _) = mapped, Self.conflicts.contains(state) else {
                    throw mapped
                }
                attempt += 1
            }
        }
    }

    /// Orders text byte by byte, as SQLite sorts it, whatever the database's collation.
    static let bytewise = #" COLLATE "C""#

    /// SQLSTATEs of a transaction that lost a race and may simply run again.
    static let conflicts: Set<String> = ["40001", "40P01", "23505"]

    func storeError(_ error: any Error) -> StoreError {
        Self.storeError(error, server: config.redacted)
    }

    static func storeError(_ error: any Error, server: String) -> StoreError {
        switch error {
        case let error as StoreError:
            return error
        case let error as PSQLError:
            let sql = error.query?.sql
            if let info = error.serverInfo {
                var message = info[.message] ?? "\(error.code)"
                if let detail = info[.detail] { message += " (\(detail))" }
                return .postgres(server: server, sqlState: info[.sqlState] ?? "?????", message: message, sql: sql)
            }
            let underlying = error.underlying.map { ": \(String(describing: $0))" } ?? ""
            return .postgres(server: server, sqlState: "\(error.code)", message: "\(error.code)\(underlying)", sql: sql)
        case let error as PostgresDecodingError:
            return .postgres(
                server: server, sqlState: "decoding",
                message: "column \(error.columnName) (\(error.postgresType)): \(error.code)", sql: nil)
        case is CancellationError:
            return .cancelled
        default:
            return .postgres(server: server, sqlState: "client", message: String(describing: error), sql: nil)
        }
    }
}

/// Which period-wide decision an advisory lock serialises; the lock's first key.
enum PeriodLockKind: Int32 {
    case list = 7_101
    case samplingPlan = 7_102
    case snapshot = 7_103
}

/// A transaction-level advisory lock on one period's decision of one kind.
struct PeriodLock {
    var kind: PeriodLockKind
    var period: String
}

/// One open transaction's connection.
struct Transaction {
    let connection: PostgresConnection
    let logger: Logger

    func execute(_ query: PostgresQuery) async throws {
        _ = try await connection.query(query, logger: logger).collect()
    }

    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await connection.query(query, logger: logger).collect().map(PostgresRandomAccessRow.init)
    }

    func row(_ query: PostgresQuery) async throws -> PostgresRandomAccessRow? {
        try await rows(query).first
    }

    func execute(_ statement: StoreStatement) async throws { try await execute(PostgresQuery(statement)) }

    func rows(_ statement: StoreStatement) async throws -> [PostgresRandomAccessRow] {
        try await rows(PostgresQuery(statement))
    }

    func row(_ statement: StoreStatement) async throws -> PostgresRandomAccessRow? {
        try await rows(statement).first
    }

    /// Runs an INSERT and returns the new row's id.
    func insert(_ statement: StoreStatement) async throws -> Int64 {
        try PostgresStore.id(await rows(statement.appending(" RETURNING id")))
    }
}

extension PostgresRandomAccessRow: StoreRow {
    /// The named column decoded as `T`; a column the query did not select is an error, not a trap.
    func get<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard contains(column) else {
            throw StoreError.invalidArgument(name: column, message: "the query selected no such column")
        }
        return try self[column].decode(T.self)
    }

    package func value(_ column: String) throws -> StoreValue {
        guard contains(column) else {
            throw StoreError.invalidArgument(name: column, message: "the query selected no such column")
        }
        return try PostgresStore.value(of: self[column])
    }

    /// A `bytea` column as bytes; NULL is empty.
    package func bytes(_ column: String) throws -> [UInt8] {
        guard let buffer = try get(column, as: ByteBuffer?.self) else { return [] }
        return Array(buffer.readableBytesView)
    }
}

extension PostgresQuery {
    /// A statement both stores share, with PostgreSQL's numbered placeholders.
    init(_ statement: StoreStatement) {
        var binds = PostgresBindings(capacity: statement.arguments.count)
        for value in statement.arguments {
            switch value {
            case .null: binds.appendNull()
            case .integer(let n): binds.append(n)
            case .real(let x): binds.append(x)
            case .text(let s): binds.append(s)
            case .blob(let bytes): binds.append(ByteBuffer(bytes: bytes))
            }
        }
        self.init(unsafeSQL: statement.numberedSQL, binds: binds)
    }
}
