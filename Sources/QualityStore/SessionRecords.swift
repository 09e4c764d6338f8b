import Foundation

/// Browser sessions of `/login` (docs/SEMANTICS.md §11), kept in the store so that a sign-in
/// survives a restart and is honoured by every replica.
///
/// Only the SHA-256 of a session id is stored: whoever reads the database cannot sign in with it.
/// The caps are the store's business, so that replicas signing in at once keep them together.
public protocol SessionRecords: Sendable {
    /// Stores `session` after dropping the expired ones and making room at the expense of the
    /// token signing in: past `perToken` sessions of its token, that token's oldest ends; past
    /// `capacity` in all, the oldest session of the token holding the most ends.
    func createSession(_ session: SessionRecord, capacity: Int, perToken: Int, now: Date) async throws(StoreError)

    /// The session whose id hashes to `idSHA256`, unless it is unknown or expired at `now` (an
    /// expired one is deleted).
    func session(idSHA256: String, now: Date) async throws(StoreError) -> SessionRecord?

    /// Ends the session whose id hashes to `idSHA256`; nothing when there is none.
    func removeSession(idSHA256: String) async throws(StoreError)

    /// Sessions stored, expired ones not yet dropped included.
    func sessionCount() async throws(StoreError) -> Int
}

extension SessionRecords {
    /// `record` unless it expired at `now`; an expired one is ended.
    package func unexpired(_ record: SessionRecord?, now: Date) async throws(StoreError) -> SessionRecord? {
        guard let record else { return nil }
        guard record.expires > now else {
            try await removeSession(idSHA256: record.idSHA256)
            return nil
        }
        return record
    }
}

/// One stored session: the hash of its id, the token that signed in (its SHA-256, as `auth.tokens`
/// lists it) and when it expires (to the millisecond).
public struct SessionRecord: Sendable, Equatable {
    /// Lower-case hex SHA-256 of the session id the cookie carries.
    public var idSHA256: String
    /// Lower-case hex SHA-256 of the token.
    public var tokenSHA256: String
    public var expires: Date

    public init(idSHA256: String, tokenSHA256: String, expires: Date) {
        self.idSHA256 = idSHA256
        self.tokenSHA256 = tokenSHA256
        self.expires = expires
    }
}
