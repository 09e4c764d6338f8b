import Foundation
import Synchronization

/// Browser sessions of `/login` (docs/SEMANTICS.md §11), kept in memory.
///
/// The `qualityd_session` cookie holds a random id (256 bits from the system's CSPRNG), never the
/// token. The id maps to the SHA-256 of the token that signed in and an expiry; the token's name and
/// role are looked up in the config in force on every request, so a token removed or demoted by a
/// reload takes its sessions with it. Sessions end after `lifetime`, on sign-out, and on restart.
package final class SessionStore: Sendable {
    package struct Session: Sendable, Equatable {
        /// Lower-case hex SHA-256 of the token, as `auth.tokens` lists it.
        package var tokenSHA256: String
        package var expires: Date
    }

    package static let cookieName = "qualityd_session"

    /// How long a session lasts after signing in (default 12 hours).
    package let lifetime: TimeInterval
    /// The most sessions kept in all.
    package let capacity: Int
    /// The most sessions of one token; a new one beyond it ends that token's oldest.
    package let perToken: Int
    private let sessions = Mutex<[String: Session]>([:])

    package init(lifetime: TimeInterval = 12 * 3600, capacity: Int = 10_000, perToken: Int = 200) {
        self.lifetime = lifetime
        self.capacity = max(1, capacity)
        self.perToken = max(1, perToken)
    }

    /// Opens a session for the token with digest `tokenSHA256` and returns its id.
    ///
    /// Room is made at the expense of the token signing in, never of another: past `perToken`
    /// its own oldest session ends. Past `capacity` in all (more tokens than it was sized for), the
    /// oldest session of the token holding the most ends, so many sign-ins with one token cannot
    /// sign out the holders of the others.
    package func create(tokenSHA256: String, now: Date) -> String {
        let id = Self.newID()
        let session = Session(tokenSHA256: tokenSHA256.lowercased(), expires: now + lifetime)
        sessions.withLock { all in
            all = all.filter { $0.value.expires > now }
            var counts: [String: Int] = [:]
            for s in all.values { counts[s.tokenSHA256, default: 0] += 1 }
            counts[session.tokenSHA256, default: 0] += 1
            while let mine = counts[session.tokenSHA256], mine > perToken {
                Self.endOldest(of: session.tokenSHA256, in: &all, counts: &counts)
            }
            // Over the total: the oldest session among the tokens holding the most.
            while all.count + 1 > capacity, let most = counts.values.max(),
                let oldest = all.filter({ counts[$0.value.tokenSHA256] == most }).min(by: {
                    $0.value.expires < $1.value.expires
                })
            {
                all[oldest.key] = nil
                counts[oldest.value.tokenSHA256, default: 1] -= 1
            }
            all[id] = session
        }
        return id
    }

    /// Ends the session of `token` that expires first (the oldest: all last `lifetime`).
    private static func endOldest(of token: String, in all: inout [String: Session], counts: inout [String: Int]) {
        let oldest = all.filter { $0.value.tokenSHA256 == token }.min { $0.value.expires < $1.value.expires }
        guard let oldest else {
            // Only the session being created: nothing of this token to end.
            counts[token, default: 1] -= 1
            return
        }
        all[oldest.key] = nil
        counts[token, default: 1] -= 1
    }

    /// The session `id` names, unless it is unknown or expired (an expired one is dropped).
    package func session(_ id: String, now: Date) -> Session? {
        sessions.withLock { all in
            guard let session = all[id] else { return nil }
            guard session.expires > now else {
                all[id] = nil
                return nil
            }
            return session
        }
    }

    package func remove(_ id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    package var count: Int { sessions.withLock { $0.count } }

    /// 32 random bytes as hex. `SystemRandomNumberGenerator` reads the kernel's CSPRNG (getrandom).
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        for _ in 0..<4 {
            let word: UInt64 = generator.next()
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> shift)) }
        }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }
}
