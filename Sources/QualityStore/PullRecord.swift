import Foundation

/// The outcome of one source pull (docs/SEMANTICS.md §12, the `result` label of `qualityd_source_pulls_total`).
public struct PullStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let success = PullStatus(rawValue: "success")
    public static let httpError = PullStatus(rawValue: "http_error")
    public static let timeout = PullStatus(rawValue: "timeout")
    public static let connectionError = PullStatus(rawValue: "connection_error")
    public static let decodeError = PullStatus(rawValue: "decode_error")
    public static let tooLarge = PullStatus(rawValue: "too_large")

    public var description: String { rawValue }
}

/// One pull of one source: when, how it ended, how much came in and what was rejected.
public struct PullRecord: Sendable, Equatable {
    /// Assigned by the store; nil before the pull is recorded.
    public var id: Int64?
    /// The source's `id` in the config.
    public var source: String
    public var startedAt: Date
    public var finishedAt: Date
    public var status: PullStatus
    /// Accepted records.
    public var records: Int
    /// Rejected records by reason (`invalid_uscc`, `duplicate`, …).
    public var rejected: [String: Int]
    /// Body bytes received over all pages.
    public var bytes: Int64
    /// Measured with a monotonic clock, so it need not equal `finishedAt - startedAt`.
    public var durationSeconds: Double
    /// What went wrong, for a pull that did not succeed.
    public var error: String?

    public init(
        id: Int64? = nil, source: String, startedAt: Date, finishedAt: Date, status: PullStatus, records: Int = 0,
        rejected: [String: Int] = [:], bytes: Int64 = 0, durationSeconds: Double = 0, error: String? = nil
    ) {
        self.id = id
        self.source = source
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.records = records
        self.rejected = rejected
        self.bytes = bytes
        self.durationSeconds = durationSeconds
        self.error = error
    }

    /// All rejected records, whatever the reason.
    public var rejectedTotal: Int { rejected.values.reduce(0, +) }
}
