import Foundation
import QualityCore
import QualityRecords

/// How one pull of one source went: what metrics, the store and `/api/v1/sources` report.
public struct SourcePullOutcome: Sendable {
    public var sourceID: String
    /// The period pulled.
    public var period: String
    public var startedAt: Date
    public var finishedAt: Date
    /// Seconds, from a monotonic clock.
    public var duration: Double
    /// Body bytes of the pages that were used.
    public var bytes: Int
    /// Pages fetched successfully.
    public var pages: Int
    /// HTTP requests made, retries included.
    public var attempts: Int
    public var result: PullResult
    /// Why the pull failed, naming the URL, page and status; nil on success.
    public var error: String?
    /// Records accepted; 0 when the pull failed (its records are discarded).
    public var accepted: Int
    /// Records rejected, by reason; empty when the pull failed.
    public var rejected: [RejectReason: Int]
    /// The source's data; nil when the pull failed.
    public var data: SourceData?

    public init(
        sourceID: String, period: String, startedAt: Date, finishedAt: Date, duration: Double, bytes: Int = 0,
        pages: Int = 0, attempts: Int = 0, result: PullResult, error: String? = nil, accepted: Int = 0,
        rejected: [RejectReason: Int] = [:], data: SourceData? = nil
    ) {
        self.sourceID = sourceID
        self.period = period
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.duration = duration
        self.bytes = bytes
        self.pages = pages
        self.attempts = attempts
        self.result = result
        self.error = error
        self.accepted = accepted
        self.rejected = rejected
        self.data = data
    }

    public var succeeded: Bool { result == .success }

    /// All rejected records.
    public var rejectedTotal: Int { rejected.values.reduce(0, +) }

    /// Rejects as `reason=count` pairs sorted by reason, for logs.
    public var rejectedSummary: String {
        rejected.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: ",")
    }
}

/// Progress of one source's pull, reported after each page and at the end.
public struct PullProgress: Sendable, Equatable {
    public var sourceID: String
    public var pages: Int
    /// Records read so far (accepted and rejected).
    public var records: Int
    public var bytes: Int
    /// Set on the last report of a pull.
    public var result: PullResult?

    public init(sourceID: String, pages: Int, records: Int, bytes: Int, result: PullResult? = nil) {
        self.sourceID = sourceID
        self.pages = pages
        self.records = records
        self.bytes = bytes
        self.result = result
    }
}

/// Receives progress reports; called from the pulling tasks, possibly concurrently.
public typealias PullProgressHandler = @Sendable (PullProgress) -> Void

extension Date {
    /// ISO 8601 in UTC to the second: `2025-07-01T08:00:00Z`.
    public var iso8601UTC: String {
        let seconds = Int64((timeIntervalSince1970).rounded(.down))
        var days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }
}
