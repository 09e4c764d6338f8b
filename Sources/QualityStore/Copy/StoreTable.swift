import Foundation

/// One value of a stored row, typed as both stores keep it: integers, reals, text and blobs.
public enum StoreValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The value as a diagnostic shows it: `NULL`, the number, the text, or a blob's size.
    package var diagnosticText: String {
        switch self {
        case .null: "NULL"
        case .integer(let n): String(n)
        case .real(let x): String(x)
        case .text(let s): s
        case .blob(let bytes): "<\(bytes.count) bytes>"
        }
    }
}

/// A table every store holds with the same name and columns, its `id` first.
public struct StoreTable: Sendable, Hashable {
    public var name: String
    public var columns: [String]

    /// The columns as a SQL list.
    public var columnList: String { columns.joined(separator: ", ") }

    /// The columns as a SQL list, but for `excluded` (the large JSON a listing does not read).
    package func columnList(excluding excluded: Set<String>) -> String {
        columns.filter { !excluded.contains($0) }.joined(separator: ", ")
    }

    /// Every table, parents before the tables that refer to them (`subsidy_lists` before `payouts`).
    /// The migrations' own bookkeeping is not here: each store keeps its own.
    public static let all: [StoreTable] = [
        pulls, snapshots, scoringRuns, subsidyLists, payouts, auditLog, samplingPlans, corrections, appeals,
    ]

    public static let pulls = StoreTable(
        name: "pulls",
        columns: [
            "id", "source", "started_at", "finished_at", "status", "records", "rejected_total", "rejected", "bytes",
            "duration_seconds", "error",
        ])
    public static let snapshots = StoreTable(
        name: "snapshots", columns: ["id", "period", "sha256", "created_at", "size", "json"])
    public static let scoringRuns = StoreTable(
        name: "scoring_runs",
        columns: [
            "id", "period", "config_sha256", "snapshot_sha256", "started_at", "finished_at", "duration_seconds",
            "status", "error", "result_size", "result_json",
        ])
    public static let subsidyLists = StoreTable(
        name: "subsidy_lists",
        columns: [
            "id", "period", "status", "sha256", "size", "payout_count", "granted_fen", "notice_start", "notice_end",
            "published_by", "published_at", "confirmed_by", "confirmed_at", "revoked_by", "revoked_at",
            "revoke_reason", "result_json", "labels_json",
        ])
    public static let payouts = StoreTable(
        name: "payouts", columns: ["id", "list_id", "period", "uscc", "program", "year", "granted_fen", "voided_at"])
    public static let auditLog = StoreTable(
        name: "audit_log", columns: ["id", "at", "who", "action", "period", "detail", "sha256", "row_count"])
    public static let samplingPlans = StoreTable(
        name: "sampling_plans",
        columns: [
            "id", "period", "status", "seed", "input_sha256", "sha256", "population", "selected", "drawn_by",
            "drawn_at", "revoked_by", "revoked_at", "revoke_reason", "plan_json",
        ])
    public static let corrections = StoreTable(
        name: "corrections",
        columns: [
            "id", "period", "entity", "entity_key", "fact", "value_json", "reason", "evidence", "status",
            "proposed_by", "proposed_at", "decided_by", "decided_at", "decision_reason",
        ])
    public static let appeals = StoreTable(
        name: "appeals",
        columns: [
            "id", "period", "district", "indicator", "appeal_text", "status", "recorded_by", "recorded_at",
            "resolved_by", "resolved_at", "resolution", "correction_ids",
        ])
}

/// A store whose tables can be read and written row by row, ids kept: what `qualityd store copy`
/// needs to move a bureau from one kind of store to another without losing its history.
public protocol CopyableStore: Store {
    /// Where the store is, for messages: a file, or a URL without its password.
    var location: String { get }

    /// Up to `limit` rows of `table` with an id above `id`, in id order, values in `table.columns` order.
    func rows(of table: StoreTable, after id: Int64, limit: Int) async throws(StoreError) -> [[StoreValue]]

    /// Inserts rows as read from another store (ids included), in one transaction.
    func insert(_ rows: [[StoreValue]], into table: StoreTable) async throws(StoreError)

    /// Rows in `table`.
    func count(of table: StoreTable) async throws(StoreError) -> Int

    /// After inserting with explicit ids: makes new rows continue after the highest id.
    func finishCopy() async throws(StoreError)
}
