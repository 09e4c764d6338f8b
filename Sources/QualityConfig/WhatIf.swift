import QualityCore

/// What-if: the same snapshot scored under the config in force and under a proposal, each under
/// the policy version it has in force for the snapshot's period, compared by `PolicyComparison`.
/// `qualityd whatif`, `POST /api/v1/whatif` and the `/whatif` page all come here; nothing is stored.
public enum WhatIf {
    /// Where a proposal is refused: its problems, each with line and column, or a period it has no
    /// policy for.
    public enum Refusal: Error, Sendable, CustomStringConvertible {
        case invalid(ConfigErrors)
        case noPolicy(PolicyError, which: String)

        public var description: String {
            switch self {
            case .invalid(let errors): errors.description
            case .noPolicy(let error, let which): "\(which): \(error)"
            }
        }
    }

    /// Loads a proposal from its bytes (`file` names it in error locations).
    public static func proposal(_ bytes: [UInt8], file: String, environment: [String: String]) throws(Refusal)
        -> LoadedConfig
    {
        do {
            return try ConfigLoader.load(bytes: bytes, file: file, environment: environment)
        } catch {
            throw .invalid(error)
        }
    }

    /// Scores `snapshot` under `current` (A) and `proposal` (B) and compares the results.
    public static func compare(
        current: LoadedConfig, proposal: LoadedConfig, snapshot: Snapshot, snapshotSHA256: String? = nil
    ) throws(Refusal) -> PolicyComparison {
        let a: AssessmentResult
        let b: AssessmentResult
        do {
            a = try current.assess(snapshot, snapshotSHA256: snapshotSHA256)
        } catch {
            throw .noPolicy(error, which: current.path)
        }
        do {
            b = try proposal.assess(snapshot, snapshotSHA256: snapshotSHA256)
        } catch {
            throw .noPolicy(error, which: proposal.path)
        }
        return PolicyComparison(a: a, b: b)
    }
}
