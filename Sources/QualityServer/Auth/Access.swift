import QualityCore

/// A caller identified by one of the configured tokens (docs/SEMANTICS.md §11).
package struct Identity: Sendable, Equatable {
    /// How the token came: in the `Authorization` header, or through the session cookie of `/login`.
    package enum Credential: Sendable, Equatable {
        case bearer
        case session
    }

    /// The token's name: the "who" of the audit log.
    package var name: String
    package var role: Role
    package var credential: Credential

}

/// What a request may do, as `IdentifyMiddleware` decides it before any route runs.
package enum Access: Sendable, Equatable {
    /// `auth.tokens` is empty: pages and API are open; actions stay loopback-only.
    case open
    /// No valid credential; `presented` when a token or session cookie came but is not (or no longer) valid.
    case anonymous(presented: Bool)
    case identified(Identity)

    package var identity: Identity? {
        if case .identified(let identity) = self { return identity }
        return nil
    }
}
