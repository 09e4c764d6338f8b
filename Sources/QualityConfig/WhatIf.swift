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
        let a = try assess(snapshot, under: current, snapshotSHA256: snapshotSHA256)
        let b = try assess(snapshot, under: proposal, snapshotSHA256: snapshotSHA256)
        return PolicyComparison(a: a, b: b)
    }

    /// `assess` throws only `PolicyError` (untyped: see `PolicyBook.model(for:)`).
    private static func assess(
        _ snapshot: Snapshot, under loaded: LoadedConfig, snapshotSHA256: String?
    ) throws(Refusal) -> AssessmentResult {
        do {
            return try loaded.assess(snapshot, snapshotSHA256: snapshotSHA256)
        } catch let error as PolicyError {
            throw .noPolicy(error, which: loaded.path)
        } catch {
            throw .noPolicy(PolicyError(period: snapshot.period, first: "\(error)", from: nil), which: loaded.path)
        }
    }
}
