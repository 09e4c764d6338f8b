import AsyncAlgorithms
import ServiceLifecycle

/// Writes the summed-up authentication failures of every client whose log interval is over, so a
/// burst that stops is still accounted for in the log (`AuthGuard.flushExpired`).
struct AuthLogService: Service {
    let guards: AuthGuard

    func run() async {
        let seconds = max(1, guards.limits.logInterval)
        let ticks = AsyncTimerSequence(interval: .milliseconds(Int64(seconds * 1000)), clock: .continuous)
        for await _ in ticks.cancelOnGracefulShutdown() {
            guards.flushExpired()
        }
    }
}
