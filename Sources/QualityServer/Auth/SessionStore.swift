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
    /// The most sessions kept; beyond it the one expiring first is dropped.
    package let capacity: Int
    private let sessions = Mutex<[String: Session]>([:])

    package init(lifetime: TimeInterval = 12 * 3600, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = max(1, capacity)
    }

    /// Opens a session for the token with digest `tokenSHA256` and returns its id.
    package func create(tokenSHA256: String, now: Date) -> String {
        let id = Self.newID()
        let session = Session(tokenSHA256: tokenSHA256.lowercased(), expires: now + lifetime)
        sessions.withLock { all in
            all = all.filter { $0.value.expires > now }
            while all.count >= capacity, let first = all.min(by: { $0.value.expires < $1.value.expires }) {
                all[first.key] = nil
            }
            all[id] = session
        }
        return id
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
