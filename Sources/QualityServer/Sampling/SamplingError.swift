import HTTPTypes
import Hummingbird

/// What the sampling routes refuse, with the HTTP status each maps to (docs/SAMPLING.md).
package enum SamplingError: Error, Sendable, Equatable {
    /// The config has no `sampling` section.
    case notConfigured
    /// A seed that is not 1 to 64 letters, digits, `.`, `_` or `-`.
    case invalidSeed(String)
    /// A body that is not `{"seed": "…"}` / `{"reason": "…"}`.
    case invalidBody(String)
    /// The period has no stored snapshot to draw over.
    case noSnapshot(period: String)
    /// The period already has a plan in force; it must be revoked first.
    case alreadyDrawn(period: String, seed: String, by: String, at: String)
    /// The period has no plan in force.
    case noPlan(period: String)

    package var message: String {
        switch self {
        case .notConfigured: "the config has no sampling section (docs/CONFIG.md)"
        case .invalidSeed(let seed): "seed '\(seed)': expected 1 to 64 letters, digits, '.', '_' or '-'"
        case .invalidBody(let what): what
        case .noSnapshot(let period): "no stored snapshot of \(period) to draw over"
        case .alreadyDrawn(let period, let seed, let by, let at):
            "the sampling plan of \(period) was already drawn (seed \(seed), by \(by) at \(at)); revoke it with a reason first"
        case .noPlan(let period): "no sampling plan in force for \(period)"
        }
    }

    /// The same client error as `APIError`: `{"error": {"code", "message"}}`.
    package var apiError: APIError {
        switch self {
        case .notConfigured, .noSnapshot, .noPlan: APIError(.notFound, message)
        case .invalidSeed, .invalidBody: APIError(.badRequest, message)
        case .alreadyDrawn: APIError(.conflict, message)
        }
    }

}
