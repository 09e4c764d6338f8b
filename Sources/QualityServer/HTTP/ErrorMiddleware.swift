import HTTPTypes
import Hummingbird
import Logging

/// Turns every error of a route into what the client reads: for a browser (`Accept: text/html`,
/// outside `/api/` and `/-/`) the HTML error page, and a redirect to `/login` for a GET that needs
/// signing in; for everyone else the JSON `{"error": …}` of `APIError`, with `WWW-Authenticate` on 401.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let runtime: Runtime

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let failure = Self.apiError(error, request, logger: context.logger)
            guard Self.wantsHTML(request) else { throw failure }
            if failure.code == .unauthorized, request.method == .get {
                return .seeOther(PageSupport.loginURL(returningTo: request))
            }
            let page = ErrorPage(
                status: Int(failure.status.code), detail: failure.message,
                context: await PageSupport.context(request, context, runtime: runtime))
            var response = Response.html(page.render(), status: failure.status)
            if failure.code == .unauthorized { response.headers[.wwwAuthenticate] = #"Bearer realm="qualityd""# }
            return response
        }
    }

    /// Whether the client is a browser asking for a page.
    static func wantsHTML(_ request: Request) -> Bool {
        let path = request.uri.path
        guard !path.hasPrefix("/api/"), !path.hasPrefix("/-/") else { return false }
        return request.headers[values: .accept].contains { $0.contains("text/html") }
    }

    /// Any error as the client error for it; unexpected ones are logged and hidden.
    static func apiError(_ error: any Error, _ request: Request, logger: Logger) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as SamplingError:
            return error.apiError
        case let error as HTTPError where error.status == .notFound:
            return APIError(.notFound, "no route \(request.method) \(request.uri.path)")
        case let error as HTTPError where error.status.code < 500:
            return APIError(
                error.status == .unauthorized ? .unauthorized : .badRequest,
                error.body ?? error.status.reasonPhrase)
        default:
            logger.error("\(request.method) \(request.uri.path) failed: \(error)")
            return APIError(.internalError, "internal error; it has been logged")
        }
    }
}
