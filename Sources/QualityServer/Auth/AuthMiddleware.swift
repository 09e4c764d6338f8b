import Hummingbird
import QualityCore

/// Decides every request's `Access` before routing; rejects nothing by itself.
struct IdentifyMiddleware: AppMiddleware {
    let authenticator: Authenticator

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.access = try await authenticator.access(request, client: context.clientKey)
        return try await next(request, context)
    }
}

/// Lets a route's group through only with `role` or a higher one (docs/SEMANTICS.md §11: viewer < finance < admin).
///
/// No valid credential: 401; a role too low: 403; a cookie-signed POST from elsewhere: 403
/// (`SameOrigin`). While `auth.tokens` is empty everything is open, except groups marked
/// `loopbackWhenOpen` (reload and the list actions), which then take loopback connections only.
struct RequireRole: AppMiddleware {
    let role: Role
    let guards: AuthGuard
    var loopbackWhenOpen = false

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        switch context.access {
        case .open:
            if loopbackWhenOpen, !context.isLoopback {
                guards.recordFailure(.forbidden, client: context.clientKey, detail: "action while open")
                throw APIError(
                    .forbidden, "without auth.tokens this is accepted from loopback connections only")
            }
            try guards.sameOrigin(request, context, signedInByCookie: false)
        case .anonymous(let presented):
            throw APIError(
                .unauthorized,
                presented
                    ? "the token or session is not valid (any more); sign in again"
                    : "sign in, or send Authorization: Bearer <token>")
        case .identified(let identity):
            guard identity.role >= role else {
                guards.recordFailure(.forbidden, client: context.clientKey, detail: identity.name)
                throw APIError(
                    .forbidden,
                    "\(identity.name) has the role \(identity.role.rawValue); this needs \(role.rawValue) or higher")
            }
            try guards.sameOrigin(request, context, signedInByCookie: identity.credential == .session)
        }
        return try await next(request, context)
    }

}

extension AuthGuard {
    /// `SameOrigin.check` with the scheme `HostGuard` found, counting a refusal as `cross_origin`.
    func sameOrigin(_ request: Request, _ context: AppRequestContext, signedInByCookie: Bool) throws(APIError) {
        do {
            try SameOrigin.check(request, signedInByCookie: signedInByCookie, scheme: context.originScheme)
        } catch {
            recordFailure(.crossOrigin, client: context.clientKey)
            throw error
        }
    }
}

extension AppRequestContext {
    /// The "who" of the audit log: the token's name, or the peer when tokens are not configured.
    var who: String {
        if let identity = access.identity { return identity.name }
        return "anonymous " + (remoteAddress?.ipAddress ?? "local")
    }
}
