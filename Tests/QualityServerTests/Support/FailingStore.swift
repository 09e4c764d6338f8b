import Foundation
import QualityCore
import QualityStore
import Synchronization

/// The SQLite store, except that saving snapshots fails while `failSnapshots(true)`: a disk that
/// fills up under a running daemon; and listing runs throws `failRuns(with:)`'s error while set.
final class FailingStore: Store {
    let base: SQLiteStore
    private let failing = Mutex(false)
    private let runsFailure = Mutex<StoreError?>(nil)

    init(path: String) throws {
        base = try SQLiteStore(path: path)
    }

    func failSnapshots(_ fail: Bool) { failing.withLock { $0 = fail } }

    func failRuns(with error: StoreError?) { runsFailure.withLock { $0 = error } }

    func saveSnapshot(period: String, json: [UInt8], sha256: String, createdAt: Date) async throws(StoreError)
        -> SnapshotInfo
    {
        if failing.withLock({ $0 }) {
            throw .database(path: base.path, code: 13, message: "database or disk is full", sql: nil)
        }
        return try await base.saveSnapshot(period: period, json: json, sha256: sha256, createdAt: createdAt)
    }

    func recordPull(_ pull: PullRecord) async throws(StoreError) -> PullRecord { try await base.recordPull(pull) }
    func recentPulls(source: String?, limit: Int) async throws(StoreError) -> [PullRecord] {
        try await base.recentPulls(source: source, limit: limit)
    }
    func lastPulls(successfulOnly: Bool) async throws(StoreError) -> [PullRecord] {
        try await base.lastPulls(successfulOnly: successfulOnly)
    }
    func lastSuccessfulPull(source: String) async throws(StoreError) -> PullRecord? {
        try await base.lastSuccessfulPull(source: source)
    }
    func latestSnapshot(period: String) async throws(StoreError) -> StoredSnapshot? {
        try await base.latestSnapshot(period: period)
    }
    func snapshotPeriods() async throws(StoreError) -> [String] { try await base.snapshotPeriods() }
    func recordRun(_ run: ScoringRun, resultJSON: [UInt8]?) async throws(StoreError) -> ScoringRun {
        try await base.recordRun(run, resultJSON: resultJSON)
    }
    func latestSuccessfulRun(period: String) async throws(StoreError) -> StoredResult? {
        try await base.latestSuccessfulRun(period: period)
    }
    func runs(period: String?, limit: Int, offset: Int) async throws(StoreError) -> [ScoringRun] {
        if let error = runsFailure.withLock({ $0 }) { throw error }
        return try await base.runs(period: period, limit: limit, offset: offset)
    }
    func publishList(
        period: String, resultJSON: [UInt8], labelsJSON: [UInt8]?, noticeStart: Date, noticeEnd: Date, by: String,
        at: Date
    ) async throws(StoreError) -> SubsidyList {
        try await base.publishList(
            period: period, resultJSON: resultJSON, labelsJSON: labelsJSON, noticeStart: noticeStart,
            noticeEnd: noticeEnd, by: by, at: at)
    }
    func confirmList(period: String, by: String, at: Date) async throws(StoreError) -> SubsidyList {
        try await base.confirmList(period: period, by: by, at: at)
    }
    func revokeList(period: String, by: String, reason: String, at: Date) async throws(StoreError) -> SubsidyList {
        try await base.revokeList(period: period, by: by, reason: reason, at: at)
    }
    func currentList(period: String) async throws(StoreError) -> FrozenList? {
        try await base.currentList(period: period)
    }
    func listHistory(period: String) async throws(StoreError) -> [SubsidyList] {
        try await base.listHistory(period: period)
    }
    func payouts() async throws(StoreError) -> [Payout] { try await base.payouts() }
    func appendAudit(_ entry: AuditEntry) async throws(StoreError) -> AuditEntry { try await base.appendAudit(entry) }
    func auditLog(limit: Int, offset: Int) async throws(StoreError) -> [AuditEntry] {
        try await base.auditLog(limit: limit, offset: offset)
    }
    func backup(to path: String) async throws(StoreError) { try await base.backup(to: path) }
}

extension FailingStore {
    func freezeSamplingPlan(_ plan: NewSamplingPlan, by: String, at: Date) async throws(StoreError) -> SamplingFreeze {
        try await base.freezeSamplingPlan(plan, by: by, at: at)
    }
    func revokeSamplingPlan(period: String, by: String, reason: String, at: Date) async throws(StoreError)
        -> SamplingPlanRecord?
    {
        try await base.revokeSamplingPlan(period: period, by: by, reason: reason, at: at)
    }
    func samplingPlan(period: String) async throws(StoreError) -> FrozenSamplingPlan? {
        try await base.samplingPlan(period: period)
    }
    func latestSamplingPlan(period: String) async throws(StoreError) -> FrozenSamplingPlan? {
        try await base.latestSamplingPlan(period: period)
    }
    func samplingPlanHistory(period: String) async throws(StoreError) -> [SamplingPlanRecord] {
        try await base.samplingPlanHistory(period: period)
    }
    func samplingPlansInForce() async throws(StoreError) -> [SamplingPlanRecord] {
        try await base.samplingPlansInForce()
    }

    // MARK: Corrections and appeals

    func proposeCorrection(_ correction: NewCorrection, by: String, at: Date) async throws(StoreError) -> Correction {
        try await base.proposeCorrection(correction, by: by, at: at)
    }
    func decideCorrection(id: Int64, approve: Bool, by: String, reason: String, at: Date) async throws(StoreError)
        -> Correction
    {
        try await base.decideCorrection(id: id, approve: approve, by: by, reason: reason, at: at)
    }
    func correction(id: Int64) async throws(StoreError) -> Correction? { try await base.correction(id: id) }
    func corrections(period: String?, status: Correction.Status?) async throws(StoreError) -> [Correction] {
        try await base.corrections(period: period, status: status)
    }
    func recordAppeal(_ appeal: NewAppeal, by: String, at: Date) async throws(StoreError) -> Appeal {
        try await base.recordAppeal(appeal, by: by, at: at)
    }
    func resolveAppeal(
        id: Int64, accepted: Bool, reason: String, correctionIDs: [Int64], by: String, at: Date
    ) async throws(StoreError) -> Appeal {
        try await base.resolveAppeal(
            id: id, accepted: accepted, reason: reason, correctionIDs: correctionIDs, by: by, at: at)
    }
    func appeals(period: String?, district: String?, status: Appeal.Status?) async throws(StoreError) -> [Appeal] {
        try await base.appeals(period: period, district: district, status: status)
    }
    func createSession(_ session: SessionRecord, capacity: Int, perToken: Int, now: Date) async throws(StoreError) {
        try await base.createSession(session, capacity: capacity, perToken: perToken, now: now)
    }
    func session(idSHA256: String, now: Date) async throws(StoreError) -> SessionRecord? {
        try await base.session(idSHA256: idSHA256, now: now)
    }
    func removeSession(idSHA256: String) async throws(StoreError) { try await base.removeSession(idSHA256: idSHA256) }
    func sessionCount() async throws(StoreError) -> Int { try await base.sessionCount() }
}
