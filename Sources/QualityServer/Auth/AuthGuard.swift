import Foundation
import Logging
import Synchronization

/// What went wrong with a request's credential or origin: the `kind` of `qualityd_auth_failures_total`.
package enum AuthFailureKind: String, Sendable, CaseIterable {
    /// An `Authorization: Bearer` token that matches no configured token.
    case badToken = "bad_token"
    /// A session cookie that is unknown, expired, or whose token was removed.
    case badSession = "bad_session"
    /// A wrong token typed into `/login`.
    case badLogin = "bad_login"
    /// A valid credential with too low a role, or an action from elsewhere than loopback while open.
    case forbidden
    /// A state-changing request whose `Origin` or `Referer` is not this server.
    case crossOrigin = "cross_origin"
    /// A `Host` that is not one of this server's names (421).
    case misdirected
    /// A request refused with 429: too many sign-ins, or too many wrong tokens, from one client.
    case throttled
}

/// Budgets and bookkeeping of failed authentication, per client address.
///
/// - `/login` takes a token of `logins` per attempt, successful or not: a client cannot open
///   sessions (or guess tokens) faster than that.
/// - A wrong bearer token takes a token of `wrongTokens`; a client that has none left gets 429
///   for every bearer request until it has one again, right or wrong.
/// - Every failure counts in `qualityd_auth_failures_total{kind}`. The log gets one warning per
///   client per `logInterval`: the first failure at once, the rest summed up when the interval is
///   over (`flushExpired`, run by `AuthLogService`), or in the line of the client's next failure
///   if that comes first. 10,000 wrong tokens make a handful of lines.
package final class AuthGuard: Sendable {
    /// What `AuthGuard` allows; the defaults suit people typing tokens and scripts with a good one.
    /// 20 sign-ins at once, then one every 3 s; 30 wrong tokens at once, then one a second;
    /// one log line per client a minute.
    package struct Limits: Sendable, Equatable {
        package var logins = ClientThrottle.Policy(capacity: 20, perSecond: 1.0 / 3)
        package var wrongTokens = ClientThrottle.Policy(capacity: 30, perSecond: 1)
        package var logInterval: TimeInterval = 60
    }

    private struct LogWindow {
        var started: Date
        var suppressed: [AuthFailureKind: Int] = [:]
    }

    package let logins: ClientThrottle
    package let wrongTokens: ClientThrottle
    let limits: Limits
    let metrics: OperationalMetrics
    let logger: Logger
    let now: @Sendable () -> Date
    private let windows = Mutex<[String: LogWindow]>([:])

    package init(
        limits: Limits = Limits(), metrics: OperationalMetrics, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.limits = limits
        logins = ClientThrottle(limits.logins)
        wrongTokens = ClientThrottle(limits.wrongTokens)
        self.metrics = metrics
        self.logger = logger
        self.now = now
    }

    /// Counts a failure of `client` and logs it, or sums it up for the client's next log line.
    package func recordFailure(_ kind: AuthFailureKind, client: String, detail: String = "") {
        metrics.recordAuthFailure(kind)
        let at = now()
        let line: String? = windows.withLock { all in
            if var window = all[client], at.timeIntervalSince(window.started) < limits.logInterval {
                window.suppressed[kind, default: 0] += 1
                all[client] = window
                return nil
            }
            let previous = all[client]?.suppressed ?? [:]
            if all[client] == nil, all.count >= 10_000 {
                all = all.filter { at.timeIntervalSince($0.value.started) < limits.logInterval }
            }
            all[client] = LogWindow(started: at)
            var line = "auth failure from \(client): \(kind.rawValue)" + (detail.isEmpty ? "" : " (\(detail))")
            if !previous.isEmpty {
                line += "; before it, since the last line for this client: \(Self.summary(previous))"
            }
            return line + Self.suppressionNote(limits.logInterval)
        }
        if let line { logger.warning("\(line)") }
    }

    /// Logs, for every client whose interval is over, the failures not logged one by one, and
    /// forgets those clients. Returns the lines (for tests).
    @discardableResult
    package func flushExpired() -> [String] {
        let at = now()
        let lines: [String] = windows.withLock { all in
            var lines: [String] = []
            for (client, window) in all where at.timeIntervalSince(window.started) >= limits.logInterval {
                all[client] = nil
                guard !window.suppressed.isEmpty else { continue }
                lines.append(
                    "auth failures from \(client) in the \(Int(limits.logInterval)) s after the last line: \(Self.summary(window.suppressed))"
                )
            }
            return lines.sorted()
        }
        for line in lines { logger.warning("\(line)") }
        return lines
    }

    private static func summary(_ counts: [AuthFailureKind: Int]) -> String {
        counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
            .joined(separator: ", ")
    }

    private static func suppressionNote(_ interval: TimeInterval) -> String {
        "; further failures of this client within \(Int(interval)) s are counted, not logged one by one"
    }
}
