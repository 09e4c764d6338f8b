import Foundation
import QualityRecords
import QualityStore

// The stored form of a pull and back: the one edge from ingestion to the store. Ingestion never
// reads the store itself (confirmed payouts are passed to `SnapshotAssembler.assemble`).

extension PullRecord {
    /// The stored form of a pull outcome.
    public init(_ outcome: SourcePullOutcome) {
        var rejected: [String: Int] = [:]
        for (reason, count) in outcome.rejected { rejected[reason.rawValue] = count }
        self.init(
            source: outcome.sourceID, startedAt: outcome.startedAt, finishedAt: outcome.finishedAt,
            status: PullStatus(rawValue: outcome.result.rawValue), records: outcome.accepted, rejected: rejected,
            bytes: Int64(outcome.bytes), durationSeconds: outcome.duration, error: outcome.error)
    }
}

extension SourcePullOutcome {
    /// A pull of an earlier process, read back from the store; `data` is what the source still holds.
    public init(restoring record: PullRecord, period: String, data: SourceData?) {
        var rejected: [RejectReason: Int] = [:]
        for (reason, count) in record.rejected {
            if let r = RejectReason(rawValue: reason) { rejected[r] = count }
        }
        self.init(
            sourceID: record.source, period: period, startedAt: record.startedAt, finishedAt: record.finishedAt,
            duration: record.durationSeconds, bytes: Int(clamping: record.bytes),
            result: PullResult(rawValue: record.status.rawValue) ?? .connectionError, error: record.error,
            accepted: record.records, rejected: rejected, data: data)
    }
}
