import HTTPTypes
import Hummingbird

/// Adds `Cache-Control: no-store` and `X-Content-Type-Options: nosniff` to every `/api/` answer,
/// errors included: the API serves finance data that no cache should keep, and JSON that no
/// browser should sniff into something else.
struct APIHeadersMiddleware: AppMiddleware {

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.cacheControl] = "no-store"
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}
