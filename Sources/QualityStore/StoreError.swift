import Foundation

/// What went wrong in the store, naming the culprit: the period, the argument, or the database file.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing stored under `key`; `what` names the kind of thing (`subsidy list`, `run`).
    case notFound(what: String, key: String)
    /// Confirming needs a published list; the period has none in force.
    case notPublished(period: String)
    /// The period's list is already confirmed; it cannot be confirmed or republished before a revoke.
    case alreadyConfirmed(period: String, by: String, at: Date)
    /// Revoking needs a confirmed list; the period's list in force is `status`.
    case notConfirmed(period: String, status: ListStatus)
    /// A four-eyes decision by the person who asked for it: `by` proposed `what` #`id` and cannot decide it.
    case sameSigner(what: String, id: Int64, by: String)
    /// `what` #`id` was already decided (`status`); a decision is taken once.
    case alreadyDecided(what: String, id: Int64, status: String)
    /// An argument the store refuses, e.g. an empty revoke reason.
    case invalidArgument(name: String, message: String)
    /// A result JSON that cannot be published for `period`.
    case invalidResult(period: String, message: String)
    /// The database failed: SQLite's result code and message, the file, and the statement if any.
    case database(path: String, code: Int32, message: String, sql: String?)
    /// PostgreSQL failed: the server (its URL without the password), the SQLSTATE (or the client's
    /// error code when the server never answered), its message, and the statement if any.
    case postgres(server: String, sqlState: String, message: String, sql: String?)
    /// A file-system operation on `path` failed (creating the directory, moving a backup).
    case file(path: String, message: String)
    /// The operation needs something this kind of store does not offer.
    case unsupported(operation: String, store: String)
    /// The task was cancelled before the database was reached.
    case cancelled

    public var description: String {
        switch self {
        case .notFound(let what, let key):
            return "no \(what) for \(key)"
        case .notPublished(let period):
            return "the subsidy list of \(period) is not published; publish it before confirming"
        case .alreadyConfirmed(let period, let by, let at):
            return "the subsidy list of \(period) was already confirmed by \(by) at \(StoreTime.iso(at))"
        case .notConfirmed(let period, let status):
            return
                "the subsidy list of \(period) is \(status.rawValue), not confirmed; only a confirmed list can be revoked"
        case .sameSigner(let what, let id, let by):
            return "\(what) #\(id) was proposed by \(by); another person must decide it (four eyes)"
        case .alreadyDecided(let what, let id, let status):
            return "\(what) #\(id) is already \(status)"
        case .invalidArgument(let name, let message):
            return "\(name): \(message)"
        case .invalidResult(let period, let message):
            return "result for \(period): \(message)"
        case .database(let path, let code, let message, let sql):
            let statement = sql.map { " (in `\($0)`)" } ?? ""
            return "\(path): SQLite error \(code): \(message)\(statement)"
        case .postgres(let server, let sqlState, let message, let sql):
            let statement = sql.map { " (in `\($0)`)" } ?? ""
            return "\(server): PostgreSQL error \(sqlState): \(message)\(statement)"
        case .file(let path, let message):
            return "\(path): \(message)"
        case .unsupported(let operation, let store):
            return "\(operation) is not supported by the \(store) store"
        case .cancelled:
            return "cancelled"
        }
    }
}

/// Times are `Date` in the API and integer milliseconds since 1970-01-01T00:00:00Z in the database.
public enum StoreTime {
    public static func millis(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    public static func date(_ millis: Int64) -> Date {
        Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    /// The date as the database keeps it: to the millisecond.
    public static func normalized(_ date: Date) -> Date { Self.date(millis(date)) }

    public static func iso(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
