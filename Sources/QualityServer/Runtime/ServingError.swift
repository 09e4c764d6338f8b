/// Why the served result, or the snapshot behind it, cannot be given yet: the daemon is starting,
/// or between a replaced snapshot and the run that scores it. Asking again later helps.
package enum ServingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No scoring run of this process or the store has produced a result.
    case noResultYet
    /// The stored result of `period` is served as bytes but still being parsed after a restart.
    case parsing(period: String)
    /// The snapshot the result of `period` was scored from is no longer stored (it was replaced and
    /// the run that scored the new one failed).
    case snapshotGone(period: String)

    package var description: String {
        switch self {
        case .noResultYet:
            "no result yet: waiting for the first scoring run"
        case .parsing(let period):
            "reading the stored result of \(period); try again shortly"
        case .snapshotGone(let period):
            "the snapshot behind the result of \(period) is no longer stored; wait for the next scoring run"
        }
    }
}
