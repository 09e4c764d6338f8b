import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Turns every error of a route into what the client reads: for a browser (`Accept: text/html`,
/// outside `/api/` and `/-/`) the HTML error page, and a redirect to `/login` for a GET that needs
/// signing in; for everyone else the JSON `{"error": …}` of `APIError`, with `WWW-Authenticate` on 401.
///
/// The status of any `HTTPResponseError` is kept (ours are in `DomainErrors+HTTPResponseError.swift`,
/// Hummingbird's `HTTPError` and NIO's body limit come as they are); everything else is a 500.
struct ErrorMiddleware: AppMiddleware {
    let runtime: Runtime

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let route = "\(request.method) \(request.uri.path)"
            let (failure, level) = Self.failure(error, route: route)
            context.logger.log(level: level, "\(route): \(failure.status.code) \(failure.code.rawValue): \(error)")
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

    /// Any error as the client reads it, and the level it is logged at: a failure of the server at
    /// error level (with its cause, which the client does not see), a body over the limit as a
    /// warning (a client that may be probing), the rest, cancelled requests included, at debug.
    static func failure(_ error: any Error, route: String) -> (APIError, Logger.Level) {
        let failure: APIError
        switch error {
        case let error as APIError:
            failure = error
        case let error as any ClientFacingError:
            failure = error.apiError
        case let error as HTTPError where error.status == .notFound:
            failure = APIError(.notFound, "no route \(route)")
        case let error as HTTPError:
            failure = APIError(status: error.status, message: error.body ?? error.status.reasonPhrase)
        case let error as NIOTooManyBytesError:
            let limit = error.maxBytes.map { "the limit of \($0) bytes" } ?? "the limit"
            failure = APIError(.tooLarge, "the request body is over \(limit)")
        case let error as any HTTPResponseError:
            failure = APIError(status: error.status, message: error.status.reasonPhrase)
        case is CancellationError:
            failure = APIError(.cancelled, "the request was cancelled")
        default:
            failure = APIError(.internalError, "internal error; it has been logged")
        }
        switch failure.code {
        case .internalError, .storeFailed: return (failure, .error)
        case .tooLarge: return (failure, .warning)
        default: return (failure, .debug)
        }
    }
}
