import Foundation
import QualityCore

/// How a scoring run ended (the `result` label of `qualityd_scoring_runs_total`).
public enum RunStatus: String, Sendable, Hashable {
    case success
    case failure
}

/// One scoring run: which config and snapshot it scored, when, and how it ended.
public struct ScoringRun: Sendable, Equatable {
    /// Assigned by the store; nil before the run is recorded.
    public var id: Int64?
    public var period: String
    public var configSHA256: String
    /// Nil when the run failed before it had a snapshot.
    public var snapshotSHA256: String?
    public var startedAt: Date
    public var finishedAt: Date
    public var durationSeconds: Double
    public var status: RunStatus
    public var error: String?
    /// Size of the stored result JSON in bytes; 0 for a failure or once retention dropped the result.
    public var resultSize: Int

    public init(
        id: Int64? = nil, period: String, configSHA256: String, snapshotSHA256: String?, startedAt: Date,
        finishedAt: Date, durationSeconds: Double, status: RunStatus, error: String? = nil, resultSize: Int = 0
    ) {
        self.id = id
        self.period = period
        self.configSHA256 = configSHA256
        self.snapshotSHA256 = snapshotSHA256
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.durationSeconds = durationSeconds
        self.status = status
        self.error = error
        self.resultSize = resultSize
    }
}

/// A successful run with its result JSON (`AssessmentResult.json(style: .compact)`), byte for byte.
public struct StoredResult: Sendable, Equatable {
    public var run: ScoringRun
    public var json: [UInt8]

    public init(run: ScoringRun, json: [UInt8]) {
        self.run = run
        self.json = json
    }

    /// The result decoded from its JSON.
    public func result() throws -> AssessmentResult { try AssessmentResult.parse(json: json) }
}
