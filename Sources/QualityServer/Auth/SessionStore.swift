import Foundation
import QualityCore
import QualityStore

/// Browser sessions of `/login` (docs/SEMANTICS.md §11), kept in the store (`SessionRecords`), so
/// that a sign-in survives a restart and every replica honours it.
///
/// The `qualityd_session` cookie holds a random id (256 bits from the system's CSPRNG), never the
/// token; the store keeps only the id's SHA-256, the SHA-256 of the token that signed in and an
/// expiry. The token's name and role are looked up in the config in force on every request, so a
/// token removed or demoted by a reload takes its sessions with it. Sessions end after `lifetime`
/// and on sign-out.
package struct SessionStore: Sendable {
    package struct Session: Sendable, Equatable {
        /// Lower-case hex SHA-256 of the token, as `auth.tokens` lists it.
        package var tokenSHA256: String
        package var expires: Date
    }

    package static let cookieName = "qualityd_session"

    let records: any SessionRecords
    /// How long a session lasts after signing in (default 12 hours).
    package let lifetime: TimeInterval
    /// The most sessions kept in all.
    package let capacity: Int
    /// The most sessions of one token; a new one beyond it ends that token's oldest.
    package let perToken: Int

    package init(
        records: any SessionRecords, lifetime: TimeInterval = 12 * 3600, capacity: Int = 10_000, perToken: Int = 200
    ) {
        self.records = records
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
    package func create(tokenSHA256: String, now: Date) async throws(StoreError) -> String {
        let id = Self.newID()
        let record = SessionRecord(
            idSHA256: Self.digest(id), tokenSHA256: tokenSHA256.lowercased(), expires: now + lifetime)
        try await records.createSession(record, capacity: capacity, perToken: perToken, now: now)
        return id
    }

    /// The session `id` names, unless it is unknown or expired (an expired one is dropped).
    package func session(_ id: String, now: Date) async throws(StoreError) -> Session? {
        try await records.session(idSHA256: Self.digest(id), now: now).map {
            Session(tokenSHA256: $0.tokenSHA256, expires: $0.expires)
        }
    }

    package func remove(_ id: String) async throws(StoreError) {
        try await records.removeSession(idSHA256: Self.digest(id))
    }

    package func count() async throws(StoreError) -> Int { try await records.sessionCount() }

    /// What the store keeps of a session id.
    static func digest(_ id: String) -> String { SHA256.hex(Array(id.utf8)) }

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
