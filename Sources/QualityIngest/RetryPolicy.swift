/// Retries of one page: `retries` extra attempts with exponential backoff and full jitter.
///
/// The delay before retry n (1-based) is uniform in [0, min(maxDelay, baseDelay × 2^(n−1))]:
/// "full jitter", so that many sources failing together do not retry in lockstep.
public struct RetryPolicy: Sendable, Hashable {
    /// Seconds; the upper bound of the first delay.
    public var baseDelay: Double
    /// Seconds; no delay is longer.
    public var maxDelay: Double

    public init(baseDelay: Double = 0.5, maxDelay: Double = 30) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The upper bound of the delay before retry `retry` (1-based).
    public func ceiling(retry: Int) -> Double {
        let exponent = Double(min(max(retry - 1, 0), 62))
        return min(maxDelay, baseDelay * pow2(exponent))
    }

    /// A jittered delay in seconds before retry `retry` (1-based).
    public func delay(retry: Int, using generator: inout some RandomNumberGenerator) -> Double {
        let ceiling = ceiling(retry: retry)
        guard ceiling > 0 else { return 0 }
        return Double.random(in: 0...ceiling, using: &generator)
    }

    private func pow2(_ e: Double) -> Double {
        var x = 1.0
        var n = Int(e)
        while n > 0 {
            x *= 2
            n -= 1
        }
        return x
    }
}
