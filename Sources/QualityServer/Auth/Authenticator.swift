import Foundation
import Hummingbird
import QualityCore
import QualityStore

/// Finds out who sends a request (docs/SEMANTICS.md §11): the `Authorization: Bearer` token, else the session
/// cookie of `/login`. Tokens are those of the config in force, so a reload changes them at once.
package struct Authenticator: Sendable {
    let runtime: Runtime
    package let sessions: SessionStore
    /// Per-client budgets of sign-ins and wrong tokens, and the failure counts and log.
    package let guards: AuthGuard

    package init(runtime: Runtime, sessions: SessionStore? = nil, guards: AuthGuard) {
        self.runtime = runtime
        self.sessions = sessions ?? SessionStore(records: runtime.store)
        self.guards = guards
    }

    /// The request's access. A bearer header that is present but wrong is never overridden by a cookie.
    ///
    /// Throws `TooManyRequests` for a bearer header from a client that has used up its budget of
    /// wrong tokens (the token is not even looked at then), and `StoreError` when the sessions
    /// cannot be read.
    func access(_ request: Request, client: String) async throws -> Access {
        let tokens = runtime.authTokens
        guard !tokens.isEmpty else { return .open }
        if let header = request.headers[.authorization] {
            let now = runtime.now()
            if let wait = guards.wrongTokens.check(client, now: now) {
                guards.recordFailure(.throttled, client: client)
                throw TooManyRequests(retryAfter: wait, what: "too many wrong tokens from \(client)")
            }
            guard let token = Self.bearer(header), let match = TokenCheck.match(token, in: tokens) else {
                _ = guards.wrongTokens.take(client, now: now)
                guards.recordFailure(.badToken, client: client)
                return .anonymous(presented: true)
            }
            return .identified(Identity(name: match.name, role: match.role, credential: .bearer))
        }
        if let id = request.cookies[SessionStore.cookieName]?.value, !id.isEmpty {
            guard let session = try await sessions.session(id, now: runtime.now()),
                let token = tokens.first(where: { $0.sha256.lowercased() == session.tokenSHA256 })
            else {
                guards.recordFailure(.badSession, client: client)
                return .anonymous(presented: true)
            }
            return .identified(Identity(name: token.name, role: token.role, credential: .session))
        }
        return .anonymous(presented: false)
    }

    /// Signs in with a token typed into the login form: a new session id, or nil for a wrong token.
    func signIn(token: String) async throws(StoreError) -> (id: String, token: TokenConfig)? {
        let tokens = runtime.authTokens
        let typed = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !typed.isEmpty, let match = TokenCheck.match(typed, in: tokens) else { return nil }
        return (try await sessions.create(tokenSHA256: match.sha256, now: runtime.now()), match)
    }

    /// The token of an `Authorization: Bearer <token>` header (the scheme is case-insensitive).
    static func bearer(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
