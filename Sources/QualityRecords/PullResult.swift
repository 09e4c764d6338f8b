/// How one source pull ended: the `result` label of `qualityd_source_pulls_total` (docs/SEMANTICS.md §12).
public enum PullResult: String, Sendable, Hashable, CaseIterable {
    case success
    /// The server answered with a status other than 2xx.
    case httpError = "http_error"
    /// No complete response within the source's `timeout`.
    case timeout
    /// The connection could not be made or was refused.
    case connectionError = "connection_error"
    /// The body was truncated, not JSON/CSV, of the wrong content type, or lacked the record array.
    case decodeError = "decode_error"
    /// The body exceeded `max_bytes` (or the source exceeded its page limit).
    case tooLarge = "too_large"
}

/// Why one page of a source could not be used. Fails the whole source pull.
public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    public var result: PullResult
    public var message: String
    /// The HTTP status, when the server answered one.
    public var status: Int?

    public init(_ result: PullResult, _ message: String, status: Int? = nil) {
        self.result = result
        self.message = message
        self.status = status
    }

    /// Whether another attempt may succeed: client errors (4xx but 408 and 429) and oversized bodies
    /// will not change by asking again; everything else may be a passing fault.
    public var isRetryable: Bool {
        switch result {
        case .tooLarge, .success: return false
        case .httpError:
            guard let status else { return true }
            return !(400..<500).contains(status) || status == 408 || status == 429
        case .timeout, .connectionError, .decodeError: return true
        }
    }

    public var description: String { "\(result.rawValue): \(message)" }
}

/// Why a record was rejected (the `reason` label of `qualityd_source_records_rejected_total`, docs/SEMANTICS.md §9).
public enum RejectReason: String, Sendable, Hashable, CaseIterable, Comparable {
    case missingKey = "missing_key"
    case invalidUSCC = "invalid_uscc"
    case unknownDistrict = "unknown_district"
    case duplicate
    case unmappedValue = "unmapped_value"
    case type
    case range
    case check
    case missingField = "missing_field"
    /// Text holding a control character or a bidirectional override (`UnsafeText`).
    case controlCharacter = "control_character"

    public static func < (a: RejectReason, b: RejectReason) -> Bool { a.rawValue < b.rawValue }
}
