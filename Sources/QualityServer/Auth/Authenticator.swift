import Foundation
import Hummingbird
import QualityCore

/// Finds out who sends a request (docs/SEMANTICS.md §11): the `Authorization: Bearer` token, else the session
/// cookie of `/login`. Tokens are those of the config in force, so a reload changes them at once.
package struct Authenticator: Sendable {
    let runtime: Runtime
    package let sessions: SessionStore

    package init(runtime: Runtime, sessions: SessionStore = SessionStore()) {
        self.runtime = runtime
        self.sessions = sessions
    }

    /// The request's access. A bearer header that is present but wrong is never overridden by a cookie.
    func access(_ request: Request) -> Access {
        let tokens = runtime.authTokens
        guard !tokens.isEmpty else { return .open }
        if let header = request.headers[.authorization] {
            guard let token = Self.bearer(header), let match = TokenCheck.match(token, in: tokens) else {
                return .anonymous(presented: true)
            }
            return .identified(Identity(name: match.name, role: match.role, credential: .bearer))
        }
        if let id = request.cookies[SessionStore.cookieName]?.value, !id.isEmpty {
            guard let session = sessions.session(id, now: runtime.now()),
                let token = tokens.first(where: { $0.sha256.lowercased() == session.tokenSHA256 })
            else { return .anonymous(presented: true) }
            return .identified(Identity(name: token.name, role: token.role, credential: .session))
        }
        return .anonymous(presented: false)
    }

    /// Signs in with a token typed into the login form: a new session id, or nil for a wrong token.
    func signIn(token: String) -> (id: String, token: TokenConfig)? {
        let tokens = runtime.authTokens
        let typed = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !typed.isEmpty, let match = TokenCheck.match(typed, in: tokens) else { return nil }
        return (sessions.create(tokenSHA256: match.sha256, now: runtime.now()), match)
    }

    /// The token of an `Authorization: Bearer <token>` header (the scheme is case-insensitive).
    static func bearer(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
