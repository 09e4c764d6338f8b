import Foundation
import QualityCore

/// Where qualityd keeps what must survive a restart (docs/SEMANTICS.md §10): pulls, snapshots, scoring runs, subsidy lists
/// with their payouts, and the audit log.
///
/// `SQLiteStore` is the embedded default; a PostgreSQL store for several replicas implements the same
/// protocol. Implementations are safe to call from any task. Every method throws `StoreError` only.
/// Times are UTC `Date`s kept to the millisecond; values returned after a write carry the stored times.
public protocol Store: SamplingPlanStore, CorrectionStore, SessionRecords {
    // MARK: Pulls

    /// Records a finished pull and returns it with its id.
    func recordPull(_ pull: PullRecord) async throws(StoreError) -> PullRecord

    /// Pulls newest first (by finish time), of one source or of all when `source` is nil.
    func recentPulls(source: String?, limit: Int) async throws(StoreError) -> [PullRecord]

    /// The newest pull of each source that has one, by source id; with `successfulOnly` the newest
    /// successful pull. Used at start to restore each source's last success and staleness.
    func lastPulls(successfulOnly: Bool) async throws(StoreError) -> [PullRecord]

    /// The newest successful pull of `source`, if any.
    func lastSuccessfulPull(source: String) async throws(StoreError) -> PullRecord?

    // MARK: Snapshots

    /// Stores a snapshot's canonical JSON for its period. Storing the same bytes as the period's latest
    /// snapshot again adds nothing and returns the stored one.
    func saveSnapshot(period: String, json: [UInt8], sha256: String, createdAt: Date) async throws(StoreError)
        -> SnapshotInfo

    /// The newest snapshot of `period`, with its JSON.
    func latestSnapshot(period: String) async throws(StoreError) -> StoredSnapshot?

    /// Periods that have a snapshot, in period order.
    func snapshotPeriods() async throws(StoreError) -> [String]

    // MARK: Scoring runs

    /// Records a finished run; `resultJSON` is required for a success and ignored for a failure.
    func recordRun(_ run: ScoringRun, resultJSON: [UInt8]?) async throws(StoreError) -> ScoringRun

    /// The newest successful run of `period` with its result JSON: what the daemon serves after a restart.
    func latestSuccessfulRun(period: String) async throws(StoreError) -> StoredResult?

    /// Runs newest first without their results, of one period or of all when `period` is nil.
    func runs(period: String?, limit: Int, offset: Int) async throws(StoreError) -> [ScoringRun]

    // MARK: Subsidy lists

    /// Freezes `resultJSON` (a result of `period`) for public notice from `noticeStart` to `noticeEnd`.
    /// A published, unconfirmed list of the period is superseded; a confirmed one refuses
    /// (`alreadyConfirmed`) until revoked. Audited as `publish`.
    ///
    /// `labelsJSON` is frozen with it, opaque to the store: what rendering the list needs besides the
    /// result (the names and policy basis of programs and districts, from the config of the day), so
    /// that a confirmed list exports byte for byte as confirmed after the config changes.
    func publishList(
        period: String, resultJSON: [UInt8], labelsJSON: [UInt8]?, noticeStart: Date, noticeEnd: Date, by: String,
        at: Date
    ) async throws(StoreError) -> SubsidyList

    /// Confirms the period's published list and records its payouts: the awards granted more than 0 fen,
    /// in the period's year. Refuses `notPublished` and `alreadyConfirmed`. Audited as `confirm`.
    func confirmList(period: String, by: String, at: Date) async throws(StoreError) -> SubsidyList

    /// Revokes the period's confirmed list and voids its payouts, keeping both on record. `reason` must
    /// not be empty. Refuses `notFound` and `notConfirmed`. Audited as `revoke`.
    func revokeList(period: String, by: String, reason: String, at: Date) async throws(StoreError) -> SubsidyList

    /// The period's list in force (published or confirmed) with its frozen bytes, if any.
    func currentList(period: String) async throws(StoreError) -> FrozenList?

    /// Every list of the period, newest first, whatever its status.
    func listHistory(period: String) async throws(StoreError) -> [SubsidyList]

    /// The payouts of confirmed lists that are not void, by USCC, program and year: what a snapshot adds
    /// to the finance bureau's payment history.
    func payouts() async throws(StoreError) -> [Payout]

    // MARK: Audit log

    /// Appends an entry and returns it with its id.
    func appendAudit(_ entry: AuditEntry) async throws(StoreError) -> AuditEntry

    /// Entries newest first.
    func auditLog(limit: Int, offset: Int) async throws(StoreError) -> [AuditEntry]

    // MARK: Maintenance

    /// Writes a consistent copy of the whole store to `path` while others keep writing.
    func backup(to path: String) async throws(StoreError)
}

extension Store {
    /// Stores a snapshot, serializing it once for both its bytes and its hash.
    public func saveSnapshot(_ snapshot: Snapshot, createdAt: Date) async throws(StoreError) -> SnapshotInfo {
        let (json, sha256) = snapshot.canonical
        return try await saveSnapshot(period: snapshot.period, json: json, sha256: sha256, createdAt: createdAt)
    }

    /// Records a successful run with its result as compact JSON.
    public func recordRun(_ run: ScoringRun, result: AssessmentResult) async throws(StoreError) -> ScoringRun {
        try await recordRun(run, resultJSON: result.json(style: .compact))
    }

    /// Publishes a result's subsidy list, frozen as compact JSON.
    public func publishList(
        _ result: AssessmentResult, labelsJSON: [UInt8]? = nil, noticeStart: Date, noticeEnd: Date, by: String,
        at: Date
    ) async throws(StoreError) -> SubsidyList {
        try await publishList(
            period: result.period, resultJSON: result.json(style: .compact), labelsJSON: labelsJSON,
            noticeStart: noticeStart, noticeEnd: noticeEnd, by: by, at: at)
    }

    /// Publishes `resultJSON` without labels.
    public func publishList(
        period: String, resultJSON: [UInt8], noticeStart: Date, noticeEnd: Date, by: String, at: Date
    ) async throws(StoreError) -> SubsidyList {
        try await publishList(
            period: period, resultJSON: resultJSON, labelsJSON: nil, noticeStart: noticeStart, noticeEnd: noticeEnd,
            by: by, at: at)
    }

    /// The newest successful run of the period before `period` (same kind: 2024 for 2025, 2025Q2 for
    /// 2025Q3), for the change against the previous period.
    public func previousPeriodRun(of period: String) async throws(StoreError) -> StoredResult? {
        guard let parsed = Period(period) else {
            throw .invalidArgument(name: "period", message: "\(period) is not a period such as 2025, 2025Q3 or 2025-07")
        }
        return try await latestSuccessfulRun(period: parsed.previous.description)
    }
}
